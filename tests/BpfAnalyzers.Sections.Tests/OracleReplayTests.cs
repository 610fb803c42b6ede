using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// Replays what real libbpf builds answered (<c>data/libbpf/oracle/*.tsv</c>: 3,000 names each, from
    /// <c>libbpf_prog_type_by_name()</c> of every release tag, recipe in <c>data/libbpf/oracle/README.md</c>;
    /// main's adds 175 names about its new entries, see <c>data/libbpf/README.md</c>) and requires every answer to agree.
    /// </summary>
    public class OracleReplayTests
    {
        /// <summary>
        /// All 19 settings: every release 0.1 .. 1.7 (16 tables) and strict mode
        /// (<c>LIBBPF_STRICT_SEC_NAME</c>) for 0.6, 0.7 and 0.8, the releases that had both behaviours.
        /// </summary>
        public static TheoryData<string, string, bool> OracleFiles => new()
        {
            { "libbpf-0.1.0.tsv", "0.1", false },
            { "libbpf-0.2.tsv", "0.2", false },
            { "libbpf-0.3.tsv", "0.3", false },
            { "libbpf-0.4.0.tsv", "0.4", false },
            { "libbpf-0.5.0.tsv", "0.5", false },
            { "libbpf-0.6.0.tsv", "0.6", false },
            { "libbpf-0.6.0-strict.tsv", "0.6", true },
            { "libbpf-0.7.0.tsv", "0.7", false },
            { "libbpf-0.7.0-strict.tsv", "0.7", true },
            { "libbpf-0.8.0.tsv", "0.8", false },
            { "libbpf-0.8.0-strict.tsv", "0.8", true },
            { "libbpf-1.0.0.tsv", "1.0", false },
            { "libbpf-1.1.2.tsv", "1.1", false },
            { "libbpf-1.2.0.tsv", "1.2", false },
            { "libbpf-1.3.0.tsv", "1.3", false },
            { "libbpf-1.4.0.tsv", "1.4", false },
            { "libbpf-1.5.0.tsv", "1.5", false },
            { "libbpf-1.6.0.tsv", "1.6", false },
            { "libbpf-1.7.0.tsv", "1.7", false },
            { "libbpf-main.tsv", "main", false },
        };

        [Theory]
        [MemberData(nameof(OracleFiles))]
        public void Resolver_agrees_with_every_line_of_the_oracle(string file, string version, bool strict)
        {
            var target = new LibbpfSetup(LibbpfVersion.Parse(version), strict);
            string path = Path.Combine(RepoPaths.Oracle, file);
            Assert.True(File.Exists(path), path + " is missing: copy it from a real libbpf build (data/libbpf/oracle/README.md)");
            string[] lines = File.ReadAllLines(path);
            Assert.True(lines.Length >= 3000, file + " should hold 3,000 names");
            var wrong = new List<string>();
            foreach (string line in lines)
            {
                string name = line.Substring(0, line.IndexOf('\t'));
                string actual = OracleFormat.Line(name, SectionResolver.Resolve(name, target));
                if (actual != line)
                {
                    wrong.Add($"expected [{line}] got [{actual}]");
                }
            }

            Assert.True(wrong.Count == 0, $"{file}: {wrong.Count} of {lines.Length} disagree:\n" + string.Join("\n", wrong.Take(30)));
        }

        [Fact]
        public void Every_oracle_file_in_the_data_is_replayed_and_every_listed_file_is_in_the_data()
        {
            var replayed = OracleFiles.Select(row => (string)row[0]).OrderBy(x => x, System.StringComparer.Ordinal);
            var present = Directory.GetFiles(RepoPaths.Oracle, "*.tsv").Select(Path.GetFileName).OrderBy(x => x, System.StringComparer.Ordinal);
            Assert.Equal(replayed, present);
        }

        [Fact]
        public void Every_release_and_every_strict_setting_has_an_oracle()
        {
            // Strict mode exists from 0.6 (LIBBPF_STRICT_SEC_NAME) and is the only mode from 1.0 on.
            var expected = SectionTable.Releases
                .SelectMany(v => LibbpfSetup.SupportsStrictMode(v) && v < LibbpfVersion.V1_0
                    ? new[] { (v.ToString(), false), (v.ToString(), true) }
                    : new[] { (v.ToString(), false) })
                .OrderBy(s => s)
                .ToList();
            var replayed = OracleFiles
                .Select(row => (LibbpfVersion.Parse((string)row[1]).ToString(), (bool)row[2]))
                .OrderBy(s => s)
                .ToList();
            Assert.True(expected.Count >= 19, $"{expected.Count} settings: 16 releases and 3 strict modes at least");
            Assert.Equal(expected, replayed);
            foreach (object[] row in OracleFiles)
            {
                // The file name names the release it was built from, so a row cannot replay 0.2's answers against 0.3.
                string file = (string)row[0];
                string fileVersion = file.Substring("libbpf-".Length).Replace("-strict.tsv", "").Replace(".tsv", "");
                Assert.Equal(LibbpfVersion.Parse((string)row[1]), LibbpfVersion.Parse(fileVersion));
                Assert.Equal((bool)row[2], file.EndsWith("-strict.tsv", System.StringComparison.Ordinal));
            }
        }
    }
}
