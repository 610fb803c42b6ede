using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0011: Invalid custom BPF section (CustomSectionTests sources).</summary>
    public class BPF0011InvalidCustomSectionCustomSectionTests : CustomSectionTestsBase
    {
        [Fact]
        public Task Before_0_8_a_user_slash_declaration_is_ignored_and_user_gets_no_slash_fix() =>
            Verify.Analyzer(
                Program("[assembly: BpfCustomSection({|BPF0011:\"user/\"|})]", "{|#0:\"user\"|}"),
                "build_property.BpfLibbpfVersion = 0.7",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 0.7",
                    "user",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'user'",
                    "; libbpf 0.7 cannot register program types (libbpf_register_prog_handler() came in libbpf 0.8): the loader must set the type with bpf_program__set_type()"));

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
