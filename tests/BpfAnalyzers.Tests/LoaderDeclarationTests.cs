using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// <c>[BpfLoader]</c>: what the loader does in code silences exactly the findings it makes moot, for a
    /// program, a class or struct, or the whole assembly, with any framework's <c>BpfSection</c> attribute.
    /// </summary>
    public class LoaderDeclarationTests
    {
        private static string Program(string attributes, string classAttribute = "", string assembly = "") => $$"""
            using BpfAnalyzers;
            {{assembly}}
            {{classAttribute}}
            static class Programs
            {
                {{attributes}}
                static int Handle() => 0;
            }
            """;

        // libbpf v1.1.0 src/libbpf.c, attach_uprobe():
        //   pr_warn("prog '%s': section '%s' missing ':function[+offset]' specification\n",
        // Only auto-attach runs attach_uprobe(); tracee, bcc and libbpf-bootstrap attach 'uprobe/NAME' themselves.
        [Fact]
        public void Uprobe_without_a_function_is_a_warning_not_an_error() =>
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.AttachTargetRejected).DefaultSeverity);

        [Theory]
        [InlineData("[BpfSection(\"uprobe/trace_uprobe\"), BpfLoader(AttachesInCode = true)]", "", "")]
        [InlineData("[BpfSection(\"uprobe/trace_uprobe\")]", "[BpfLoader(AttachesInCode = true)]", "")]
        [InlineData("[BpfSection(\"uprobe/trace_uprobe\")]", "", "[assembly: BpfLoader(AttachesInCode = true)]")]
        [InlineData("[BpfSection(\"uprobe/trace_uprobe\")]", "", "[module: BpfLoader(AttachesInCode = true)]")]
        public Task Attaching_in_code_silences_auto_attach_findings_at_every_level(string program, string type, string assembly) =>
            Verify.Analyzer(Program(program, type, assembly));

        [Theory]
        [InlineData("kretprobe/do_exit+0x10")]
        [InlineData("kprobe/foo-bar")]
        [InlineData("kprobe")]
        [InlineData("usdt/libc.so.6:setjmp")]
        [InlineData("usdt.s/libc.so.6:libc:setjmp")]
        [InlineData("tp/sched_switch")]
        [InlineData("raw_tp//foo")]
        [InlineData("tp/sched/sched_switch/x")]
        public Task Attaching_in_code_silences_every_attach_parser_finding(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\"), BpfLoader(AttachesInCode = true)]"));

        [Fact]
        public Task The_nearest_explicit_declaration_wins() =>
            Verify.Analyzer(Program(
                "[BpfSection(\"uprobe/{|BPF0012:trace_uprobe|}\"), BpfLoader(AttachesInCode = false)]",
                "[BpfLoader(AttachesInCode = true)]"));

        [Fact]
        public Task A_declaration_of_another_property_does_not_hide_a_farther_one() =>
            Verify.Analyzer(Program(
                "[BpfSection(\"uprobe/trace_uprobe\"), BpfLoader(SetsType = false)]",
                "",
                "[assembly: BpfLoader(AttachesInCode = true)]"));

        [Fact]
        public Task Outer_types_reach_nested_ones() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                [BpfLoader(AttachesInCode = true)]
                static class Outer
                {
                    struct Inner
                    {
                        [BpfSection("uprobe/trace_uprobe")] static int Handle() => 0;
                    }
                }
                """);

        [Fact]
        public Task Attaching_in_code_does_not_silence_load_failures() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0015:fentry|}\"), BpfLoader(AttachesInCode = true)]"));

        // libbpf v1.1.0 src/libbpf.c, bpf_object_init_progs():
        //   /* couldn't guess, but user might manually specify */
        //   pr_debug("prog '%s': unrecognized ELF section name '%s'\n",
        // and only at load, with the type still unset: pr_warn("prog '%s': missing BPF prog type, check ELF section name '%s'\n",
        // libbpf 1.1.2 measured: SEC("encap_gre") with bpf_program__set_type(prog, BPF_PROG_TYPE_SCHED_CLS) loads.
        [Theory]
        [InlineData("encap_gre", "1.7")]
        [InlineData("xdpfoo", "0.7")]
        [InlineData("tcx/ingress", "1.2")]
        [InlineData("kprobe.s/do_exit", "1.7")]
        public Task Setting_the_type_silences_what_the_name_cannot_type(string name, string version) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]", "[BpfLoader(SetsType = true)]"), "build_property.BpfLibbpfVersion = " + version);

        [Fact]
        public Task Setting_the_type_keeps_an_unknown_name_an_error_without_it() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0001:\"encap_gre\"|})]", "[BpfLoader(SetsType = false)]"));

        [Theory]
        [InlineData("{|BPF0007:\".maps\"|}")]
        [InlineData("\"classifier\"", "0.8", "BPF0004")]
        public Task Setting_the_type_keeps_what_libbpf_reads_of_the_name_regardless(string literal, string version = "1.7", string? id = null) =>
            Verify.Analyzer(
                Program($"[BpfSection({(id is null ? literal : "{|" + id + ":" + literal + "|}")})]", "[BpfLoader(SetsType = true)]"),
                "build_property.BpfLibbpfVersion = " + version);

        [Theory]
        [InlineData("fentry")]
        [InlineData("fentry/3")]
        [InlineData("lsm/.s")]
        [InlineData("iter/no_such_iterator")]
        public Task Setting_the_attach_target_silences_btf_target_findings(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]", "[BpfLoader(SetsAttachTarget = true)]"));

        [Fact]
        public Task Attach_target_set_in_code_on_the_section_still_counts() =>
            Verify.Analyzer(Program("[BpfSection(\"fentry/3\", AttachTargetSetInCode = true)]"));

        [Fact]
        public Task The_section_attributes_own_false_beats_a_class_declaration() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0015:fentry|}\", AttachTargetSetInCode = false)]", "[BpfLoader(SetsAttachTarget = true)]"));

        [Fact]
        public Task Setting_the_attach_target_does_not_silence_auto_attach_findings() =>
            Verify.Analyzer(Program("[BpfSection(\"uprobe/{|BPF0012:trace_uprobe|}\")]", "[BpfLoader(SetsAttachTarget = true)]"));

        [Fact]
        public Task Works_with_a_framework_attribute_without_extra_properties() =>
            Verify.Analyzer("""
                namespace Framework
                {
                    [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field)]
                    public sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(string name) { } }
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    public sealed class BpfLoaderAttribute : System.Attribute
                    {
                        public bool AttachesInCode { get; set; }
                        public bool SetsType { get; set; }
                        public bool SetsAttachTarget { get; set; }
                    }
                }

                namespace App
                {
                    using Framework;
                    [BpfLoader(AttachesInCode = true, SetsType = true)]
                    static class Programs
                    {
                        [BpfSection("uprobe/trace_uprobe")] static int A() => 0;
                        [BpfSection("encap_gre")] static int B() => 0;
                        [BpfSection("fentry"), BpfLoader(SetsAttachTarget = true)] static int C() => 0;
                    }
                }
                """);
    

        [Fact]
        public Task A_loader_declaration_does_not_make_a_field_a_program() =>
            Verify.Analyzer("""
                namespace Framework
                {
                    [System.AttributeUsage(System.AttributeTargets.Field)]
                    public sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(string name) { } }
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    public sealed class BpfLoaderAttribute : System.Attribute { public bool AttachesInCode { get; set; } }
                }

                namespace App
                {
                    using Framework;
                    static class Auto
                    {
                        [BpfSection({|BPF0024:"usdt/libc.so.6:setjmp"|})] static int D = 1;
                    }

                    // A field is a global to libbpf whatever the loader does with programs (bpf_object__elf_collect()).
                    [BpfLoader(AttachesInCode = true)]
                    static class Manual
                    {
                        [BpfSection({|BPF0024:"usdt/libc.so.6:setjmp"|})] static int D = 1;
                    }
                }
                """);
    }
}
