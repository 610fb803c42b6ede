using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// Attach targets, as libbpf of the target release parses them: each diagnostic underlines just the
    /// bad part of the literal and quotes what libbpf prints.
    /// </summary>
    public class AttachTargetAnalyzerTests
    {
        private static string Program(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Handle() => 0;
            }
            """;

        private static DiagnosticResult Rejected(string version, string name, string reason, string outcome) =>
            Verify.Diagnostic(Descriptors.Of(Rules.AttachTargetRejected)).WithLocation(0).WithArguments("libbpf " + version, name, reason, outcome);

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
        public Task Tracepoint_without_a_name_is_rejected() =>
            Verify.Analyzer(
                Program("[BpfSection(\"tp/{|#0:sched_switch|}\")]"),
                null,
                Rejected(
                    "1.7",
                    "tp/sched_switch",
                    "a tracepoint is 'tp/CATEGORY/NAME', and 'sched_switch' has no '/NAME', so attach_tp() fails with -EINVAL",
                    "libbpf prints nothing of its own; the skeleton prints \"prog 'Handle': failed to auto-attach: -EINVAL\""));

        [Fact]
        public Task Tracepoint_message_reads_in_full() =>
            Verify.Analyzer(
                Program("[BpfSection(\"tp/{|#0:sched_switch|}\")]"),
                "build_property.BpfLibbpfVersion = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.AttachTargetRejected)).WithLocation(0).WithMessage(
                    "Section 'tp/sched_switch' loads under libbpf 1.1, but libbpf's auto-attach would fail: a tracepoint is 'tp/CATEGORY/NAME', and 'sched_switch' has no '/NAME', so attach_tp() fails with -EINVAL; libbpf prints nothing of its own; the skeleton prints \"prog 'Handle': failed to auto-attach: -22\". If the loader attaches the program itself, declare [BpfLoader(AttachesInCode = true)]"));

        [Fact]
        public Task Uprobe_without_a_function_is_rejected() =>
            Verify.Analyzer(
                Program("[BpfSection(\"uprobe/{|#0:/usr/bin/bash|}\")]"),
                null,
                Rejected(
                    "1.7",
                    "uprobe//usr/bin/bash",
                    "the function is missing after the binary path '/usr/bin/bash'",
                    "libbpf prints \"prog 'Handle': section 'uprobe//usr/bin/bash' missing ':function[+offset]' specification\""));

        [Fact]
        public Task Kretprobe_with_an_offset_is_rejected() =>
            Verify.Analyzer(
                Program("[BpfSection(\"kretprobe/do_exit{|#0:+0x10|}\")]"),
                null,
                Rejected("1.7", "kretprobe/do_exit+0x10", "kretprobes take no offset", "libbpf prints \"kretprobes do not support offset specification\""));

        [Fact]
        public Task Usdt_with_two_parts_is_rejected() =>
            Verify.Analyzer(
                Program("[BpfSection(\"usdt/{|#0:libc.so.6:setjmp|}\")]"),
                null,
                Rejected(
                    "1.7",
                    "usdt/libc.so.6:setjmp",
                    "a USDT target is PATH:PROVIDER:NAME, and it has no probe name",
                    "libbpf prints \"invalid section 'usdt/libc.so.6:setjmp', expected SEC(\"usdt/<path>:<provider>:<name>\")\""));

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
        public Task Fentry_with_the_target_set_in_code_is_fine() =>
            Verify.Analyzer(Program("[BpfSection(\"fentry\", AttachTargetSetInCode = true)]"));

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

        [Fact]
        public Task Kprobe_foo_bar_attaches_to_foo_and_says_so() =>
            Verify.Analyzer(
                Program("[BpfSection(\"kprobe/foo{|#0:-bar|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.AttachTargetMisread)).WithLocation(0).WithMessage(
                    "libbpf 1.7 reads section 'kprobe/foo-bar' differently from how it is written: it attaches to 'foo' and silently ignores '-bar', because attach_kprobe() reads the target with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there; libbpf prints nothing"));

        [Fact]
        public Task Bare_kprobe_is_informational() =>
            Verify.Analyzer(
                Program("[BpfSection(\"{|#0:kprobe|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NoAutoAttach)).WithLocation(0).WithMessage(
                    "Section 'kprobe' loads under libbpf 1.7, but libbpf cannot auto-attach it: bare 'kprobe' names no kernel function, so attach_kprobe() attaches nothing; libbpf prints nothing: the skeleton skips the program, and bpf_program__attach() fails with -EOPNOTSUPP"));

        [Theory]
        [InlineData("uprobe")]
        [InlineData("usdt")]
        [InlineData("tp")]
        [InlineData("raw_tp")]
        [InlineData("ksyscall")]
        [InlineData("kprobe.multi")]
        [InlineData("?tracepoint")]
        public Task Bare_forms_get_the_info(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name.Substring(0, name.Length - name.TrimStart('?').Length)}{{|BPF0014:{name.TrimStart('?')}|}}\")]"));

        [Fact]
        public Task Bare_forms_attached_in_code_can_say_so() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe\", AttachTargetSetInCode = true)]"));

        [Fact]
        public Task Empty_kprobe_target_is_rejected_and_not_also_called_non_canonical() =>
            Verify.Analyzer(
                Program("[BpfSection(\"kprobe{|#0:/|}\")]"),
                null,
                Rejected("1.7", "kprobe/", "the function name after 'kprobe/' is empty", "libbpf prints \"kprobe name is invalid: \""));

        // 'fentry/' does not load (no kernel BTF type ''): BPF0016 alone, not also BPF0003's "loads, but ... is empty".
        [Theory]
        [InlineData("fentry")]
        [InlineData("lsm.s")]
        [InlineData("iter")]
        public Task Empty_btf_target_fails_to_load_and_is_not_also_called_non_canonical(string type) =>
            Verify.Analyzer(Program($"[BpfSection(\"{type}{{|BPF0016:/|}}\")]"));

        // With the empty target moot (the loader attaches or sets the target itself), the name loads: only its spelling is left.
        [Theory]
        [InlineData("kprobe", "AttachesInCode")]
        [InlineData("fentry", "SetsAttachTarget")]
        public Task Empty_target_the_loader_makes_moot_is_only_non_canonical(string type, string loader) =>
            Verify.Analyzer(Program($"[BpfSection({{|BPF0003:\"{type}/\"|}}), BpfLoader({loader} = true)]"));

        [Fact]
        public Task A_name_with_a_section_name_error_gets_no_attach_target_diagnostic() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0001:\"kprobes/foo-bar\"|})]"));

        [Fact]
        public Task A_const_field_is_reported_on_the_whole_argument() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    const string Switch = "tp/sched_switch";
                    [BpfSection({|BPF0012:Switch|})] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_concatenation_is_reported_on_the_whole_argument() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0012:\"kretprobe/\" + \"do_exit+8\"|})]"));

        [Fact]
        public Task Escapes_are_mapped_to_their_source_characters() =>
            Verify.Analyzer(Program("[BpfSection(\"kret\\u0070robe/do\\u005Fexit{|BPF0012:\\u002B0x10|}\")]"));

        [Fact]
        public Task A_surrogate_pair_escape_is_underlined_whole() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe/foo{|BPF0013:\\U0001F600|}\")]"));

        [Fact]
        public Task Verbatim_strings_are_mapped() =>
            Verify.Analyzer(Program("[BpfSection(@\"uprobe/{|BPF0012:/usr/bin/bash|}\")]"));

        [Fact]
        public Task Verbatim_doubled_quotes_are_mapped() =>
            Verify.Analyzer(Program("[BpfSection(@\"kprobe/foo{|BPF0013:\"\"bar|}\")]"));

        [Fact]
        public Task Single_line_raw_strings_are_mapped() =>
            Verify.Analyzer(Program("[BpfSection(\"\"\"usdt/{|BPF0012:libc.so.6:setjmp|}\"\"\")]"));

        [Fact]
        public Task Multi_line_raw_strings_are_mapped() =>
            Verify.Analyzer(
                "using BpfAnalyzers;\n" +
                "static class Programs\n" +
                "{\n" +
                "    [BpfSection(\"\"\"\n" +
                "        kretprobe/do_exit{|BPF0012:+0x10|}\n" +
                "        \"\"\")] static int Handle() => 0;\n" +
                "}\n");

        [Fact]
        public Task Multi_line_raw_strings_with_crlf_and_tabs_are_mapped() =>
            Verify.Analyzer(
                "using BpfAnalyzers;\r\n" +
                "static class Programs\r\n" +
                "{\r\n" +
                "\t[BpfSection(\"\"\"\"\r\n" +
                "\t\t  usdt/{|BPF0012:libc.so.6:setjmp|}\r\n" +
                "\t\t  \"\"\"\")] static int Handle() => 0;\r\n" +
                "}\r\n");

        [Fact]
        public Task The_do_not_autoload_prefix_keeps_offsets_right() =>
            Verify.Analyzer(Program("[BpfSection(\"?kprobe/foo{|BPF0013:-bar|}\")]"));

        [Fact]
        public Task Before_0_5_a_kprobe_offset_is_part_of_the_function_name() =>
            Verify.Analyzer(
                Program("[BpfSection(\"kprobe/do_sys_open{|#0:+0x10|}\")]"),
                "build_property.BpfLibbpfVersion = 0.4",
                Rejected(
                    "0.4",
                    "kprobe/do_sys_open+0x10",
                    "libbpf 0.4 passes 'do_sys_open+0x10' to the kernel as the function name: the FUNC+OFFSET form needs libbpf 0.5",
                    "libbpf prints \"prog 'Handle': failed to create kprobe 'do_sys_open+0x10' perf event: …\""));

        [Fact]
        public Task Before_0_8_uprobes_do_not_auto_attach() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0014:uprobe//bin/bash:readline|}\")]"), "build_property.BpfLibbpfVersion = 0.7");

        [Fact]
        public Task Usdt_s_never_auto_attaches() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0012:usdt.s|}/libc.so.6:libc:setjmp\")]"));

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

        [Fact]
        public Task Unknown_iterator_warns_and_suggests() =>
            Verify.Analyzer(
                Program("[BpfSection(\"iter/{|#0:tsk|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownIterator)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "iter/tsk",
                    "tsk",
                    "; did you mean 'task'?",
                    "libbpf prints \"prog 'Handle': failed to find kernel BTF type ID of 'tsk': -ESRCH\""));

        [Fact]
        public Task Kprobe_has_no_sleepable_variant() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"kprobe.s/do_sys_open\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NoSleepableVariant)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "kprobe.s/do_sys_open",
                    "kprobe.s",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'kprobe.s/do_sys_open'",
                    "'kprobe/do_sys_open' ('kprobe' cannot sleep) or 'fentry.s/do_sys_open' (sleepable)"));

        [Fact]
        public Task Tracepoints_have_no_sleepable_variant_in_any_release() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"tp.s/sched/sched_switch\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "tp.s/sched/sched_switch",
                    "libbpf main (not yet released)",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'tp.s/sched/sched_switch'", ""));

        [Fact]
        public Task A_sleepable_form_from_a_newer_release_names_that_release() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0005:\"uprobe.s//bin/bash:readline\"|})]"), "build_property.BpfLibbpfVersion = 0.8");

        [Fact]
        public Task Attach_target_rules_can_be_turned_off_in_editorconfig()
        {
            var test = new Verify.Test { TestCode = Program("[BpfSection(\"kprobe\")]") };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.BPF0014.severity = none\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Pragma_warning_disable_suppresses_attach_target_rules() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                #pragma warning disable BPF0012
                    [BpfSection("tp/sched_switch")] static int Handle() => 0;
                #pragma warning restore BPF0012
                }
                """);

        [Fact]
        public Task Only_what_fails_on_every_kernel_is_an_error()
        {
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.AttachTargetRejected).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Error, Descriptors.Of(Rules.NoSuchTracepoint).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.AttachTargetMisread).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Info, Descriptors.Of(Rules.NoAutoAttach).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Error, Descriptors.Of(Rules.BtfAttachTargetMissing).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Error, Descriptors.Of(Rules.BtfAttachTargetInvalid).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.UnknownIterator).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Error, Descriptors.Of(Rules.NoSleepableVariant).DefaultSeverity);
            return Task.CompletedTask;
        }
    }
}
