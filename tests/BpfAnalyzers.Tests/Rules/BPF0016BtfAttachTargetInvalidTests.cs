using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0016: BTF attach target cannot exist (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0016BtfAttachTargetInvalidAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Btf_target_that_is_not_an_identifier_fails_to_load() =>
            Verify.Analyzer(
                Program("[BpfSection(\"fentry/{|#0:do-unlinkat|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.BtfAttachTargetInvalid)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "fentry/do-unlinkat",
                    "'do-unlinkat' cannot be in kernel BTF: BTF names are C identifiers, and '-' is not part of one",
                    "libbpf prints \"prog 'Handle': failed to find kernel BTF type ID of 'do-unlinkat': -ESRCH\""));

        [Fact]
        public Task Module_function_form_before_1_5_fails_to_load() =>
            Verify.Analyzer(Program("[BpfSection(\"fentry/bpf_testmod{|BPF0016::bpf_testmod_test_read|}\")]"), "build_property.BpfLibbpfVersion = 1.4");
    }
}
