using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0009: BPF section name is not a constant (SectionNameAnalyzerTests sources).</summary>
    public class BPF0009NonConstantSectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task Non_constant_argument_gets_its_own_diagnostic() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    static readonly string Name = "xdp";
                    [BpfSection({|#0:{|CS0182:Name|}|})] static int Handle() => 0;
                }
                """,
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonConstantSection)).WithLocation(0).WithArguments("libbpf 1.7"));
    }
}
