using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0015: BPF program needs a BTF attach target (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0015BtfAttachTargetMissingAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Fentry_without_a_target_fails_to_load() =>
            Verify.Analyzer(
                Program("[BpfSection(\"{|#0:fentry|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.BtfAttachTargetMissing)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "fentry",
                    "'fentry' needs a BTF attach target, the kernel function, after '/' or set in code with bpf_program__set_attach_target() (say so with [BpfLoader(SetsAttachTarget = true)] or AttachTargetSetInCode = true)",
                    "libbpf prints \"prog 'Handle': no BTF-based attach target is specified, use bpf_program__set_attach_target()\""));

        [Fact]
        public Task Attach_target_set_in_code_false_still_reports() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0015:lsm|}\", AttachTargetSetInCode = false)]"));

        // libbpf v1.1.0 src/libbpf.c, libbpf_prepare_prog_load(): pr_warn("prog '%s': attach program FD is not set\n", prog->name);
        // The FD of the program to replace comes only from bpf_program__set_attach_target(): every freplace program sets it in code.
        [Theory]
        [InlineData("freplace")]
        [InlineData("freplace/handle_xdp")]
        [InlineData("freplace/3")]
        public Task Freplace_never_errors_for_its_target(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]"));
    }
}
