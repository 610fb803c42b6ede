using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// Issue 24: the README's install and fix commands, run as a new user would on a fresh <c>dotnet new classlib</c>
    /// project outside the repository, with a packages folder of its own. In the package collection because the install
    /// packs <c>src/</c>, which must not overlap another end-to-end test's pack.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class InstallTests
    {
        private readonly PackedPackage _package;

        public InstallTests(PackedPackage package) => _package = package;

        [Fact]
        public async Task The_documented_install_and_format_commands_work_on_a_fresh_project()
        {
            string readme = File.ReadAllText(Path.Combine(_package.RepoRoot, "README.md"));
            string install = Assert.Single(Block(readme, "install"));
            string format = Assert.Single(Block(readme, "format"));
            const string documented = "path/to/MyPrograms/MyPrograms.csproj";
            Assert.Contains(documented, install, StringComparison.Ordinal);
            Assert.Contains(documented, format, StringComparison.Ordinal);

            string root = Path.Combine(Path.GetTempPath(), "bpfanalyzers-install-" + Guid.NewGuid().ToString("N"));
            string projectDir = Path.Combine(root, "MyPrograms");
            string project = Path.Combine(projectDir, "MyPrograms.csproj");
            // The consumer's own packages folder, by a nuget.config above it (NuGet merges configs up the tree), so the
            // install's pack of this repository keeps the machine's.
            var environment = new Dictionary<string, string>();
            try
            {
                Directory.CreateDirectory(root);
                // Package source mapping on, as in this repository's own nuget.config: every id to nuget.org. The install
                // must map BpfAnalyzers to its folder, or NuGet never asks it (NU1101).
                File.WriteAllText(Path.Combine(root, "nuget.config"),
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <config>\n    <add key=\"globalPackagesFolder\" value=\"{Path.Combine(root, "packages")}\" />\n  </config>\n" +
                    "  <packageSourceMapping>\n    <packageSource key=\"nuget.org\">\n      <package pattern=\"*\" />\n    </packageSource>\n  </packageSourceMapping>\n</configuration>\n");
                ToolResult created = await Run(ToolProcess.Dotnet, new[] { "new", "classlib", "-n", "MyPrograms", "-o", projectDir }, root, environment);
                Assert.True(created.ExitCode == 0, created.ToString());
                File.Delete(Path.Combine(projectDir, "Class1.cs"));
                File.WriteAllText(Path.Combine(projectDir, "Programs.cs"), Source("xdpblah", ".rodat"));

                ToolResult installed = await Run("bash", new[] { "-c", install.Replace(documented, Quote(project), StringComparison.Ordinal) }, _package.RepoRoot, environment);
                Assert.True(installed.ExitCode == 0, installed.ToString());
                Assert.Contains("PackageReference Include=\"BpfAnalyzers\"", File.ReadAllText(project), StringComparison.Ordinal);

                BuildOutcome before = new(await Run(ToolProcess.Dotnet, new[] { "build", project, "--nologo", "-nodeReuse:false" }, projectDir, environment), projectDir);
                Assert.False(before.Succeeded, before.ToString());
                Assert.Equal(new[] { "Programs.cs(5,17): error BPF0001", "Programs.cs(10,17): warning BPF0024" }, before.BpfPositions);

                ToolResult formatted = await Run("bash", new[] { "-c", format.Replace(documented, Quote(project), StringComparison.Ordinal) }, projectDir, environment);
                Assert.True(formatted.ExitCode == 0, formatted.ToString());
                Assert.Equal(Source("xdp", ".rodata"), File.ReadAllText(Path.Combine(projectDir, "Programs.cs")));

                BuildOutcome after = new(await Run(ToolProcess.Dotnet, new[] { "build", project, "--nologo", "-nodeReuse:false" }, projectDir, environment), projectDir);
                Assert.True(after.Succeeded, after.ToString());
                Assert.Empty(after.Bpf);
            }
            finally
            {
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private static string Source(string program, string global) =>
            "using BpfAnalyzers;\n\npublic static class Programs\n{\n" +
            $"    [BpfSection(\"{program}\")] public static int Filter(object ctx) => 2;\n" +
            "}\n\npublic static class Globals\n{\n" +
            $"    [BpfSection(\"{global}\")] public static readonly int MinSize;\n" +
            "}\n";

        private static Task<ToolResult> Run(string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string> environment) =>
            ToolProcess.RunAsync(file, arguments, directory, TimeSpan.FromMinutes(10), environment);

        private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        /// <summary>The command lines of the README's sh block between <c>&lt;!-- NAME:begin --&gt;</c> and its end marker.</summary>
        private static IReadOnlyList<string> Block(string readme, string name)
        {
            Match m = Regex.Match(readme, $"<!-- {name}:begin -->\\n```sh\\n(?<body>.*?)```\\n<!-- {name}:end -->", RegexOptions.Singleline);
            Assert.True(m.Success, $"README.md has no <!-- {name}:begin --> sh block");
            return m.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
    }
}
