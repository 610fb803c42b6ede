using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0004: BPF section name is deprecated (SectionNameAnalyzerTests sources).</summary>
    public class BPF0004DeprecatedSectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task Deprecated_name_names_its_replacement() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"classifier\"|})]"),
                "build_property.BpfLibbpfVersion = 0.8",
                Verify.Diagnostic(Descriptors.Of(Rules.DeprecatedSection)).WithLocation(0).WithArguments(
                    "libbpf 0.8", "classifier", "deprecated (libbpf prints \"SEC(\"classifier\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details\")", "'tc'"));

        // libbpf v1.3.0 src/libbpf.c: SEC_DEF("tc",			SCHED_CLS, 0, SEC_NONE), /* deprecated / legacy, use tcx */
        // A comment only: no SEC_DEPRECATED flag and no message, and kernels before 6.6 need tc. A suggestion, not a warning.
        [Theory]
        [InlineData("tc", "'tcx/ingress' or 'tcx/egress'")]
        [InlineData("classifier", "'tcx/ingress', 'tcx/egress' or 'tc'")]
        public Task Tc_and_classifier_are_a_legacy_suggestion_where_tcx_exists(string name, string use) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.LegacySection)).WithLocation(0).WithArguments("libbpf 1.7", name, use));
    }
}
