using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0021: Global or map does not fit its ELF data section (DataSectionAnalyzerTests sources).</summary>
    public class BPF0021DataSectionMisfitOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task A_scalar_in_maps_or_struct_ops_is_an_error_a_map_struct_is_not() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0021:".maps"|})] static int Counter;
                [DotnetEbpf.Core.BpfSection({|BPF0021:".struct_ops"|})] static long Ops;
                [DotnetEbpf.Core.BpfSection(".maps")] static DotnetEbpf.Core.RingBufferMap Events;
            }
            """, "1.1");

        [Fact]
        public Task Version_must_be_four_bytes() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0021:"version"|})] static long Wide;
            }
            """);

        [Fact]
        public Task A_program_using_a_license_or_version_global_is_an_error_that_names_the_program() =>
            Verify.Analyzer(
                """

                    using DotnetEbpf.Core;
                    static class P
                    {
                        [BpfSection("version")] static int V;
                        [BpfSection("license")] static string L = "GPL";

                        [Dntc.Attributes.CustomFunctionName("handle_tp")]
                        [BpfSection("tp/syscalls/sys_enter_write")]
                        static int Handle(int ctx) => {|#0:V|};

                        [BpfSection("xdp")] static int Other(int ctx) { {|#1:L|} = "MIT"; return nameof(L).Length; }
                    }
                    """ + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.DataSectionMisfit)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "V", "version",
                    "libbpf makes no map of 'version', so a program cannot use 'V'; the object fails to open",
                    "; libbpf prints \"prog 'handle_tp': bad map relo against 'V' in section 'version'\""),
                Verify.Diagnostic(Descriptors.Of(Rules.DataSectionMisfit)).WithLocation(1).WithArguments(
                    "libbpf 1.1", "L", "license",
                    "libbpf makes no map of 'license', so a program cannot use 'L'; the object fails to open",
                    "; libbpf prints \"prog 'Other': bad map relo against 'L' in section 'license'\""));
    }
}
