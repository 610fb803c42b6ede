using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// Which copy of the analyzer the package's targets hand csc: on a .NET 10 SDK on linux-x64 (this machine, CI) the
    /// one compiled ahead of time (r2r/linux-x64/, what a cold compiler needs: docs/performance.md), with
    /// <c>BpfReadyToRun=false</c> the portable one (analyzers/dotnet/cs/), and both find exactly the same things.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class ReadyToRunTests
    {
        private static readonly string[] Assemblies =
        {
            "BpfAnalyzers.Analyzers.dll", "BpfAnalyzers.CodeFixes.dll", "BpfAnalyzers.Completion.dll", "BpfAnalyzers.Kernel.dll", "BpfAnalyzers.Sections.dll",
        };

        private readonly PackedPackage _package;

        public ReadyToRunTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task A_dotnet_10_build_on_linux_x64_gives_csc_the_ahead_of_time_copies_and_BpfReadyToRun_false_the_portable_ones()
        {
            // What this test describes is a linux-x64 host; on any other the targets rightly keep the portable copies.
            Assert.True(
                RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
                "this test describes a linux-x64 host, not " + RuntimeInformation.RuntimeIdentifier);
            ConsumerProject consumer = _package.NewConsumer("r2r-items").Source("Programs.cs", Programs.Clean);
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());

            IReadOnlyList<string> chosen = Ours(await consumer.AnalyzerPathsAsync(), consumer);
            IReadOnlyList<string> portable = Ours(await consumer.AnalyzerPathsAsync("-p:BpfReadyToRun=false"), consumer);

            Assert.Equal(Assemblies.Select(a => Path.Combine(consumer.PackageReadyToRunFolder, a)), chosen);
            Assert.Equal(Assemblies.Select(a => Path.Combine(consumer.PackageAnalyzersFolder, a)), portable);
            Assert.All(chosen.Concat(portable), path => Assert.True(File.Exists(path), path));
        }

        [Fact]
        public async Task The_ahead_of_time_and_the_portable_copies_report_the_same_diagnostics_with_the_same_messages()
        {
            string source = Programs.WithSections(
                "[BpfSection({|BPF0001:\"xdpblah\"|})]",
                "[BpfSection({|BPF0003:\"struct_ops/\"|})]",
                "[BpfSection(\"kprobe/do_sys_openat2\")]",
                "[BpfSection({|BPF0001:\"kprobes/do_unlinkat\"|})]");
            ConsumerProject compiled = _package.NewConsumer("r2r-build").Source("Programs.cs", source);
            ConsumerProject portable = _package.NewConsumer("portable-build").Property("BpfReadyToRun", "false").Source("Programs.cs", source);

            BuildOutcome fromCompiled = await compiled.BuildAsync();
            BuildOutcome fromPortable = await portable.BuildAsync();

            Assert.Equal(compiled.ExpectedPositions(id => id == "BPF0003" ? "warning" : "error"), fromCompiled.BpfPositions);
            Assert.Equal(
                fromPortable.Bpf.Select(d => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Id}: {d.Message}"),
                fromCompiled.Bpf.Select(d => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Id}: {d.Message}"));
            // Loader trouble (cannot create the analyzer, no analyzer in it, too new a compiler) would be in the raw output.
            foreach (string id in new[] { "CS8032", "CS8033", "CS9057", "AD0001" })
            {
                Assert.DoesNotContain(id, fromCompiled.Result.Output, StringComparison.Ordinal);
            }
        }

        private static IReadOnlyList<string> Ours(IReadOnlyList<string> analyzers, ConsumerProject consumer) =>
            analyzers.Where(a => a.StartsWith(consumer.PackageFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(a => a, StringComparer.Ordinal)
                .ToList();
    }
}
