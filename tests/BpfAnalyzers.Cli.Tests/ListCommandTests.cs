using System;
using System.IO;
using System.Linq;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections list</c> prints the release's table as <c>data/libbpf/tables/*.tsv</c> has it.</summary>
    public class ListCommandTests
    {
        public static TheoryData<string> TableFiles
        {
            get
            {
                var files = new TheoryData<string>();
                foreach (string path in Directory.GetFiles(RepoPaths.Tables, "*.tsv").OrderBy(p => p, StringComparer.Ordinal))
                {
                    files.Add(Path.GetFileName(path));
                }

                return files;
            }
        }

        [Theory]
        [MemberData(nameof(TableFiles))]
        public void Prints_the_table_of_the_release(string file)
        {
            // main.tsv's first line names the commit it was read at; list prints the table alone.
            string stem = Path.GetFileNameWithoutExtension(file);
            string version = stem == "main" ? stem : stem.Substring(1);
            string[] expected = File.ReadAllLines(Path.Combine(RepoPaths.Tables, file)).Where(l => l.Length > 0 && l[0] != '#').ToArray();

            ToolResult result = BpfSections.Run("list", "--libbpf", version);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            string[] actual = result.Stdout.Split('\n');
            Assert.Equal("", actual[actual.Length - 1]);
            Assert.Equal(expected.Length, actual.Length - 1);
            for (int i = 0; i < expected.Length; i++)
            {
                AssertSameRow(expected[i], actual[i]);
            }
        }

        [Fact]
        public void Lists_the_latest_release_by_default()
        {
            ToolResult result = BpfSections.Run("list");

            Assert.Equal(BpfSections.Run("list", "--libbpf", LibbpfVersion.Latest.ToString()).Stdout, result.Stdout);
            Assert.Equal(SectionTable.For(LibbpfVersion.Latest).Count + 1, result.Stdout.Count(c => c == '\n'));
        }

        [Fact]
        public void Output_is_utf8_without_a_byte_order_mark()
        {
            ToolResult result = BpfSections.Run("list", "--libbpf", "1.1");

            Assert.StartsWith("order\tsection\t", result.Stdout);
            Assert.Equal((byte)'o', result.StdoutBytes[0]);
            Assert.DoesNotContain((byte)'\r', result.StdoutBytes);
        }

        /// <summary>
        /// Column for column, except that flags are a set: the data keeps libbpf's own order
        /// (<c>SEC_USDT|SEC_SLEEPABLE</c>), which the flags enum does not.
        /// </summary>
        private static void AssertSameRow(string expected, string actual)
        {
            string[] e = expected.Split('\t');
            string[] a = actual.Split('\t');
            Assert.Equal(6, a.Length);
            Assert.Equal(e.Take(5), a.Take(5));
            Assert.Equal(e[5].Split('|').OrderBy(f => f, StringComparer.Ordinal), a[5].Split('|').OrderBy(f => f, StringComparer.Ordinal));
        }
    }
}
