using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0024: Global in a data section libbpf skips, used by no program (DataSectionAnalyzerTests sources).</summary>
    public class BPF0024SkippedDataSectionUnusedOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task The_fix_rewrites_an_unknown_data_name_to_the_best_data_section() =>
            Verify.Fix(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|BPF0024:\".data_counters\"|})] static int A; [DotnetEbpf.Core.BpfSection({|BPF0024:\"rodata\"|})] static int B; }" + "\n" + Framework,
                "\nstatic class G { [DotnetEbpf.Core.BpfSection(\".data.counters\")] static int A; [DotnetEbpf.Core.BpfSection(\".rodata\")] static int B; }" + "\n" + Framework);

        [Fact]
        public Task A_program_section_on_a_readonly_field_is_fixed_to_rodata() =>
            Verify.Fix(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|BPF0024:\"tp/syscalls/sys_enter_write\"|})] static readonly int V; }" + "\n" + Framework,
                "\nstatic class G { [DotnetEbpf.Core.BpfSection(\".rodata\")] static readonly int V; }" + "\n" + Framework);

        [Fact]
        public Task Our_own_attribute_allows_fields_and_properties() => Verify.Analyzer("""
            using BpfAnalyzers;
            static class G
            {
                [BpfSection(".rodata")] static readonly int Pid = 0;
                [BpfSection(".data")] static int Count { get; set; }
                [BpfSection({|BPF0024:".rodat"|})] static int Typo;
            }
            """);

        [Fact]
        public Task Fix_All_fixes_unknown_data_names_and_program_sections_on_fields_together() =>
            Verify.Fix(
                """
                static class G
                {
                    [DotnetEbpf.Core.BpfSection({|BPF0024:".rodat"|})] static readonly int A;
                    [DotnetEbpf.Core.BpfSection({|BPF0024:"xdp"|})] static int B;
                    [DotnetEbpf.Core.BpfSection({|BPF0001:"xdpblah"|})] static int Prog() => 0;
                }
                """ + "\n" + Framework,
                """
                static class G
                {
                    [DotnetEbpf.Core.BpfSection(".rodata")] static readonly int A;
                    [DotnetEbpf.Core.BpfSection(".data")] static int B;
                    [DotnetEbpf.Core.BpfSection("xdp")] static int Prog() => 0;
                }
                """ + "\n" + Framework);
    }
}
