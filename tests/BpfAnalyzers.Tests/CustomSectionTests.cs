using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of CustomSectionTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class CustomSectionTestsBase
    {
        protected static string Program(string declaration, string section) => $$"""
            using BpfAnalyzers;
            {{declaration}}
            static class Programs
            {
                [BpfSection({{section}})] static int Handle() => 0;
            }
            """;
    }

    /// <summary>
    /// The case that started it all: a SEC("user") program. libbpf has no 'user' entry; a project that
    /// registers one (libbpf_register_prog_handler(), declared here with [BpfCustomSection]) gets it.
    /// </summary>
    public class CustomSectionTests : CustomSectionTestsBase
    {
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

        // The seed (bpf-next, 2020): the handler was 'user/', the program SEC("user"), and the wish a hint.
        [Fact]
        public Task With_user_slash_declared_user_says_libbpf_needs_the_slash() =>
            Verify.Analyzer(
                Program("[assembly: BpfCustomSection(\"user/\")]", "{|#0:\"user\"|}"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "user",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'user'",
                    "; the custom section 'user/' matches only names that start with 'user/', so libbpf needs the '/', though what follows it may be empty; did you mean 'user/'?"));

        [Theory]
        [InlineData("0.8")]
        [InlineData("1.7")]
        public Task With_user_slash_declared_user_is_fixed_to_user_slash(string version) =>
            Verify.Fix(
                Program("[assembly: BpfCustomSection(\"user/\")]", "{|BPF0001:\"user\"|}"),
                Program("[assembly: BpfCustomSection(\"user/\")]", "\"user/\""),
                globalConfig: "build_property.BpfLibbpfVersion = " + version);

        [Fact]
        public Task With_user_slash_declared_userargh_is_fixed_to_user_slash_argh() =>
            Verify.Fix(
                Program("[assembly: BpfCustomSection(\"user/\")]", "{|BPF0001:\"userargh\"|}"),
                Program("[assembly: BpfCustomSection(\"user/\")]", "\"user/argh\""));

        private static string Probe(string section) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                [BpfSection({{section}})] static int do_unlinkat() => 0;
            }
            """;

        // Before 0.8 the table had only 'kprobe/', 'fentry/', ...: a bare type needs the slash and a target,
        // which libbpf programs name themselves after (SEC("kprobe/do_unlinkat") int BPF_KPROBE(do_unlinkat)).
        [Theory]
        [InlineData("kprobe", "0.5", "kprobe/do_unlinkat")]
        [InlineData("fentry", "0.7", "fentry/do_unlinkat")]
        [InlineData("sk_lookup", "0.5", "sk_lookup/")]
        public Task Before_0_8_a_bare_built_in_slash_type_is_fixed_to_what_that_release_needs(string name, string version, string expected) =>
            Verify.Fix(
                Probe($"{{|BPF0005:\"{name}\"|}}"),
                Probe($"\"{expected}\""),
                globalConfig: "build_property.BpfLibbpfVersion = " + version);

        [Fact]
        public Task Before_0_8_bare_kprobe_says_libbpf_needs_kprobe_slash_function() =>
            Verify.Analyzer(
                Probe("{|#0:\"kprobe\"|}"),
                "build_property.BpfLibbpfVersion = 0.5",
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 0.5",
                    "kprobe",
                    "libbpf 0.8 or newer",
                    "prog 'do_unlinkat': missing BPF prog type, check ELF section name 'kprobe'",
                    "; libbpf 0.5's entry 'kprobe/' matches only names that start with 'kprobe/', so libbpf needs the '/' and the kernel function to probe after it ('kprobe/FUNCTION'); did you mean 'kprobe/do_unlinkat'?"));

        [Fact]
        public Task Under_0_5_xdp_devmap_says_it_loads_as_plain_xdp_and_what_the_devmap_entry_needs() =>
            Verify.Analyzer(
                Probe("{|#0:\"xdp_devmap\"|}"),
                "build_property.BpfLibbpfVersion = 0.5",
                Verify.Diagnostic(Descriptors.Of(Rules.LegacyPrefixSection)).WithLocation(0).WithArguments(
                    "libbpf 0.5",
                    "xdp_devmap",
                    "xdp",
                    "xdp",
                    ", or, for what was meant, libbpf 0.5's entry 'xdp_devmap/' matches only names that start with 'xdp_devmap/', so libbpf needs the '/', though what follows it may be empty; did you mean 'xdp_devmap/' or 'xdp'?"));

        [Fact]
        public Task Under_0_5_xdp_devmap_is_fixed_to_the_devmap_entry_not_the_plain_xdp_it_loads_as() =>
            Verify.Fix(
                Probe("{|BPF0002:\"xdp_devmap\"|}"),
                Probe("\"xdp_devmap/\""),
                globalConfig: "build_property.BpfLibbpfVersion = 0.5");
    }
}
