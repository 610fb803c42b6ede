using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0013: libbpf reads the attach target differently from how it is written (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0013AttachTargetMisreadAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Kprobe_foo_bar_attaches_to_foo_and_says_so() =>
            Verify.Analyzer(
                Program("[BpfSection(\"kprobe/foo{|#0:-bar|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.AttachTargetMisread)).WithLocation(0).WithMessage(
                    "libbpf 1.7 reads section 'kprobe/foo-bar' differently from how it is written: it attaches to 'foo' and silently ignores '-bar', because attach_kprobe() reads the target with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there; libbpf prints nothing"));

        [Fact]
        public Task A_surrogate_pair_escape_is_underlined_whole() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe/foo{|BPF0013:\\U0001F600|}\")]"));

        [Fact]
        public Task Verbatim_doubled_quotes_are_mapped() =>
            Verify.Analyzer(Program("[BpfSection(@\"kprobe/foo{|BPF0013:\"\"bar|}\")]"));

        [Fact]
        public Task The_do_not_autoload_prefix_keeps_offsets_right() =>
            Verify.Analyzer(Program("[BpfSection(\"?kprobe/foo{|BPF0013:-bar|}\")]"));
    }
}
