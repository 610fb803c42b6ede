using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>One behaviour per test: which names each rule flags, and which it leaves alone.</summary>
    public class SectionNameAnalyzerTests
    {
        private static string Program(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Handle() => 0;
            }
            """;

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
        public Task Unknown_name_is_an_error_that_quotes_libbpf_and_suggests() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"xdpblah\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.7", "xdpblah", "prog 'Handle': missing BPF prog type, check ELF section name 'xdpblah'", "; did you mean 'xdp'?"));

        [Fact]
        public Task Unknown_name_with_no_close_match_says_how_to_declare_a_custom_type() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"user\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "user",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'user'",
                    "; if your loader registers 'user+' with libbpf_register_prog_handler(), declare it: [assembly: BpfCustomSection(\"user+\")]"));

        [Fact]
        public Task Under_0_1_the_message_is_what_libbpf_0_1_printed() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"user\"|})]"),
                "build_property.BpfLibbpfVersion = 0.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 0.1", "user", "load bpf program failed: Invalid argument\" then \"failed to load program 'user'",
                    "; libbpf 0.1 cannot register program types (libbpf_register_prog_handler() came in libbpf 0.8): the loader must set the type with bpf_program__set_type()"));

        [Fact]
        public Task Legacy_prefix_name_warns_where_it_still_loads() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"xdp_devmap_omg\"|})]"),
                "build_property.BpfLibbpfVersion = 0.1",
                Verify.Diagnostic(Descriptors.Of(Rules.LegacyPrefixSection)).WithLocation(0).WithArguments("libbpf 0.1", "xdp_devmap_omg", "xdp", "xdp", ""));

        [Fact]
        public Task Legacy_prefix_name_is_unknown_from_1_0() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0001:\"perf_eventblah\"|})]"), "build_property.BpfLibbpfVersion = 1.0");

        [Fact]
        public Task Strict_section_names_turn_the_legacy_warning_into_an_error_in_0_8() =>
            Verify.Analyzer(
                Program("[BpfSection({|BPF0001:\"xdpblah\"|})]"),
                "build_property.BpfLibbpfVersion = 0.8\nbuild_property.BpfStrictSectionNames = true");

        [Fact]
        public Task An_empty_target_is_not_canonical() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"struct_ops/\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonCanonicalSection)).WithLocation(0).WithArguments("libbpf 1.7", "struct_ops/", "the attach target after '/' is empty", "struct_ops"));

        [Fact]
        public Task An_empty_target_that_libbpf_cannot_attach_is_reported_once_as_the_attach_error() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe{|BPF0012:/|}\")]"));

        [Fact]
        public Task Deprecated_name_names_its_replacement() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"classifier\"|})]"),
                "build_property.BpfLibbpfVersion = 0.8",
                Verify.Diagnostic(Descriptors.Of(Rules.DeprecatedSection)).WithLocation(0).WithArguments(
                    "libbpf 0.8", "classifier", "deprecated (libbpf prints \"SEC(\"classifier\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details\")", "'tc'"));

        // libbpf v1.3.0 src/libbpf.c: SEC_DEF("tc",			SCHED_CLS, 0, SEC_NONE), /* deprecated / legacy, use tcx */
        // A comment only: no SEC_DEPRECATED flag and no message, and kernels before 6.6 need tc. A suggestion, not a warning.
        [Theory]
        [InlineData("tc", "'tcx/ingress' or 'tcx/egress'")]
        [InlineData("classifier", "'tcx/ingress', 'tcx/egress' or 'tc'")]
        public Task Tc_and_classifier_are_a_legacy_suggestion_where_tcx_exists(string name, string use) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.LegacySection)).WithLocation(0).WithArguments("libbpf 1.7", name, use));

        [Fact]
        public void Legacy_is_info_and_deprecated_stays_a_warning()
        {
            Assert.Equal(DiagnosticSeverity.Info, Descriptors.Of(Rules.LegacySection).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.DeprecatedSection).DefaultSeverity);
        }

        [Fact]
        public Task Tc_is_fine_before_tcx() =>
            Verify.Analyzer(Program("[BpfSection(\"tc\")]"), "build_property.BpfLibbpfVersion = 1.2");

        [Theory]
        [InlineData("tcx/ingress", "1.2", "1.3")]
        [InlineData("kprobe.session/f", "1.4", "1.5")]
        [InlineData("?xdp", "0.7", "0.8")]
        public Task Names_from_a_newer_release_name_that_release(string name, string target, string first) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                "build_property.BpfLibbpfVersion = " + target,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments("libbpf " + target, name, $"libbpf {first} or newer", $"prog 'Handle': missing BPF prog type, check ELF section name '{name}'", ""));

        // Names only libbpf's main branch has (src/libbpf.c at f7081a6, data/libbpf/tables/main.tsv), each with its line.
        [Theory]
        [InlineData("tp.s/sched/sched_switch", "1.7")]               // SEC_DEF("tp.s+",		TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),
        [InlineData("tracepoint.s/syscalls/sys_enter_openat", "1.0")] // SEC_DEF("tracepoint.s+",	TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),
        [InlineData("raw_tp.s/sched_switch", "1.7")]                 // SEC_DEF("raw_tp.s+",		RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),
        [InlineData("raw_tracepoint.s/sched_switch", "1.7")]         // SEC_DEF("raw_tracepoint.s+",	RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),
        [InlineData("tp_btf.s/sched_switch", "1.7")]                 // SEC_DEF("tp_btf.s+",		TRACING, BPF_TRACE_RAW_TP, SEC_ATTACH_BTF | SEC_SLEEPABLE, attach_trace),
        [InlineData("fentry.multi/vfs_*", "1.7")]                    // SEC_DEF("fentry.multi+",	TRACING, BPF_TRACE_FENTRY_MULTI, 0, attach_tracing_multi),
        [InlineData("fexit.multi/vfs_read", "1.7")]                  // SEC_DEF("fexit.multi+",		TRACING, BPF_TRACE_FEXIT_MULTI, 0, attach_tracing_multi),
        [InlineData("fsession.multi/bpf_fentry_test*", "1.7")]       // SEC_DEF("fsession.multi+",	TRACING, BPF_TRACE_FSESSION_MULTI, 0, attach_tracing_multi),
        [InlineData("fentry.multi.s/vfs_*", "1.7")]                  // SEC_DEF("fentry.multi.s+",	TRACING, BPF_TRACE_FENTRY_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        [InlineData("fexit.multi.s/vfs_*", "1.7")]                   // SEC_DEF("fexit.multi.s+",	TRACING, BPF_TRACE_FEXIT_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        [InlineData("fsession.multi.s/vfs_*", "1.7")]                // SEC_DEF("fsession.multi.s+",	TRACING, BPF_TRACE_FSESSION_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        public Task Names_only_main_has_say_it_is_not_yet_released(string name, string target) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                "build_property.BpfLibbpfVersion = " + target,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf " + target, name, "libbpf main (not yet released)", $"prog 'Handle': missing BPF prog type, check ELF section name '{name}'", ""));

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

        [Theory]
        [InlineData("\"\"", "'' is empty")]
        [InlineData("\" xdp\"", "' xdp' has leading or trailing whitespace")]
        [InlineData("\"xdp\\t\"", "'xdp\\u0009' contains the control character U+0009")]
        [InlineData("\"x\\u200Bdp\"", "'x\\u200Bdp' contains the invisible character U+200B")]
        [InlineData("null", "is null")]
        public Task Empty_padded_and_control_character_names_are_malformed(string literal, string what) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:{literal}|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.MalformedSectionName)).WithLocation(0).WithArguments("libbpf 1.7", what.Replace("'' is empty", "'' is empty")));

        [Theory]
        [InlineData("kprobe/do_sys_open ", "it has leading or trailing whitespace", "kprobe/do_sys_open")]
        [InlineData("kprobe/do_sys\\u0007open", "it contains the control character U+0007", "kprobe/do_sysopen")]
        [InlineData("xdp\\0junk", "it contains the control character U+0000", "xdp")]
        public Task Odd_characters_in_a_name_libbpf_still_accepts_are_a_warning_not_an_error(string literal, string why, string fix) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{literal}\"|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonCanonicalSection)).WithLocation(0).WithArguments(
                    "libbpf 1.7", literal.Replace("\\0", "\\u0000"), why, fix));

        [Theory]
        [InlineData(".maps")]
        [InlineData("license")]
        [InlineData(".rodata")]
        [InlineData(".bss")]
        [InlineData(".data")]
        [InlineData("maps")]
        [InlineData("version")]
        [InlineData(".rodata.str1.1")]
        [InlineData(".bss.counters")]
        [InlineData(".jumptables")]
        [InlineData("?.struct_ops")]
        [InlineData(".struct_ops.link")]
        [InlineData(".addr_space.1")]
        [InlineData(".kconfig")]
        [InlineData(".BTF")]
        [InlineData(".BTF.ext")]
        public Task Data_sections_are_not_program_sections(string name) =>
            Verify.Analyzer(Program($"[BpfSection({{|BPF0007:\"{name}\"|}})]"));

        [Fact]
        public Task Two_programs_in_one_section_are_an_error_under_0_1() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("xdp")] static int First() => 0;
                    [BpfSection({|#0:"xdp"|})] static int Second() => 0;
                }
                """,
                "build_property.BpfLibbpfVersion = 0.1",
                Verify.Diagnostic(Descriptors.Of(Rules.DuplicateSection)).WithLocation(0).WithArguments("libbpf 0.1", "xdp", "First"));

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

        [Fact]
        public Task Non_constant_argument_gets_its_own_diagnostic() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    static readonly string Name = "xdp";
                    [BpfSection({|#0:{|CS0182:Name|}|})] static int Handle() => 0;
                }
                """,
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonConstantSection)).WithLocation(0).WithArguments("libbpf 1.7"));
    }
}
