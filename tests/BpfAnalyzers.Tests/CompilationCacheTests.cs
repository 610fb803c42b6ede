using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// The per-compilation caches (issue 13): suggestions once per distinct wrong name, and names found clean skip the
    /// checks for the next program. Neither may change what is reported, whatever order the programs come in.
    /// </summary>
    public class CompilationCacheTests
    {
        [Fact]
        public Task A_repeated_wrong_name_is_reported_at_every_use() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection({|BPF0001:"xdpblah"|})] static int A() => 0;
                    [BpfSection({|BPF0001:"xdpblah"|})] static int B() => 0;
                    [BpfSection("xdp")] static int C() => 0;
                    [BpfSection({|BPF0001:"xdpblah"|})] static int D() => 0;
                }
                """);

        // A loader that sets the type waives the finding for its own program only: the name is not clean for the next one.
        // (Before the one engine, the waived finding counted as none and marked the name clean for every later program.)
        [Fact]
        public Task A_name_waived_for_one_program_is_still_reported_for_the_next() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfLoader(SetsType = true)]
                    [BpfSection("encap_gre")] static int Typed() => 0;
                    [BpfSection({|BPF0001:"encap_gre"|})] static int Untyped() => 0;
                }
                """);

        [Fact]
        public Task A_repeated_wrong_name_gets_the_same_fix_at_every_use() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection({|BPF0001:"kprobes/do_unlinkat"|})] static int A() => 0;
                    [BpfSection({|BPF0001:"kprobes/do_unlinkat"|})] static int B() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("kprobe/do_unlinkat")] static int A() => 0;
                    [BpfSection("kprobe/do_unlinkat")] static int B() => 0;
                }
                """);

        // Before 0.8 a bare type misses a 'type/' entry and its fix names the program (issue 16): no cache may hand
        // one program's fix to the next with the same name.
        [Fact]
        public Task Before_0_8_each_bare_kprobe_is_fixed_to_its_own_program() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection({|BPF0005:"kprobe"|})] static int do_unlinkat() => 0;
                    [BpfSection({|BPF0005:"kprobe"|})] static int do_sys_open() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("kprobe/do_unlinkat")] static int do_unlinkat() => 0;
                    [BpfSection("kprobe/do_sys_open")] static int do_sys_open() => 0;
                }
                """,
                globalConfig: "build_property.BpfLibbpfVersion = 0.5");

        // The finding is computed once per name; the program libbpf's message names is each program's own.
        [Fact]
        public Task A_repeated_wrong_name_names_each_program_in_its_message() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection({|#0:"xdpblah"|})] static int First() => 0;
                    [BpfSection({|#1:"xdpblah"|})] static int Second() => 0;
                }
                """,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "xdpblah", "prog 'First': missing BPF prog type, check ELF section name 'xdpblah'", "; did you mean 'xdp'?"),
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(1).WithArguments(
                    "libbpf 1.1", "xdpblah", "prog 'Second': missing BPF prog type, check ELF section name 'xdpblah'", "; did you mean 'xdp'?"));

        // A loader declaration waives the finding for its own program only: the name is not clean, and the next program
        // with the same name and no declaration still gets the finding, before or after the waived one.
        [Fact]
        public Task A_waived_finding_is_not_remembered_as_a_clean_name() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("uprobe/{|BPF0012:trace_uprobe|}")] static int Before() => 0;
                    [BpfSection("uprobe/trace_uprobe"), BpfLoader(AttachesInCode = true)] static int Waived() => 0;
                    [BpfSection("uprobe/{|BPF0012:trace_uprobe|}")] static int After() => 0;
                }
                """);

        [Fact]
        public Task A_clean_name_stays_clean_next_to_wrong_ones() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("tp/sched/sched_switch")] static int A() => 0;
                    [BpfSection({|BPF0001:"tps/sched/sched_switch"|})] static int B() => 0;
                    [BpfSection("tp/sched/sched_switch")] static int C() => 0;
                    [BpfSection("uprobe/{|BPF0012:trace_uprobe|}")] static int D() => 0;
                }
                """);
    }
}
