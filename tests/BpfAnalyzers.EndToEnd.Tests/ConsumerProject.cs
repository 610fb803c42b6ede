using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>One line of compiler output: <c>path(line,col): severity ID: message [project]</c>.</summary>
    public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Severity} {Id}: {Message}";
    }

    /// <summary>What <c>dotnet build</c> did: its exit code, its output, the diagnostics it printed (each once).</summary>
    public sealed class BuildOutcome
    {
        private static readonly Regex DiagnosticLine = new(
            @"^[ \t]*(?<file>[^\s(][^(\n]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning|info) (?<id>[A-Z]+[0-9]+): (?<message>.*?)(?: \[[^\]]*\])?$",
            RegexOptions.Multiline | RegexOptions.CultureInvariant);

        public BuildOutcome(ToolResult result, string projectDirectory)
        {
            Result = result;
            Diagnostics = DiagnosticLine.Matches(result.Output.Replace("\r", ""))
                .Select(m => new BuildDiagnostic(
                    Path.GetRelativePath(projectDirectory, m.Groups["file"].Value),
                    int.Parse(m.Groups["line"].Value),
                    int.Parse(m.Groups["column"].Value),
                    m.Groups["severity"].Value,
                    m.Groups["id"].Value,
                    m.Groups["message"].Value))
                .Distinct()
                .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        public ToolResult Result { get; }

        public bool Succeeded => Result.ExitCode == 0;

        public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

        public IReadOnlyList<BuildDiagnostic> Bpf => Diagnostics.Where(d => d.Id.StartsWith("BPF", StringComparison.Ordinal)).ToList();

        /// <summary>(file, line, column, severity, id) of each BPF diagnostic, for exact comparison.</summary>
        public IReadOnlyList<string> BpfPositions => Bpf.Select(d => $"{d.File}({d.Line},{d.Column}): {d.Severity} {d.Id}").ToList();

        public override string ToString() => Result.ToString();
    }

    /// <summary>
    /// A real project that takes BpfAnalyzers the way users do: a PackageReference restored from a
    /// local folder feed (a nuget.config with only that feed) into a packages folder of its own, so a
    /// stale copy of the same version never leaks in. Empty Directory.Build.props/targets keep the
    /// surrounding folders' settings out. The nuget.config clears the source mapping too: NuGet merges
    /// every nuget.config up the tree, and under a folder whose config maps "*" to nuget.org (this
    /// repository's, if the temp folder is ever inside it) the cleared-away nuget.org would be the only
    /// source allowed for BpfAnalyzers, and restore fails with NU1100.
    /// </summary>
    public sealed class ConsumerProject
    {
        public const string ProjectName = "BpfConsumer";

        private readonly PackedPackage _package;
        private readonly SortedDictionary<string, string> _properties = new(StringComparer.Ordinal);
        private readonly List<ExpectedDiagnostic> _expected = new();
        private readonly List<string> _items = new();

        public ConsumerProject(PackedPackage package, string directory)
        {
            _package = package;
            Directory = directory;
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config>
                    <add key="globalPackagesFolder" value="{PackagesFolder}" />
                  </config>
                  <packageSources>
                    <clear />
                    <add key="bpfanalyzers-under-test" value="{package.Feed}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                    <packageSource key="bpfanalyzers-under-test">
                      <package pattern="*" />
                    </packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
            File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
            WriteProject();
        }

        public string Directory { get; }

        public string ProjectPath => Path.Combine(Directory, ProjectName + ".csproj");

        /// <summary>This project's own NuGet packages folder.</summary>
        public string PackagesFolder => Path.Combine(Directory, ".packages");

        /// <summary>The restored package.</summary>
        public string PackageFolder => Path.Combine(PackagesFolder, _package.Id.ToLowerInvariant(), _package.Version);

        /// <summary>Where the restored package's portable analyzers are (NuGet's analyzers/dotnet/cs).</summary>
        public string PackageAnalyzersFolder => Path.Combine(PackageFolder, "analyzers", "dotnet", "cs");

        /// <summary>Where its copies compiled ahead of time for linux-x64 are (r2r/linux-x64).</summary>
        public string PackageReadyToRunFolder => Path.Combine(PackageFolder, "r2r", "linux-x64");

        /// <summary>The diagnostics the markup of every source written so far expects.</summary>
        public IReadOnlyList<ExpectedDiagnostic> Expected => _expected;

        /// <summary>An item of the project (<c>&lt;BpfKernel Include="k.bpfkernel" /&gt;</c>), written as given.</summary>
        public ConsumerProject Item(string xml)
        {
            _items.Add(xml);
            WriteProject();
            return this;
        }

        /// <summary>A file of the project other than source (a kernel profile), written as given.</summary>
        public ConsumerProject WriteFile(string name, string text)
        {
            System.IO.File.WriteAllText(Path.Combine(Directory, name), text);
            return this;
        }

        public ConsumerProject Property(string name, string value)
        {
            _properties[name] = value;
            WriteProject();
            return this;
        }

        /// <summary>Writes <paramref name="markup"/> without its markup; remembers where diagnostics are expected.</summary>
        public ConsumerProject Source(string file, string markup)
        {
            MarkedSource source = MarkedSource.Parse(file, markup);
            File.WriteAllText(Path.Combine(Directory, file), source.Text);
            _expected.RemoveAll(e => e.File == file);
            _expected.AddRange(source.Expected);
            return this;
        }

        public ConsumerProject EditorConfig(string text)
        {
            File.WriteAllText(Path.Combine(Directory, ".editorconfig"), text);
            return this;
        }

        public string ReadSource(string file) => File.ReadAllText(Path.Combine(Directory, file));

        /// <summary>Expected positions in the form of <see cref="BuildOutcome.BpfPositions"/>, with the severity each rule has.</summary>
        public IReadOnlyList<string> ExpectedPositions(Func<string, string> severityOf) =>
            _expected.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => $"{e.File}({e.Line},{e.Column}): {severityOf(e.Id)} {e.Id}")
                .ToList();

        public async Task<BuildOutcome> BuildAsync(params string[] arguments) =>
            new BuildOutcome(await DotnetAsync(new[] { "build", ProjectPath, "--nologo", "-nodeReuse:false" }.Concat(arguments).ToArray()), Directory);

        public Task<ToolResult> RestoreAsync() => DotnetAsync("restore", ProjectPath, "--nologo", "-nodeReuse:false");

        /// <summary><c>dotnet format ARGS</c> on this project (it restores first, as the tool does by default).</summary>
        public Task<ToolResult> FormatAsync(params string[] arguments)
        {
            var all = new List<string> { "format" };
            if (arguments.Length > 0 && !arguments[0].StartsWith('-'))
            {
                all.Add(arguments[0]);
                arguments = arguments.Skip(1).ToArray();
            }

            all.Add(ProjectPath);
            all.AddRange(arguments);
            return DotnetAsync(all.ToArray());
        }

        /// <summary>Variables every tool run on this project gets: NUGET_PACKAGES wins over any other setting.</summary>
        public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

        /// <summary>
        /// The paths of the <c>Analyzer</c> items the build hands csc (and a design-time build the IDE), as
        /// <c>dotnet msbuild -getItem</c> reads them after the package's targets ran.
        /// </summary>
        public async Task<IReadOnlyList<string>> AnalyzerPathsAsync(params string[] arguments)
        {
            ToolResult result = await DotnetAsync(new[] { "msbuild", ProjectPath, "-nologo", "-nodeReuse:false", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer" }.Concat(arguments).ToArray());
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("dotnet msbuild -getItem:Analyzer failed:\n" + result);
            }

            // The JSON document, whatever else the tool printed around it.
            string output = result.Output;
            int start = output.IndexOf('{');
            int end = output.LastIndexOf('}');
            if (start < 0 || end < start)
            {
                throw new InvalidOperationException("dotnet msbuild -getItem:Analyzer printed no JSON:\n" + result);
            }

            using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(output.Substring(start, end - start + 1));
            return json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
                .Select(item => item.GetProperty("FullPath").GetString()!)
                .ToList();
        }

        private Task<ToolResult> DotnetAsync(params string[] arguments) =>
            ToolProcess.RunAsync(ToolProcess.Dotnet, arguments, Directory, TimeSpan.FromMinutes(4), Environment);

        private void WriteProject()
        {
            var properties = new StringBuilder();
            foreach (KeyValuePair<string, string> property in _properties)
            {
                properties.Append($"    <{property.Key}>{property.Value}</{property.Key}>\n");
            }

            File.WriteAllText(ProjectPath, $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                {properties}  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="{_package.Id}" Version="{_package.Version}" />
                {string.Concat(_items.Select(i => "    " + i + "\n"))}  </ItemGroup>
                </Project>

                """);
        }
    }
}
