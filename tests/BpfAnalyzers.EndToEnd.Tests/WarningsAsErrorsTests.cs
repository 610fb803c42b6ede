using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>A BPF warning fails the build exactly when the project asks warnings to be errors.</summary>
    [Collection(PackedPackageCollection.Name)]
    public class WarningsAsErrorsTests
    {
        private readonly PackedPackage _package;

        public WarningsAsErrorsTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task A_BPF_warning_alone_does_not_fail_the_build()
        {
            ConsumerProject consumer = _package.NewConsumer("warning").Source("Programs.cs", Programs.WarningOnly);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "warning"), build.BpfPositions);
        }

        [Fact]
        public async Task TreatWarningsAsErrors_fails_a_build_whose_only_problem_is_a_BPF_warning()
        {
            ConsumerProject consumer = _package.NewConsumer("twae")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.WarningOnly);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error"), build.BpfPositions);
            Assert.DoesNotContain(build.Diagnostics, d => !d.Id.StartsWith("BPF", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_warnaserror_switch_fails_a_build_whose_only_problem_is_a_BPF_warning()
        {
            ConsumerProject consumer = _package.NewConsumer("warnaserror").Source("Programs.cs", Programs.WarningOnly);

            BuildOutcome build = await consumer.BuildAsync("-warnaserror");

            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error"), build.BpfPositions);
        }

        [Fact]
        public async Task A_clean_project_builds_under_TreatWarningsAsErrors_with_no_BPF_diagnostic()
        {
            ConsumerProject consumer = _package.NewConsumer("clean")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.Clean);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }
    }
}
