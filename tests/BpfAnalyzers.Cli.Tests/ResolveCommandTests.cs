using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>
    /// <c>bpf-sections resolve</c> prints what real libbpf answered (<c>data/libbpf/oracle/*.tsv</c>), line for
    /// line, when fed the same names.
    /// </summary>
    public class ResolveCommandTests
    {
        /// <summary>Each oracle file with the command lines that must reproduce it.</summary>
        public static TheoryData<string, string[]> OracleRuns => new()
        {
            { "libbpf-0.1.0.tsv", new[] { "--libbpf", "0.1" } },
            { "libbpf-0.1.0.tsv", new[] { "--libbpf", "0.1.0" } },
            { "libbpf-0.8.0.tsv", new[] { "--libbpf", "0.8" } },
            { "libbpf-0.8.0-strict.tsv", new[] { "--libbpf", "0.8", "--strict" } },
            { "libbpf-0.8.0-strict.tsv", new[] { "--strict", "--libbpf", "0.8.0" } },
            { "libbpf-1.1.2.tsv", new[] { "--libbpf", "1.1" } },
            { "libbpf-1.1.2.tsv", new[] { "--libbpf", "1.1.2" } },
            { "libbpf-1.1.2.tsv", new[] { "--libbpf", "v1.1", "--strict" } },
            { "libbpf-1.7.0.tsv", new[] { "--libbpf", "1.7" } },
            { "libbpf-1.7.0.tsv", Array.Empty<string>() },
            { "libbpf-main.tsv", new[] { "--libbpf", "main" } },
            { "libbpf-main.tsv", new[] { "--libbpf", "MAIN" } },
            { "libbpf-0.2.tsv", new[] { "--libbpf", "0.2" } },
            { "libbpf-0.3.tsv", new[] { "--libbpf", "0.3" } },
            { "libbpf-0.4.0.tsv", new[] { "--libbpf", "0.4" } },
            { "libbpf-0.5.0.tsv", new[] { "--libbpf", "0.5" } },
            { "libbpf-0.6.0.tsv", new[] { "--libbpf", "0.6" } },
            { "libbpf-0.6.0-strict.tsv", new[] { "--libbpf", "0.6", "--strict" } },
            { "libbpf-0.7.0.tsv", new[] { "--libbpf", "0.7" } },
            { "libbpf-0.7.0-strict.tsv", new[] { "--libbpf", "0.7", "--strict" } },
            { "libbpf-1.0.0.tsv", new[] { "--libbpf", "1.0" } },
            { "libbpf-1.2.0.tsv", new[] { "--libbpf", "1.2" } },
            { "libbpf-1.3.0.tsv", new[] { "--libbpf", "1.3" } },
            { "libbpf-1.4.0.tsv", new[] { "--libbpf", "1.4" } },
            { "libbpf-1.5.0.tsv", new[] { "--libbpf", "1.5" } },
            { "libbpf-1.6.0.tsv", new[] { "--libbpf", "1.6" } },
        };

        [Theory]
        [MemberData(nameof(OracleRuns))]
        public void Reproduces_the_oracle_file_line_for_line(string file, string[] options)
        {
            string[] expected = File.ReadAllLines(Path.Combine(RepoPaths.Oracle, file));
            string names = string.Concat(expected.Select(line => line.Substring(0, line.IndexOf('\t')) + "\n"));

            ToolResult result = BpfSections.RunWithInput(names, new[] { "resolve" }.Concat(options).ToArray());

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("", result.Stderr);
            string[] actual = result.Stdout.Split('\n');
            Assert.Equal("", actual[actual.Length - 1]);
            Assert.Equal(expected, actual.Take(actual.Length - 1));
        }

        [Fact]
        public void Every_oracle_file_in_the_data_is_reproduced()
        {
            var reproduced = OracleRuns.Select(row => (string)row[0]).Distinct().OrderBy(x => x, StringComparer.Ordinal);
            var present = Directory.GetFiles(RepoPaths.Oracle, "*.tsv").Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal);
            Assert.Equal(present, reproduced);
        }

        [Fact]
        public void Crlf_line_ends_are_read_as_line_ends()
        {
            ToolResult result = BpfSections.RunWithInput("xdp\r\nkprobe/f\r\n", "resolve", "--libbpf", "1.1");

            Assert.Equal("xdp\txdp\txdp\nkprobe/f\tkprobe\tcgroup_inet_ingress\n", result.Stdout);
        }

        [Fact]
        public void Spaces_and_a_lone_carriage_return_stay_part_of_the_name()
        {
            ToolResult result = BpfSections.RunWithInput(" xdp\nxdp \nxdp\r\r\n", "resolve", "--libbpf", "1.1");

            Assert.Equal(" xdp\tERR\t-3\nxdp \tERR\t-3\nxdp\r\tERR\t-3\n", result.Stdout);
        }

        [Fact]
        public void A_last_line_without_a_newline_is_answered()
        {
            ToolResult result = BpfSections.RunWithInput("xdp\ntc", "resolve", "--libbpf", "1.1");

            Assert.Equal("xdp\txdp\txdp\ntc\tsched_cls\tcgroup_inet_ingress\n", result.Stdout);
        }

        [Fact]
        public void An_empty_line_is_an_empty_name_that_libbpf_does_not_know()
        {
            ToolResult result = BpfSections.RunWithInput("xdp\n\nxdp\n", "resolve", "--libbpf", "1.1");

            Assert.Equal("xdp\txdp\txdp\n\tERR\t-3\nxdp\txdp\txdp\n", result.Stdout);
        }

        [Fact]
        public void Empty_input_prints_nothing()
        {
            ToolResult result = BpfSections.RunWithInput("", "resolve");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Empty(result.StdoutBytes);
        }

        [Fact]
        public void A_leading_question_mark_is_part_of_the_name_as_in_libbpf_prog_type_by_name()
        {
            ToolResult result = BpfSections.RunWithInput("?xdp\n", "resolve", "--libbpf", "1.7");

            Assert.Equal("?xdp\tERR\t-3\n", result.Stdout);
        }

        [Fact]
        public void Names_are_echoed_byte_for_byte_even_when_they_are_not_utf8()
        {
            // 0.1 matches prefixes: "xdp" and then anything is xdp; libbpf compares bytes, not characters.
            byte[] input = { (byte)'x', (byte)'d', (byte)'p', 0xFF, 0xC3, (byte)'\n', 0xC3, 0xA9, (byte)'\n' };

            ToolResult result = BpfSections.RunWithInput(input, "resolve", "--libbpf", "0.1");

            byte[] expected = new byte[] { (byte)'x', (byte)'d', (byte)'p', 0xFF, 0xC3 }
                .Concat(Encoding.ASCII.GetBytes("\txdp\txdp\n"))
                .Concat(new byte[] { 0xC3, 0xA9 })
                .Concat(Encoding.ASCII.GetBytes("\tERR\t-3\n"))
                .ToArray();
            Assert.Equal(expected, result.StdoutBytes);
        }

        [Fact]
        public void A_name_longer_than_the_read_buffer_is_read_whole()
        {
            string name = "kprobe/" + new string('a', 200_000);

            ToolResult result = BpfSections.RunWithInput(name + "\nxdp\n", "resolve", "--libbpf", "1.1");

            Assert.Equal(name + "\tkprobe\tcgroup_inet_ingress\nxdp\txdp\txdp\n", result.Stdout);
        }
    }
}
