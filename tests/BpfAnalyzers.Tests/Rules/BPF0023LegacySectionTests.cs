using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0023: BPF section name is legacy (SectionNameAnalyzerTests sources).</summary>
    public class BPF0023LegacySectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public void Legacy_is_info_and_deprecated_stays_a_warning()
        {
            Assert.Equal(DiagnosticSeverity.Info, Descriptors.Of(Rules.LegacySection).DefaultSeverity);
            Assert.Equal(DiagnosticSeverity.Warning, Descriptors.Of(Rules.DeprecatedSection).DefaultSeverity);
        }
    }
}
