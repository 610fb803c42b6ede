using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0010: Invalid BpfAnalyzers configuration (ConfigurationTests sources).</summary>
    public class BPF0010InvalidConfigurationConfigurationTests : ConfigurationTestsBase
    {
        [Fact]
        public Task An_unknown_version_is_reported_and_the_newest_is_used() =>
            Verify.Analyzer(
                TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"tcx/ingress\""),
                "build_property.BpfLibbpfVersion = 0.9",
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
                    "BpfLibbpfVersion '0.9' is not a libbpf release with a section table (0.1 to 1.7, or main); checking against libbpf 1.7"));

        [Theory]
        [InlineData("1.8")]
        [InlineData("1.8.0")]
        [InlineData("v2.0")]
        public Task A_release_newer_than_every_table_is_an_error_and_main_is_used(string value) =>
            Verify.Analyzer(
                // Checked against main meanwhile: what main accepts gets no error of its own.
                SleepableTracepointProgram.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
                "build_property.BpfLibbpfVersion = " + value,
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
                    $"BpfLibbpfVersion '{value}' is newer than every libbpf release with a section table (the newest is 1.7); " +
                    "set it to 'main' (libbpf's main branch at f7081a6baf3f, 2026-07-30) or to '1.7'; checking against libbpf main"));

        [Fact]
        public Task Strict_mode_before_0_6_is_reported() =>
            Verify.Analyzer(
                TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"xdp\""),
                "build_property.BpfLibbpfVersion = 0.5\nbuild_property.BpfStrictSectionNames = true",
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
                    "BpfStrictSectionNames is true, but libbpf 0.5 has no LIBBPF_STRICT_SEC_NAME mode (it exists from 0.6)"));
    }
}
