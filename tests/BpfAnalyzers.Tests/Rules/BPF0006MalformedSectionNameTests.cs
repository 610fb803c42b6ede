using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0006: BPF section name is empty or malformed (SectionNameAnalyzerTests sources).</summary>
    public class BPF0006MalformedSectionNameTests : SectionNameAnalyzerTestsBase
    {
        [Theory]
        [InlineData("\"\"", "'' is empty")]
        [InlineData("\" xdp\"", "' xdp' has leading or trailing whitespace")]
        [InlineData("\"xdp\\t\"", "'xdp\\u0009' contains the control character U+0009")]
        [InlineData("\"x\\u200Bdp\"", "'x\\u200Bdp' contains the invisible character U+200B")]
        [InlineData("null", "is null")]
        public Task Empty_padded_and_control_character_names_are_malformed(string literal, string what) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:{literal}|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.MalformedSectionName)).WithLocation(0).WithArguments("libbpf 1.7", what.Replace("'' is empty", "'' is empty")));
    }

    /// <summary>BPF0006: BPF section name is empty or malformed (DataSectionAnalyzerTests sources).</summary>
    public class BPF0006MalformedSectionNameOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task Null_empty_and_padded_names_on_fields_are_malformed() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0006:null|})] static int A;
                [DotnetEbpf.Core.BpfSection({|BPF0006:""|})] static int B;
                [DotnetEbpf.Core.BpfSection({|BPF0006:" .data"|})] static int C;
            }
            """);
    }
}
