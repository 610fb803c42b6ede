using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// <c>dotnet format</c> (built into the SDK) finds CanonicalizeSectionFix in the package, applies it
    /// through its Fix All provider and writes the result to disk.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class DotnetFormatTests
    {
        private readonly PackedPackage _package;

        public DotnetFormatTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Format_analyzers_with_diagnostics_BPF0001_fixes_every_BPF0001_and_nothing_else()
        {
            ConsumerProject consumer = _package.NewConsumer("format-bpf0001").Source("Programs.cs", Programs.WithSections(
                "[BpfSection({|BPF0001:\"xdpblah\"|})]",
                "[BpfSection({|BPF0001:\"kprobes/do_unlinkat\"|})]",
                "[BpfSection({|BPF0003:\"struct_ops/\"|})]"));

            ToolResult format = await consumer.FormatAsync("analyzers", "--diagnostics", "BPF0001", "--severity", "info");

            Assert.True(format.ExitCode == 0, format.ToString());
            Assert.Equal(
                Programs.WithSections("[BpfSection(\"xdp\")]", "[BpfSection(\"kprobe/do_unlinkat\")]", "[BpfSection(\"struct_ops/\")]"),
                consumer.ReadSource("Programs.cs"));
            BuildOutcome build = await consumer.BuildAsync();
            Assert.True(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "warning").Where(p => p.EndsWith(" BPF0003", System.StringComparison.Ordinal)), build.BpfPositions);
        }

        /// <summary>
        /// Declaring a program type is a decision about the loader: dotnet format never makes it
        /// (DeclareCustomSectionFix has no Fix All provider). An undeclared 'user' first in the file gives
        /// dotnet format no equivalence key, and the other names are still fixed.
        /// </summary>
        [Fact]
        public async Task Format_leaves_an_undeclared_user_alone_and_fixes_the_other_names()
        {
            ConsumerProject consumer = _package.NewConsumer("format-user")
                .Source("Custom.cs", "using BpfAnalyzers;\n\n[assembly: BpfCustomSection(\"audit/\")]\n")
                .Source("Programs.cs", Programs.WithSections(
                    "[BpfSection({|BPF0001:\"user\"|})]",
                    "[BpfSection({|BPF0001:\"audit\"|})]",
                    "[BpfSection({|BPF0001:\"xdpblah\"|})]"));

            ToolResult format = await consumer.FormatAsync("analyzers", "--diagnostics", "BPF0001", "--severity", "info");

            Assert.True(format.ExitCode == 0, format.ToString());
            Assert.Equal(
                Programs.WithSections("[BpfSection(\"user\")]", "[BpfSection(\"audit/\")]", "[BpfSection(\"xdp\")]"),
                consumer.ReadSource("Programs.cs"));
            Assert.Equal("using BpfAnalyzers;\n\n[assembly: BpfCustomSection(\"audit/\")]\n", consumer.ReadSource("Custom.cs"));
            BuildOutcome build = await consumer.BuildAsync();
            Assert.False(build.Succeeded, build.ToString());
            Assert.Equal(consumer.ExpectedPositions(_ => "error").Take(1), build.BpfPositions);
        }

        [Fact]
        public async Task Format_with_severity_warn_applies_the_fixes_on_disk_and_the_rebuild_is_clean()
        {
            // Several rules at once: dotnet format fixes everything with the equivalence key of the first
            // diagnostic it sees, so CanonicalizeSectionFix shares one key per rank across its rules.
            ConsumerProject consumer = _package.NewConsumer("format-warn")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.WithSections(
                    "[BpfSection({|BPF0001:\"xdpblah\"|})]",
                    "[BpfSection(\"kretprobe/do_exit{|BPF0012:+0x10|}\")]",
                    "[BpfSection({|BPF0003:\"struct_ops/\"|})]"))
                .Source("Tracing.cs", """
                    using BpfAnalyzers;

                    namespace BpfConsumer
                    {
                        public static class Tracing
                        {
                            private const string Ops = "struct_ops/";

                            [BpfSection({|BPF0003:Ops|})]
                            public static int Classify(int skb) => 0;
                        }
                    }

                    """);

            ToolResult verify = await consumer.FormatAsync("--verify-no-changes", "--severity", "warn");
            Assert.True(verify.ExitCode == 2, "--verify-no-changes must fail while fixes are pending:\n" + verify);

            ToolResult format = await consumer.FormatAsync("--severity", "warn");

            Assert.True(format.ExitCode == 0, format.ToString());
            Assert.Equal(
                Programs.WithSections("[BpfSection(\"xdp\")]", "[BpfSection(\"kretprobe/do_exit\")]", "[BpfSection(\"struct_ops\")]"),
                consumer.ReadSource("Programs.cs"));
            Assert.Contains("private const string Ops = \"struct_ops\";", consumer.ReadSource("Tracing.cs"), System.StringComparison.Ordinal);
            BuildOutcome build = await consumer.BuildAsync();
            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }
    }
}
