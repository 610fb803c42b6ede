using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0017: Unknown BPF iterator (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0017UnknownIteratorAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Unknown_iterator_warns_and_suggests() =>
            Verify.Analyzer(
                Program("[BpfSection(\"iter/{|#0:tsk|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownIterator)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "iter/tsk",
                    "tsk",
                    "; did you mean 'task'?",
                    "libbpf prints \"prog 'Handle': failed to find kernel BTF type ID of 'tsk': -ESRCH\""));
    }
}
