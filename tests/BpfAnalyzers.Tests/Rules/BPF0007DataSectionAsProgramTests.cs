using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0007: ELF data section used for a BPF program (SectionNameAnalyzerTests sources).</summary>
    public class BPF0007DataSectionAsProgramTests : SectionNameAnalyzerTestsBase
    {
        [Theory]
        [InlineData(".maps")]
        [InlineData("license")]
        [InlineData(".rodata")]
        [InlineData(".bss")]
        [InlineData(".data")]
        [InlineData("maps")]
        [InlineData("version")]
        [InlineData(".rodata.str1.1")]
        [InlineData(".bss.counters")]
        [InlineData(".jumptables")]
        [InlineData("?.struct_ops")]
        [InlineData(".struct_ops.link")]
        [InlineData(".addr_space.1")]
        [InlineData(".kconfig")]
        [InlineData(".BTF")]
        [InlineData(".BTF.ext")]
        public Task Data_sections_are_not_program_sections(string name) =>
            Verify.Analyzer(Program($"[BpfSection({{|BPF0007:\"{name}\"|}})]"));
    }

    /// <summary>BPF0007: ELF data section used for a BPF program (DataSectionAnalyzerTests sources).</summary>
    public class BPF0007DataSectionAsProgramOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task A_data_section_on_a_method_stays_BPF0007() => Check("""
            static class P { [DotnetEbpf.Core.BpfSection({|BPF0007:".rodata"|})] static int Prog() => 0; }
            """);
    }
}
