using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0012: libbpf's auto-attach rejects the attach target (SectionNameAnalyzerTests sources).</summary>
    public class BPF0012AttachTargetRejectedTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task An_empty_target_that_libbpf_cannot_attach_is_reported_once_as_the_attach_error() =>
            Verify.Analyzer(Program("[BpfSection(\"kprobe{|BPF0012:/|}\")]"));
    }

    /// <summary>BPF0012: libbpf's auto-attach rejects the attach target (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0012AttachTargetRejectedAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
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
        public Task Verbatim_strings_are_mapped() =>
            Verify.Analyzer(Program("[BpfSection(@\"uprobe/{|BPF0012:/usr/bin/bash|}\")]"));

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
        public Task Usdt_s_never_auto_attaches() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0012:usdt.s|}/libc.so.6:libc:setjmp\")]"));

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
