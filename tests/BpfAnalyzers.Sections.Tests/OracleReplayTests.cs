using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// Replays what real libbpf builds answered (<c>data/libbpf/oracle/*.tsv</c>: 3,000 names each, from
    /// <c>libbpf_prog_type_by_name()</c>; main's adds 175 names about its new entries, see
    /// <c>data/libbpf/README.md</c>) and requires every answer to agree.
    /// </summary>
    public class OracleReplayTests
    {
        public static TheoryData<string, string, bool> OracleFiles => new()
        {
            { "libbpf-0.1.0.tsv", "0.1", false },
            { "libbpf-0.8.0.tsv", "0.8", false },
            { "libbpf-0.8.0-strict.tsv", "0.8", true },
            { "libbpf-1.1.2.tsv", "1.1", false },
            { "libbpf-1.7.0.tsv", "1.7", false },
            { "libbpf-main.tsv", "main", false },
        };

        [Theory]
        [MemberData(nameof(OracleFiles))]
        public void Resolver_agrees_with_every_line_of_the_oracle(string file, string version, bool strict)
        {
            var target = new SectionTarget(LibbpfVersion.Parse(version), strict);
            string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Oracle, file));
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

            Assert.True(wrong.Count == 0, $"{wrong.Count} of {lines.Length} disagree:\n" + string.Join("\n", wrong.Take(30)));
        }

        [Fact]
        public void Every_oracle_file_in_the_data_is_replayed()
        {
            var replayed = OracleFiles.Select(row => (string)row[0]).OrderBy(x => x);
            var present = Directory.GetFiles(RepoPaths.Oracle, "*.tsv").Select(Path.GetFileName).OrderBy(x => x);
            Assert.Equal(present, replayed);
        }
    }
}
