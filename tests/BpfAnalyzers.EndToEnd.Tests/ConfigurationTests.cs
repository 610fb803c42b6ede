using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>The configuration the README documents, through the real build: .editorconfig and MSBuild properties.</summary>
    [Collection(PackedPackageCollection.Name)]
    public class ConfigurationTests
    {
        private static readonly string NeedsLibbpf13 = Programs.WithSections(
            "[BpfSection(\"xdp\")]",
            "[BpfSection({|BPF0005:\"tcx/ingress\"|})]");

        private readonly PackedPackage _package;

        public ConfigurationTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Editorconfig_severity_error_makes_BPF0003_fail_the_build()
        {
            ConsumerProject consumer = _package.NewConsumer("severity-error")
                .EditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.BPF0003.severity = error\n")
                .Source("Programs.cs", Programs.WarningOnly);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error"), build.BpfPositions);
        }

        [Fact]
        public async Task Editorconfig_severity_none_silences_BPF0003_even_under_TreatWarningsAsErrors()
        {
            ConsumerProject consumer = _package.NewConsumer("severity-none")
                .Property("TreatWarningsAsErrors", "true")
                .EditorConfig("root = true\n\n[*.cs]\ndotnet_diagnostic.BPF0003.severity = none\n")
                .Source("Programs.cs", Programs.WarningOnly);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }

        [Fact]
        public async Task BpfLibbpfVersion_1_2_rejects_tcx_ingress_with_BPF0005()
        {
            ConsumerProject consumer = _package.NewConsumer("property-1.2")
                .Property("BpfLibbpfVersion", "1.2")
                .Source("Programs.cs", NeedsLibbpf13);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error"), build.BpfPositions);
            Assert.Contains("needs libbpf 1.3 or newer, but the project targets libbpf 1.2", build.Bpf[0].Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task Editorconfig_bpf_libbpf_version_1_2_rejects_tcx_ingress_with_BPF0005()
        {
            ConsumerProject consumer = _package.NewConsumer("editorconfig-1.2")
                .EditorConfig("root = true\n\n[*.cs]\nbpf_libbpf_version = 1.2\n")
                .Source("Programs.cs", NeedsLibbpf13);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error"), build.BpfPositions);
        }

        [Fact]
        public async Task Editorconfig_bpf_libbpf_version_wins_over_the_BpfLibbpfVersion_property()
        {
            ConsumerProject consumer = _package.NewConsumer("editorconfig-wins")
                .Property("BpfLibbpfVersion", "1.2")
                .Property("TreatWarningsAsErrors", "true")
                .EditorConfig("root = true\n\n[*.cs]\nbpf_libbpf_version = 1.7\n")
                .Source("Programs.cs", Programs.Clean);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }
    }
}
