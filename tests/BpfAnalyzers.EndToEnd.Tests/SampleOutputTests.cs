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
    /// The README's "What it reports" block is what <c>./run-sample.sh</c> prints, line for line. In the
    /// package collection because the script packs and builds <c>src/</c> too, which must not overlap another
    /// end-to-end test's pack.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class SampleOutputTests
    {
        private readonly PackedPackage _package;

        public SampleOutputTests(PackedPackage package) => _package = package;

        [Fact]
        public async Task Run_sample_prints_exactly_the_diagnostics_the_README_shows()
        {
            string readme = File.ReadAllText(Path.Combine(_package.RepoRoot, "README.md"));
            IReadOnlyList<string> documented = ReadmeBlock(readme);
            Assert.True(documented.Count > 0, "README.md's \"What it reports\" block is empty");

            ToolResult run = await ToolProcess.RunAsync("bash", new[] { "./run-sample.sh" }, _package.RepoRoot, TimeSpan.FromMinutes(15));
            Assert.True(run.ExitCode == 0, "./run-sample.sh failed:\n" + run);
            List<string> printed = run.Output.Split('\n')
                .Select(l => l.TrimEnd('\r'))
                .Where(l => Regex.IsMatch(l, @"^samples/.*: (error|warning|info) BPF\d{4}: "))
                .ToList();

            Assert.True(
                printed.SequenceEqual(documented, StringComparer.Ordinal),
                "README.md's \"What it reports\" block differs from what ./run-sample.sh prints " +
                "(- only in the README, + only in the output):\n" + Diff(documented, printed) + "\n\nfull output:\n" + run);
        }

        [Fact]
        public void The_README_block_is_found_and_holds_only_diagnostic_lines()
        {
            IReadOnlyList<string> documented = ReadmeBlock(File.ReadAllText(Path.Combine(_package.RepoRoot, "README.md")));
            Assert.NotEmpty(documented);
            Assert.All(documented, l => Assert.Matches(@"^samples/.*: (error|warning|info) BPF\d{4}: ", l));
        }

        /// <summary>The lines of the first code block after the "## What it reports" heading.</summary>
        internal static IReadOnlyList<string> ReadmeBlock(string readme)
        {
            string text = readme.Replace("\r\n", "\n");
            int heading = text.IndexOf("\n## What it reports\n", StringComparison.Ordinal);
            Assert.True(heading >= 0, "README.md has no \"## What it reports\" section");
            int open = text.IndexOf("\n```", heading, StringComparison.Ordinal);
            int bodyStart = text.IndexOf('\n', open + 1) + 1;
            int close = text.IndexOf("\n```", bodyStart - 1, StringComparison.Ordinal);
            Assert.True(open >= 0 && close > open, "README.md's \"What it reports\" section has no code block");
            return text.Substring(bodyStart, close + 1 - bodyStart).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>A line diff (longest common subsequence): unchanged lines with two spaces, others with - or +.</summary>
        internal static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
        {
            int[,] lcs = new int[expected.Count + 1, actual.Count + 1];
            for (int i = expected.Count - 1; i >= 0; i--)
            {
                for (int j = actual.Count - 1; j >= 0; j--)
                {
                    lcs[i, j] = expected[i] == actual[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            var lines = new List<string>();
            int a = 0, b = 0;
            while (a < expected.Count || b < actual.Count)
            {
                if (a < expected.Count && b < actual.Count && expected[a] == actual[b])
                {
                    lines.Add("  " + expected[a++]);
                    b++;
                }
                else if (b < actual.Count && (a == expected.Count || lcs[a, b + 1] >= lcs[a + 1, b]))
                {
                    lines.Add("+ " + actual[b++]);
                }
                else
                {
                    lines.Add("- " + expected[a++]);
                }
            }

            return string.Join("\n", lines);
        }
    }
}
