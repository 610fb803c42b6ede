using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary><c>dotnet build</c> of a project that installed the package: what the user reads, and what CI reads.</summary>
    [Collection(PackedPackageCollection.Name)]
    public class BuildOutputTests
    {
        private readonly PackedPackage _package;

        public BuildOutputTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Build_output_and_SARIF_log_report_each_diagnostic_at_its_file_line_and_column()
        {
            ConsumerProject consumer = _package.NewConsumer("positions")
                .Source("Firewall.cs", """
                    using BpfAnalyzers;

                    namespace BpfConsumer
                    {
                        public static class Firewall
                        {
                            [BpfSection("xdp")]
                            public static int Pass(int ctx) => 2;

                            [BpfSection({|BPF0001:"xdpblah"|})]
                            public static int Filter(int ctx) => 2;

                            [BpfSection({|BPF0003:"struct_ops/"|})]
                            public static int Egress(int skb) => 0;
                        }
                    }

                    """)
                .Source("Tracing.cs", """
                    using BpfAnalyzers;

                    namespace BpfConsumer
                    {
                        public static class Tracing
                        {
                            private const string Syscall = "kprobe/do_sys_openat2";

                            [BpfSection(Syscall)]
                            public static int OnOpen(int ctx) => 0;

                    [BpfSection({|BPF0001:"kprobes/do_unlinkat"|})] public static int OnUnlink(int ctx) => 0;

                                    [BpfSection( "kretprobe/do_exit{|BPF0012:+0x10|}" )]
                            public static int Classify(int skb) => 0;
                        }
                    }

                    """);
            string sarif = Path.Combine(consumer.Directory, "build.sarif");

            // A comma separates MSBuild properties on the command line: %2C passes it through to csc.
            BuildOutcome build = await consumer.BuildAsync($"-p:ErrorLog={sarif}%2Cversion=2.1");

            Assert.False(build.Succeeded, "BPF0001 is an error, so the build must fail:\n" + build);
            Assert.Equal(consumer.ExpectedPositions(DefaultSeverity), build.BpfPositions);
            Assert.DoesNotContain(build.Diagnostics, d => !d.Id.StartsWith("BPF", System.StringComparison.Ordinal));
            Assert.Contains(build.Bpf, d => d.Id == "BPF0001" && d.Message.Contains("did you mean 'xdp'?", System.StringComparison.Ordinal));

            using JsonDocument log = JsonDocument.Parse(File.ReadAllText(sarif));
            Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
            var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r =>
                {
                    JsonElement location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                    JsonElement region = location.GetProperty("region");
                    string file = Path.GetFileName(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                    return $"{file}({region.GetProperty("startLine").GetInt32()},{region.GetProperty("startColumn").GetInt32()})-({region.GetProperty("endLine").GetInt32()},{region.GetProperty("endColumn").GetInt32()}): {r.GetProperty("level").GetString()} {r.GetProperty("ruleId").GetString()}";
                })
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            var expected = consumer.Expected
                .Select(e => $"{e.File}({e.Line},{e.Column})-({e.EndLine},{e.EndColumn}): {DefaultSeverity(e.Id)} {e.Id}")
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            Assert.Equal(expected, results);
        }

        private static string DefaultSeverity(string id) => id is "BPF0001" or "BPF0005" ? "error" : "warning";
    }
}
