using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0002: BPF section name loads only by legacy prefix matching (SectionNameAnalyzerTests sources).</summary>
    public class BPF0002LegacyPrefixSectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task Legacy_prefix_name_warns_where_it_still_loads() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"xdp_devmap_omg\"|})]"),
                "build_property.BpfLibbpfVersion = 0.1",
                Verify.Diagnostic(Descriptors.Of(Rules.LegacyPrefixSection)).WithLocation(0).WithArguments("libbpf 0.1", "xdp_devmap_omg", "xdp", "xdp", ""));
    }
}
