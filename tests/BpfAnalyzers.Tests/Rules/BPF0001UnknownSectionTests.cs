using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0001: Unknown BPF section name (SectionNameAnalyzerTests sources).</summary>
    public class BPF0001UnknownSectionTests : SectionNameAnalyzerTestsBase
    {
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
        public Task Legacy_prefix_name_is_unknown_from_1_0() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0001:\"perf_eventblah\"|})]"), "build_property.BpfLibbpfVersion = 1.0");

        [Fact]
        public Task Strict_section_names_turn_the_legacy_warning_into_an_error_in_0_8() =>
            Verify.Analyzer(
                Program("[BpfSection({|BPF0001:\"xdpblah\"|})]"),
                "build_property.BpfLibbpfVersion = 0.8\nbuild_property.BpfStrictSectionNames = true");
    }

    /// <summary>BPF0001: Unknown BPF section name (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0001UnknownSectionAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task A_name_with_a_section_name_error_gets_no_attach_target_diagnostic() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0001:\"kprobes/foo-bar\"|})]"));
    }

    /// <summary>BPF0001: Unknown BPF section name (DataSectionAnalyzerTests sources).</summary>
    public class BPF0001UnknownSectionOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task CustomFunctionName_names_the_program_in_messages() =>
            Verify.Analyzer(
                """

                    static class P
                    {
                        [Dntc.Attributes.CustomFunctionName("handle_tp")]
                        [DotnetEbpf.Core.BpfSection({|#0:"xdpblah"|})]
                        static int HandleTracePoint(int ctx) => 0;
                    }
                    """ + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "xdpblah", "prog 'handle_tp': missing BPF prog type, check ELF section name 'xdpblah'", "; did you mean 'xdp'?"));
    }
}
