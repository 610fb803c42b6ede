using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>
    /// <c>bpf-sections explain</c>: the facts it states, the engine's findings it prints (id, severity, message, span
    /// marked under the name, ranked fixes) and the exit code they give.
    /// </summary>
    public class ExplainCommandTests
    {
        [Fact]
        public void Kprobe_foo_bar_shows_bpf0013_under_the_part_kprobe_ignores_and_exits_3()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/foo-bar");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Equal("warnings: BPF0013", result.Fields["result"]);
            Assert.Equal("foo-bar", result.Fields["attach target"]);
            Assert.Contains(
                "\nwarning BPF0013: libbpf 1.7 reads section 'kprobe/foo-bar' differently from how it is written: it attaches to 'foo' and silently ignores '-bar'",
                result.Stdout);
            Assert.Contains("\n  kprobe/foo-bar\n            ^^^^\n  fix 1: kprobe/foo\n  help: https://github.com/bpfanalyzers/bpfanalyzers/blob/main/docs/rules/BPF0013.md\n", result.Stdout);
        }

        [Fact]
        public void Attaching_in_code_waives_what_only_auto_attach_misreads()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/foo-bar", "--attaches-in-code");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("clean: no finding", result.Fields["result"]);
            Assert.DoesNotContain("BPF0013", result.Stdout);
        }

        [Fact]
        public void Xdpblah_is_an_error_under_1_1_with_the_fix_and_a_separate_note_about_0_8()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("none", result.Fields["entry"]);
            Assert.Contains(
                "\nerror BPF0001: libbpf 1.1 does not know section 'xdpblah' and would fail to load the program: \"prog 'PROG': missing BPF prog type, check ELF section name 'xdpblah'\"; did you mean 'xdp'?\n" +
                "  xdpblah\n  ^^^^^^^\n  fix 1: xdp\n",
                result.Stdout);
            Assert.Contains("\nnote: libbpf 0.8 was the last release before 1.1 to accept it (by legacy prefix matching, as 'xdp').\n", result.Stdout);
            Assert.Contains("note: 'PROG' in the messages stands for the program's C function name (--program NAME).", result.Stdout);
        }

        [Fact]
        public void The_program_option_names_the_program_in_the_messages_and_the_fixes()
        {
            // Before 0.8 'kprobe/' needs the function: the fix names the program, as the analyzer's does for the method.
            ToolResult result = BpfSections.Run("explain", "kprobe", "--libbpf", "0.5", "--program", "do_unlinkat");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section 'kprobe' needs libbpf 0.8 or newer", result.Stdout);
            Assert.Contains("\"prog 'do_unlinkat': missing BPF prog type, check ELF section name 'kprobe'\"", result.Stdout);
            Assert.Contains("  fix 1: kprobe/do_unlinkat\n", result.Stdout);
            Assert.DoesNotContain("PROG", result.Stdout);
        }

        [Fact]
        public void Xdpblah_loads_as_xdp_under_0_1_by_legacy_prefix_with_bpf0002()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "0.1");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.StartsWith("xdp (#", result.Fields["entry"]);
            Assert.Equal("legacy prefix: the name starts with 'xdp'", result.Fields["matched"]);
            Assert.Equal("xdp (BPF_PROG_TYPE_XDP)", result.Fields["program type"]);
            Assert.Equal("xdp", result.Fields["canonical"]);
            Assert.Contains("warning BPF0002: Section 'xdpblah' loads under libbpf 0.1 only because legacy prefix matching reads it as 'xdp'", result.Stdout);
            Assert.Contains("  fix 1: xdp\n", result.Stdout);
        }

        [Fact]
        public void Kprobe_slash_under_1_2_marks_the_empty_target_after_the_slash()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/", "--libbpf", "1.2");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.StartsWith("kprobe+ (#", result.Fields["entry"]);
            Assert.Equal("none (0)", result.Fields["attach type"]);
            Assert.Equal("empty", result.Fields["attach target"]);
            Assert.Equal("kprobe", result.Fields["canonical"]);
            Assert.Contains("warning BPF0012: Section 'kprobe/' loads under libbpf 1.2, but libbpf's auto-attach would fail", result.Stdout);
            Assert.Contains("\n  kprobe/\n        ^\n  fix 1: kprobe\n", result.Stdout);
        }

        [Fact]
        public void Sk_lookup_under_0_5_needs_0_6_and_is_fixed_to_sk_lookup_slash()
        {
            ToolResult result = BpfSections.Run("explain", "sk_lookup", "--libbpf", "0.5");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section 'sk_lookup' needs libbpf 0.6 or newer", result.Stdout);
            Assert.Contains("  fix 1: sk_lookup/\n", result.Stdout);
            Assert.Contains("note: libbpf 0.6 is the first release that accepts it.", result.Stdout);
        }

        [Fact]
        public void Tcx_ingress_needs_1_3_under_1_2()
        {
            ToolResult result = BpfSections.Run("explain", "tcx/ingress", "--libbpf", "1.2");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section 'tcx/ingress' needs libbpf 1.3 or newer", result.Stdout);
            Assert.Contains("note: libbpf 1.3 is the first release that accepts it.", result.Stdout);
        }

        [Fact]
        public void Tcx_ingress_is_clean_under_1_3()
        {
            ToolResult result = BpfSections.Run("explain", "tcx/ingress", "--libbpf", "1.3");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("clean: no finding", result.Fields["result"]);
            Assert.Equal("sched_cls (BPF_PROG_TYPE_SCHED_CLS)", result.Fields["program type"]);
            Assert.Equal("tcx_ingress (BPF_TCX_INGRESS)", result.Fields["attach type"]);
            Assert.DoesNotContain("note:", result.Stdout);
        }

        [Fact]
        public void Classifier_is_deprecated_in_0_8_with_libbpfs_warning_and_tc_instead()
        {
            ToolResult result = BpfSections.Run("explain", "classifier", "--libbpf", "0.8");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Equal("yes", result.Fields["deprecated"]);
            Assert.Equal("tc", result.Fields["canonical"]);
            Assert.Contains(
                "warning BPF0004: Section 'classifier' is deprecated (libbpf prints \"SEC(\"classifier\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details\") in libbpf 0.8: use 'tc'",
                result.Stdout);
            Assert.Contains("  fix 1: tc\n", result.Stdout);
        }

        [Fact]
        public void A_canonical_name_with_a_target_is_clean()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/do_sys_open");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("1.7", result.Fields["libbpf"]);
            Assert.Equal("do_sys_open", result.Fields["attach target"]);
            Assert.Equal("kprobe/do_sys_open", result.Fields["canonical"]);
            Assert.Equal("clean: no finding", result.Fields["result"]);
        }

        [Fact]
        public void Bare_fentry_is_an_error_unless_the_loader_sets_the_attach_target()
        {
            ToolResult bare = BpfSections.Run("explain", "fentry", "--libbpf", "1.1");
            ToolResult set = BpfSections.Run("explain", "fentry", "--libbpf", "1.1", "--sets-attach-target");

            Assert.Equal(ExitCodes.Errors, bare.ExitCode);
            Assert.Contains("error BPF0015: libbpf 1.1 cannot load section 'fentry'", bare.Stdout);
            Assert.Contains("libbpf prints \"prog 'PROG': no BTF-based attach target is specified, use bpf_program__set_attach_target()\"", bare.Stdout);
            Assert.Equal(ExitCodes.Ok, set.ExitCode);
        }

        [Fact]
        public void An_unknown_name_is_waived_by_a_loader_that_sets_the_type()
        {
            ToolResult result = BpfSections.Run("explain", "encap_gre", "--sets-type");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("none", result.Fields["entry"]);
        }

        [Fact]
        public void An_unknown_name_offers_the_custom_section_that_would_declare_it()
        {
            ToolResult result = BpfSections.Run("explain", "myprog");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("  or declare it: [assembly: BpfCustomSection(\"myprog+\")] (--custom myprog+)\n", result.Stdout);
        }

        [Fact]
        public void A_custom_section_makes_its_names_known()
        {
            ToolResult result = BpfSections.Run("explain", "user/x", "--custom", "user+", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("user+ (a custom section (--custom), tried before the table)", result.Fields["entry"]);
            Assert.Equal("x", result.Fields["attach target"]);
        }

        [Fact]
        public void A_bad_custom_section_is_a_finding_of_its_own()
        {
            ToolResult result = BpfSections.Run("explain", "xdp", "--custom", "a b");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0011: Custom section 'a b' is not a section libbpf could register: write 'type+', 'type/' or 'type' in printable ASCII\n  in --custom a b\n", result.Stdout);
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

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section '?xdp' needs libbpf 0.8 or newer", result.Stdout);
            Assert.Contains("  fix 1: xdp\n", result.Stdout);
        }

        [Fact]
        public void Strict_mode_rejects_what_legacy_prefix_matching_accepted_and_notes_it()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--libbpf", "0.8", "--strict");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("0.8 (strict section names)", result.Fields["libbpf"]);
            Assert.Contains("error BPF0001: libbpf 0.8 (strict section names) does not know section 'xdpblah'", result.Stdout);
            Assert.Contains("note: Without LIBBPF_STRICT_SEC_NAME, libbpf 0.8 accepts it by legacy prefix matching, as 'xdp'.", result.Stdout);
        }

        [Fact]
        public void Libbpf_0_1_leaves_the_type_unset_and_the_kernel_refuses_the_program()
        {
            ToolResult result = BpfSections.Run("explain", "user", "--libbpf", "0.1");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("\"load bpf program failed: Invalid argument\" then \"failed to load program 'user'\"", result.Stdout);
        }

        [Fact]
        public void A_name_only_main_has_needs_main_under_1_7()
        {
            ToolResult result = BpfSections.Run("explain", "tp.s/sched/sched_switch", "--libbpf", "1.7");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section 'tp.s/sched/sched_switch' needs libbpf main (not yet released)", result.Stdout);
            Assert.Contains("note: No release accepts it yet, only libbpf's main branch (--libbpf main).", result.Stdout);
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
        public void A_removed_entry_notes_the_last_release_that_had_it()
        {
            ToolResult result = BpfSections.Run("explain", "xdp_devmap/foo", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("note: libbpf 0.8 was the last release before 1.1 to accept it (as 'xdp_devmap/').", result.Stdout);
            Assert.Contains("  fix 1: xdp/devmap\n", result.Stdout);
        }

        [Fact]
        public void Notes_do_not_count_in_the_exit_code()
        {
            // ?xdp under 0.8 has a note (the '?' turns autoload off) and no finding.
            ToolResult result = BpfSections.Run("explain", "?xdp", "--libbpf", "0.8");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("note:", result.Stdout);
        }

        [Fact]
        public void A_name_starting_with_a_dash_is_given_after_a_double_dash()
        {
            ToolResult result = BpfSections.Run("explain", "--libbpf", "1.1", "--", "-xdp");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("-xdp", result.Fields["name"]);
        }

        [Fact]
        public void A_name_starting_with_an_at_sign_is_a_name_not_a_response_file()
        {
            ToolResult result = BpfSections.Run("explain", "@xdp");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("", result.Stderr);
            Assert.Equal("@xdp", result.Fields["name"]);
        }

        [Theory]
        [InlineData("kprobe/foo-bar", 10, 4, "          ^^^^")]
        [InlineData("xdpblah", -1, 0, "^^^^^^^")]
        [InlineData("kprobe/\tx-y", 9, 2, "       \t ^^")]
        [InlineData("", -1, 0, "^")]
        public void The_marker_is_under_the_span_or_the_whole_name(string name, int start, int length, string marker)
        {
            Assert.Equal(marker, ExplainCommand.Marker(name, start, length));
        }
    }
}
