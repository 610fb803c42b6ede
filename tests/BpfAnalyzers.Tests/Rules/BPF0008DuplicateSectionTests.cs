using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0008: Two BPF programs in one ELF section (SectionNameAnalyzerTests sources).</summary>
    public class BPF0008DuplicateSectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task Two_programs_in_one_section_are_an_error_under_0_1() =>
            Verify.Analyzer(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("xdp")] static int First() => 0;
                    [BpfSection({|#0:"xdp"|})] static int Second() => 0;
                }
                """,
                "build_property.BpfLibbpfVersion = 0.1",
                Verify.Diagnostic(Descriptors.Of(Rules.DuplicateSection)).WithLocation(0).WithArguments("libbpf 0.1", "xdp", "First"));
    }
}
