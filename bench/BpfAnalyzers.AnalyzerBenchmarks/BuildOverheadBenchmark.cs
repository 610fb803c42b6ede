using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Part 2b: a whole <c>dotnet build</c> of a generated project that references the packed BpfAnalyzers package,
    /// with its analyzer and without it (the same project, the package's analyzer items removed before CoreCompile:
    /// same references, same attributes). Alternating runs after one warm-up of each; medians. The compiler runs in
    /// the build's own process (no shared compiler server) and MSBuild nodes are not reused, so every run starts from
    /// the same state and no server outlives the benchmark.
    /// </summary>
    internal static class BuildOverheadBenchmark
    {
        public const double Target = 1.03;

        public static async Task RunAsync(Settings settings)
        {
            var results = new Results(settings.ResultsDirectory, "2b-build");
            const string part = "2 dotnet build";
            Console.WriteLine("== 2b. dotnet build with the packed package, with and without its analyzer");
            if (settings.PackageSource is null || !Directory.Exists(settings.PackageSource))
            {
                throw new ArgumentException("the build part needs --package-source DIR with BpfAnalyzers.*.nupkg (bench/run-all.sh packs it)");
            }

            string version = PackageVersion(settings.PackageSource);
            GeneratedProject project = ProjectGenerator.AllValid(settings.BuildMethods);
            string dir = Path.GetFullPath(Path.Combine(settings.WorkDirectory, $"build-{settings.BuildMethods}"));
            Write(dir, project, settings.PackageSource, version);
            Console.WriteLine($"-- {dir}: {Results.Count(project.Methods)} methods, {Results.Count(project.Lines)} lines, BpfAnalyzers {version}");

            Run(dir, "restore", "restore --nologo -v:q");
            var with = new Samples();
            var without = new Samples();
            for (int rep = -1; rep < settings.BuildRepetitions; rep++)
            {
                bool withFirst = rep % 2 != 0;
                for (int k = 0; k < 2; k++)
                {
                    bool analyzer = withFirst == (k == 0);
                    TimeSpan t = Run(dir, analyzer ? "with" : "without", BuildArguments(analyzer));
                    if (rep >= 0)
                    {
                        (analyzer ? with : without).Add(t);
                    }

                    Console.WriteLine($"   {(rep < 0 ? "warm-up" : "rep " + (rep + 1))} {(analyzer ? "with   " : "without")}: {t.TotalMilliseconds:0} ms");
                }
            }

            double ratio = with.Median / without.Median;
            results.Row(part, $"dotnet build, {Results.Count(project.Methods)} methods ({Results.Count(project.Lines)} lines), with / without the analyzer ({with.Count} runs each, median)",
                $"{Results.Ms(with.Median)} / {Results.Ms(without.Median)} = {Results.Ratio(ratio)} ({(with.Median - without.Median >= 0 ? "+" : string.Empty)}{Results.Ms(with.Median - without.Median)})",
                $"<= {Results.Ratio(Target)}", ratio <= Target);

            string? reported = settings.Quick ? null : ReportAnalyzer(dir);
            if (reported is not null)
            {
                results.Row(part, "csc -p:ReportAnalyzer=true, one build: time csc charges to BpfAnalyzers", reported, "-", null);
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }

        private static string BuildArguments(bool analyzer) =>
            $"build --no-restore --no-incremental -c Release --nologo -v:q -nodeReuse:false -p:UseSharedCompilation=false -p:BpfBenchAnalyzer={(analyzer ? "true" : "false")}";

        /// <summary>csc's own account (-p:ReportAnalyzer=true): the analyzer assembly's line of the execution-time report.</summary>
        private static string? ReportAnalyzer(string dir)
        {
            string log = Path.Combine(dir, "report-analyzer.log");
            Run(dir, "report", BuildArguments(analyzer: true).Replace("-v:q", "-v:d", StringComparison.Ordinal) + " -p:ReportAnalyzer=true", log);
            string[] lines = File.ReadAllLines(log);
            string? total = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Total analyzer execution time", StringComparison.Ordinal));
            string? ours = lines.Select(l => l.Trim()).FirstOrDefault(l => Regex.IsMatch(l, @"^[\d.]+\s+\S+\s+BpfAnalyzers\.Analyzers\b"));
            return ours is null ? null : $"{Regex.Replace(ours, @"\s+", " ")} [seconds, %, assembly]; {total}";
        }

        private static TimeSpan Run(string dir, string what, string arguments, string? log = null)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["MSBUILDTERMINALLOGGER"] = "off";
            var sw = Stopwatch.StartNew();
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            sw.Stop();
            string output = stdout.Result + stderr.Result;
            if (log is not null)
            {
                File.WriteAllText(log, output);
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {arguments} ({what}) failed with {process.ExitCode}:\n{output}");
            }

            return sw.Elapsed;
        }

        private static string PackageVersion(string source)
        {
            string? package = Directory.GetFiles(source, "BpfAnalyzers.*.nupkg").Select(Path.GetFileNameWithoutExtension).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault();
            return package?.Substring("BpfAnalyzers.".Length) ?? throw new ArgumentException($"no BpfAnalyzers.*.nupkg in {source}");
        }

        private static void Write(string dir, GeneratedProject project, string packageSource, string version)
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project>\n  <!-- Stands alone: not the repository's build settings. -->\n</Project>\n");
            File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project>\n  <!-- Stands alone: no central package management. -->\n</Project>\n");
            // The default work folder is under artifacts/, so NuGet merges the repository's nuget.config, whose source
            // mapping sends every id to nuget.org: clear the mapping too, or BpfAnalyzers has no allowed source (NU1100).
            File.WriteAllText(Path.Combine(dir, "nuget.config"), $@"<?xml version=""1.0"" encoding=""utf-8""?>
<configuration>
  <config>
    <add key=""globalPackagesFolder"" value=""packages"" />
  </config>
  <packageSources>
    <clear />
    <add key=""bpfanalyzers"" value=""{packageSource}"" />
  </packageSources>
  <packageSourceMapping>
    <clear />
    <packageSource key=""bpfanalyzers"">
      <package pattern=""*"" />
    </packageSource>
  </packageSourceMapping>
</configuration>
");
            File.WriteAllText(Path.Combine(dir, "Generated.csproj"), $@"<Project Sdk=""Microsoft.NET.Sdk"">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <BpfLibbpfVersion>1.7</BpfLibbpfVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include=""BpfAnalyzers"" Version=""{version}"" />
  </ItemGroup>
  <!-- -p:BpfBenchAnalyzer=false: the same build without the package's analyzer (its attributes stay referenced). -->
  <Target Name=""BpfBenchDropAnalyzer"" BeforeTargets=""CoreCompile"" Condition=""'$(BpfBenchAnalyzer)' == 'false'"">
    <ItemGroup>
      <Analyzer Remove=""@(Analyzer)"" Condition=""'%(Analyzer.NuGetPackageId)' == 'BpfAnalyzers'"" />
    </ItemGroup>
  </Target>
</Project>
");
            foreach (GeneratedFile file in project.Files)
            {
                File.WriteAllText(Path.Combine(dir, file.Path), file.Text, new UTF8Encoding(false));
            }
        }
    }
}
