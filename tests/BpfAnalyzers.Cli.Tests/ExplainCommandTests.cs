using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections explain</c>: the facts it states and the exit code it returns.</summary>
    public class ExplainCommandTests
    {
        [Fact]
        public void Xdpblah_is_rejected_by_1_1_with_libbpfs_own_message()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Equal("none", result.Fields["entry"]);
            Assert.Contains("libbpf: prog 'PROG': missing BPF prog type, check ELF section name 'xdpblah'\n", result.Stdout);
            Assert.Contains("'PROG' below stands for the program's C function name", result.Stdout);
            Assert.Contains("libbpf 0.8 was the last release before 1.1 to accept it (by legacy prefix matching, as 'xdp')", result.Stdout);
            Assert.Contains("  1. xdp  (", result.Stdout);
        }

        [Fact]
        public void Xdpblah_loads_as_xdp_under_0_1_by_legacy_prefix_with_a_warning()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "0.1");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.StartsWith("xdp (#", result.Fields["entry"]);
            Assert.Equal("legacy prefix: the name starts with 'xdp'", result.Fields["matched"]);
            Assert.Equal("xdp (BPF_PROG_TYPE_XDP)", result.Fields["program type"]);
            Assert.Equal("xdp", result.Fields["canonical"]);
            Assert.Contains("warning: Only legacy prefix matching accepts it", result.Stdout);
            Assert.Contains("  1. xdp  (", result.Stdout);
        }

        [Fact]
        public void Kprobe_slash_loads_under_1_2_as_bare_kprobe_and_is_not_canonical()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/", "--libbpf", "1.2");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.StartsWith("kprobe+ (#", result.Fields["entry"]);
            Assert.Equal("kprobe (BPF_PROG_TYPE_KPROBE)", result.Fields["program type"]);
            Assert.Equal("none (0)", result.Fields["attach type"]);
            Assert.Equal("empty", result.Fields["attach target"]);
            Assert.Equal("kprobe", result.Fields["canonical"]);
            Assert.Equal("no", result.Fields["deprecated"]);
            Assert.Contains("warning: Not canonical: nothing follows the '/', so libbpf reads it as the bare 'kprobe'. Write 'kprobe'.", result.Stdout);
            Assert.Contains("  1. kprobe  (canonical spelling)", result.Stdout);
        }

        [Fact]
        public void Bare_kprobe_under_0_5_says_the_entry_is_kprobe_slash_function()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe", "--libbpf", "0.5");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("note: libbpf 0.5's entry 'kprobe/' matches only names that start with 'kprobe/': write 'kprobe/FUNCTION'.", result.Stdout);
            Assert.Contains("0.8 is the first release that accepts it", result.Stdout);
        }

        [Fact]
        public void Sk_lookup_under_0_5_is_fixed_to_sk_lookup_slash()
        {
            ToolResult result = BpfSections.Run("explain", "sk_lookup", "--libbpf", "0.5");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("write 'sk_lookup/'.", result.Stdout);
            Assert.Contains("  1. sk_lookup/  (the '/' a 'type/' entry needs)", result.Stdout);
        }

        [Fact]
        public void Tcx_ingress_is_rejected_by_1_2_and_names_1_3_as_the_first_release_accepting_it()
        {
            ToolResult result = BpfSections.Run("explain", "tcx/ingress", "--libbpf", "1.2");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("libbpf: prog 'PROG': missing BPF prog type, check ELF section name 'tcx/ingress'", result.Stdout);
            Assert.Contains("1.3 is the first release that accepts it", result.Stdout);
        }

        [Fact]
        public void Tcx_ingress_loads_cleanly_under_1_3()
        {
            ToolResult result = BpfSections.Run("explain", "tcx/ingress", "--libbpf", "1.3");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("loads cleanly", result.Fields["result"]);
            Assert.Equal("sched_cls (BPF_PROG_TYPE_SCHED_CLS)", result.Fields["program type"]);
            Assert.Equal("tcx_ingress (BPF_TCX_INGRESS)", result.Fields["attach type"]);
        }

        [Fact]
        public void Classifier_is_deprecated_in_0_8_with_libbpfs_warning_and_tc_instead()
        {
            ToolResult result = BpfSections.Run("explain", "classifier", "--libbpf", "0.8");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Equal("sched_cls (BPF_PROG_TYPE_SCHED_CLS)", result.Fields["program type"]);
            Assert.Equal("yes", result.Fields["deprecated"]);
            Assert.Equal("tc", result.Fields["canonical"]);
            Assert.Contains(
                "libbpf: SEC(\"classifier\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details",
                result.Stdout);
            Assert.Contains("  1. tc  (", result.Stdout);
        }

        [Fact]
        public void A_canonical_name_with_a_target_loads_cleanly()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/do_sys_open");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("1.7", result.Fields["libbpf"]);
            Assert.Equal("do_sys_open", result.Fields["attach target"]);
            Assert.Equal("kprobe/do_sys_open", result.Fields["canonical"]);
            Assert.DoesNotContain("warning:", result.Stdout);
            Assert.Contains("suggestions: none", result.Stdout);
        }

        [Fact]
        public void Bare_fentry_warns_that_it_needs_a_btf_attach_target()
        {
            ToolResult result = BpfSections.Run("explain", "fentry", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Contains("libbpf: prog 'PROG': no BTF-based attach target is specified, use bpf_program__set_attach_target()", result.Stdout);
        }

        [Fact]
        public void A_leading_question_mark_only_turns_autoload_off_from_0_8()
        {
            ToolResult result = BpfSections.Run("explain", "?xdp", "--libbpf", "0.8");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("xdp (BPF_PROG_TYPE_XDP)", result.Fields["program type"]);
            Assert.Contains("note: The leading '?' only turns autoload off", result.Stdout);
        }

        [Fact]
        public void A_leading_question_mark_is_part_of_the_name_before_0_8()
        {
            ToolResult result = BpfSections.Run("explain", "?xdp", "--libbpf", "0.7");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("check ELF section name '?xdp'", result.Stdout);
            Assert.Contains("0.8 is the first release that accepts it", result.Stdout);
        }

        [Fact]
        public void Strict_mode_rejects_what_legacy_prefix_matching_accepted()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "0.8", "--strict");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Equal("0.8 (strict section names)", result.Fields["libbpf"]);
            Assert.Contains("Without LIBBPF_STRICT_SEC_NAME, libbpf 0.8 accepts it by legacy prefix matching, as 'xdp'", result.Stdout);
        }

        [Fact]
        public void Libbpf_0_1_leaves_the_type_unset_and_the_kernel_refuses_the_program()
        {
            ToolResult result = BpfSections.Run("explain", "user", "--libbpf", "0.1");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("libbpf: load bpf program failed: Invalid argument\n  libbpf: failed to load program 'user'\n", result.Stdout);
        }

        [Fact]
        public void A_name_only_main_has_is_rejected_by_1_7_and_says_it_is_not_yet_released()
        {
            ToolResult result = BpfSections.Run("explain", "tp.s/sched/sched_switch", "--libbpf", "1.7");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("Needs libbpf main (not yet released): no release accepts it yet, only libbpf's main branch (--libbpf main).", result.Stdout);
        }

        [Fact]
        public void Main_accepts_fentry_multi_and_names_its_commit()
        {
            // SEC_DEF("fentry.multi+",	TRACING, BPF_TRACE_FENTRY_MULTI, 0, attach_tracing_multi), in src/libbpf.c at f7081a6baf3f.
            ToolResult result = BpfSections.Run("explain", "fentry.multi/vfs_*", "--libbpf", "main");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("main (the main branch at f7081a6baf3f, 2026-07-30; not yet released)", result.Fields["libbpf"]);
            Assert.StartsWith("fentry.multi+ (#", result.Fields["entry"]);
            Assert.Equal("tracing (BPF_PROG_TYPE_TRACING)", result.Fields["program type"]);
        }

        [Fact]
        public void A_removed_entry_names_the_last_release_that_had_it()
        {
            ToolResult result = BpfSections.Run("explain", "xdp_devmap/foo", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("libbpf 0.8 was the last release before 1.1 to accept it (as 'xdp_devmap/')", result.Stdout);
            Assert.Contains("  1. xdp/devmap  (", result.Stdout);
        }

        [Fact]
        public void A_name_starting_with_a_dash_is_given_after_a_double_dash()
        {
            ToolResult result = BpfSections.Run("explain", "--libbpf", "1.1", "--", "-xdp");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Equal("-xdp", result.Fields["name"]);
        }
    }
}
