using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// The case that started it all: a SEC("user") program. libbpf has no 'user' entry; a project that
    /// registers one (libbpf_register_prog_handler(), declared here with [BpfCustomSection]) gets it.
    /// </summary>
    public class CustomSectionTests
    {
        private static string Program(string declaration, string section) => $$"""
            using BpfAnalyzers;
            {{declaration}}
            static class Programs
            {
                [BpfSection({{section}})] static int Handle() => 0;
            }
            """;

        [Theory]
        [InlineData("\"user\"")]
        [InlineData("\"user/foo\"")]
        public Task With_user_plus_declared_user_and_user_slash_extras_are_fine(string section) =>
            Verify.Analyzer(Program("[assembly: BpfCustomSection(\"user+\")]", section));

        [Fact]
        public Task With_user_plus_declared_userargh_is_flagged_with_a_fix_to_user() =>
            Verify.Fix(
                Program("[assembly: BpfCustomSection(\"user+\")]", "{|BPF0001:\"userargh\"|}"),
                Program("[assembly: BpfCustomSection(\"user+\")]", "\"user\""));

        [Fact]
        public Task With_user_plus_declared_user_slash_is_non_canonical_with_a_fix_to_user() =>
            Verify.Fix(
                Program("[assembly: BpfCustomSection(\"user+\")]", "{|BPF0003:\"user/\"|}"),
                Program("[assembly: BpfCustomSection(\"user+\")]", "\"user\""));

        [Fact]
        public Task Without_the_declaration_user_is_unknown() =>
            Verify.Analyzer(Program(string.Empty, "{|BPF0001:\"user\"|}"));

        [Fact]
        public Task Custom_sections_are_tried_before_the_built_in_table() =>
            Verify.Analyzer(Program("[assembly: BpfCustomSection(\"xdpx\")]", "\"xdpx\""));

        /// <summary>
        /// libbpf 0.8+ find_sec_def() walks custom_sec_defs[] before section_defs[], so a custom kprobe+ shadows
        /// the built-in kprobe+: its handler, not attach_kprobe(), attaches the program, and attach_kprobe()'s
        /// sscanf never reads 'foo-bar' (built-in, that is BPF0013).
        /// </summary>
        [Fact]
        public Task A_custom_section_shadows_the_built_in_entry_and_its_attach_parser() =>
            Verify.Analyzer(Program("[assembly: BpfCustomSection(\"kprobe+\", ProgType = \"xdp\")]", "\"kprobe/foo-bar\""));

        [Fact]
        public Task Without_the_custom_section_the_built_in_attach_parser_reads_the_target() =>
            Verify.Analyzer(Program(string.Empty, "\"kprobe/foo{|BPF0013:-bar|}\""));

        [Fact]
        public Task A_slash_entry_needs_type_slash_extras() =>
            Verify.Analyzer(Program("[assembly: BpfCustomSection(\"user/\")]", "{|BPF0001:\"user\"|}"));

        [Fact]
        public Task An_invalid_custom_section_is_reported() =>
            Verify.Analyzer(Program("[assembly: BpfCustomSection({|BPF0011:\"us er+\"|})]", "\"xdp\""));

        [Fact]
        public Task Custom_sections_need_libbpf_0_8() =>
            Verify.Analyzer(
                Program("[assembly: BpfCustomSection({|BPF0011:\"user+\"|})]", "{|BPF0001:\"user\"|}"),
                "build_property.BpfLibbpfVersion = 0.7");
    }
}
