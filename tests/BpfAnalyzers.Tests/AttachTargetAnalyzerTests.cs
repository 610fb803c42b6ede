using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of AttachTargetAnalyzerTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class AttachTargetAnalyzerTestsBase
    {
        protected static string Program(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Handle() => 0;
            }
            """;

        protected static DiagnosticResult Rejected(string version, string name, string reason, string outcome) =>
            Verify.Diagnostic(Descriptors.Of(Rules.AttachTargetRejected)).WithLocation(0).WithArguments("libbpf " + version, name, reason, outcome);
    }

    /// <summary>
    /// Attach targets, as libbpf of the target release parses them: each diagnostic underlines just the
    /// bad part of the literal and quotes what libbpf prints.
    /// </summary>
    public class AttachTargetAnalyzerTests : AttachTargetAnalyzerTestsBase
    {
        [Theory]
        [InlineData("kprobe/do_sys_openat2")]
        [InlineData("tp/sched/sched_switch")]
        [InlineData("kretprobe/do_exit")]
        [InlineData("uprobe//bin/bash:readline")]
        [InlineData("uretprobe//bin/bash:readline")]
        [InlineData("usdt/libc.so.6:libc:setjmp")]
        [InlineData("raw_tp/sched_switch")]
        [InlineData("fentry/do_unlinkat")]
        [InlineData("lsm.s/bprm_committed_creds")]
        [InlineData("iter/task")]
        [InlineData("kprobe.multi/tcp_*")]
        [InlineData("ksyscall/openat")]
        [InlineData("?kprobe/do_sys_open+0x10")]
        public Task Valid_targets_raise_nothing(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]"));

        [Fact]
        public Task The_sample_programs_raise_nothing_new() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                [assembly: BpfCustomSection("user+", ProgType = "kprobe")]
                static class Programs
                {
                    private const string Syscall = "kprobe/do_sys_openat2";
                    [BpfSection(Syscall)] static int OnOpen() => 0;
                    [BpfSection("tp/sched/sched_switch")] static int OnSwitch() => 0;
                    [BpfSection("user/audit")] static int Audit() => 0;
                }
                """);

        [Fact]
        public Task Fentry_with_the_target_set_in_code_is_fine() =>
            Verify.Analyzer(Program("[BpfSection(\"fentry\", AttachTargetSetInCode = true)]"));

        [Fact]
        public Task Bare_forms_attached_in_code_can_say_so() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe\", AttachTargetSetInCode = true)]"));
    }
}
