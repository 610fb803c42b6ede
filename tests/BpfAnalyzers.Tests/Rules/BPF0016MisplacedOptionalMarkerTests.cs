using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// Issue 24: scx's <c>SEC("tp_btf/hw_pressure_update?")</c>. libbpf reads '?' only in front of the section name, so a
    /// trailing one is part of the target: BPF0016 says where it goes and fixes it, the optional form first.
    /// </summary>
    public class BPF0016MisplacedOptionalMarkerTests
    {
        private const string Program = """
            static class Programs
            {
                [BpfSection("NAME")] static int HwPressure() => 0;
            }
            """;

        [Fact]
        public Task A_trailing_question_mark_on_a_BTF_target_says_it_goes_in_front() =>
            Verify.Analyzer(
                "using BpfAnalyzers;\n" + Program.Replace("NAME", "tp_btf/{|#0:hw_pressure_update?|}"),
                "bpf_libbpf_version = 1.7",
                Verify.Diagnostic(Descriptors.Of(Rules.BtfAttachTargetInvalid)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "tp_btf/hw_pressure_update?",
                    "'hw_pressure_update?' cannot be in kernel BTF: BTF names are C identifiers, and '?' is not part of one; " +
                    "libbpf reads '?' only in front of the section name, where it makes the program optional: write '?tp_btf/hw_pressure_update'",
                    "libbpf prints \"prog 'HwPressure': failed to find kernel BTF type ID of 'hw_pressure_update?': -ESRCH\""));

        [Theory]
        [InlineData(0, "?tp_btf/hw_pressure_update")]
        [InlineData(1, "tp_btf/hw_pressure_update")]
        public Task The_fixes_are_the_optional_form_then_the_plain_one(int rank, string expected) =>
            Verify.Fix(
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"tp_btf/{|BPF0016:hw_pressure_update?|}\")] static int HwPressure() => 0; }",
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + expected + "\")] static int HwPressure() => 0; }",
                rank);

        [Theory]
        [InlineData("fentry/{|BPF0016:tcp_v4_connect?|}", "?fentry/tcp_v4_connect")]
        [InlineData("lsm/{|BPF0016:file_open?|}", "?lsm/file_open")]
        [InlineData("kprobe/do_unlinkat{|BPF0013:?|}", "?kprobe/do_unlinkat")]
        [InlineData("?tp_btf/{|BPF0016:sched_switch?|}", "?tp_btf/sched_switch")]
        public Task Every_type_with_a_trailing_question_mark_gets_the_optional_form_first(string name, string expected) =>
            Verify.Fix(
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + name + "\")] static int Prog() => 0; }",
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + expected + "\")] static int Prog() => 0; }",
                globalConfig: "bpf_libbpf_version = 1.7");

        [Fact]
        public Task Before_0_8_which_has_no_optional_marker_the_fix_drops_it() =>
            Verify.Fix(
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"fentry/{|BPF0016:tcp_v4_connect?|}\")] static int Prog() => 0; }",
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"fentry/tcp_v4_connect\")] static int Prog() => 0; }",
                globalConfig: "bpf_libbpf_version = 0.7");
    }
}
