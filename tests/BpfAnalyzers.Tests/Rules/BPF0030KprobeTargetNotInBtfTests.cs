using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// BPF0030: a kprobe target missing from the BTF functions of a kernel whose profile has no kallsyms (made from BTF
    /// alone): information with the nearest BTF names, never an error; where kallsyms exists, BPF0027 judges instead.
    /// </summary>
    public class BPF0030KprobeTargetNotInBtfTests : KernelProfileTestsBase
    {
        [Fact]
        public Task A_kprobe_target_missing_from_BTF_is_information_with_the_nearest_function() => Run(
            "static class P {\n" +
            "  [BpfSection(\"kprobe/{|#0:tcp_v4_connet|}\")] static int A() => 0;\n" +
            "  [BpfSection(\"kretprobe/tcp_v4_connect\")] static int B() => 0;\n" +
            "  [BpfSection(\"kprobe/{|#1:do_unlinkatt|}+0x10\")] static int C() => 0;\n" +
            "  [BpfLoader(AttachesInCode = true)] [BpfSection(\"kprobe/tcp_v4_connet\")] static int D() => 0;\n" +
            "}",
            new[] { Old },
            Verify.Diagnostic(Descriptors.Of(Rules.KprobeTargetNotInBtf)).WithLocation(0).WithArguments(
                "libbpf 1.7", "kprobe/tcp_v4_connet", "tcp_v4_connet", "kernel old (6.1.0)", "; did you mean 'kprobe/tcp_v4_connect'?"),
            Verify.Diagnostic(Descriptors.Of(Rules.KprobeTargetNotInBtf)).WithLocation(1).WithArguments(
                "libbpf 1.7", "kprobe/do_unlinkatt+0x10", "do_unlinkatt", "kernel old (6.1.0)", "; did you mean 'kprobe/do_unlinkat+0x10'?"));

        [Fact]
        public Task With_kallsyms_in_the_profile_the_warning_judges_and_BTF_is_not_asked() => Run(
            Program("\"kprobe/{|BPF0027:tcp_v4_connect|}\""),
            new[] { New });

        [Fact]
        public Task The_fix_writes_the_BTF_name_and_keeps_the_offset() =>
            Fix(Program("\"kprobe/{|BPF0030:do_unlinkatt|}+0x10\""), Program("\"kprobe/do_unlinkat+0x10\""), Old);
    }
}
