using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of SectionNameAnalyzerTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class SectionNameAnalyzerTestsBase
    {
        protected static string Program(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Handle() => 0;
            }
            """;
    }

    /// <summary>One behaviour per test: which names each rule flags, and which it leaves alone.</summary>
    public class SectionNameAnalyzerTests : SectionNameAnalyzerTestsBase
    {
        [Theory]
        [InlineData("xdp")]
        [InlineData("kprobe/do_sys_open")]
        [InlineData("tp/sched/sched_switch")]
        [InlineData("uprobe//bin/bash:readline")]
        [InlineData("cgroup/sock_create")]
        [InlineData("tcx/ingress")]
        [InlineData("?xdp")]
        [InlineData("struct_ops/x")]
        public Task Valid_names_raise_nothing(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]"));

        [Fact]
        public Task Tc_is_fine_before_tcx() =>
            Verify.Analyzer(Program("[BpfSection(\"tc\")]"), "build_property.BpfLibbpfVersion = 1.2");

        [Theory]
        [InlineData("tp.s/sched/sched_switch")]
        [InlineData("tracepoint.s/syscalls/sys_enter_openat")]
        [InlineData("raw_tp.s/sched_switch")]
        [InlineData("raw_tracepoint.s/sched_switch")]
        [InlineData("tp_btf.s/sched_switch")]
        [InlineData("fentry.multi/vfs_*")]
        [InlineData("fexit.multi/vfs_read")]
        [InlineData("fsession.multi/bpf_fentry_test*")]
        [InlineData("fentry.multi.s/vfs_*")]
        [InlineData("fentry.multi/bpf_testmod:bpf_testmod_fentry_test*")]
        public Task Names_only_main_has_are_clean_under_main(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]"), "build_property.BpfLibbpfVersion = main");

        [Fact]
        public Task Two_programs_in_one_section_are_fine_from_0_2() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("xdp")] static int First() => 0;
                    [BpfSection("xdp")] static int Second() => 0;
                }
                """,
                "build_property.BpfLibbpfVersion = 0.2");
    }
}
