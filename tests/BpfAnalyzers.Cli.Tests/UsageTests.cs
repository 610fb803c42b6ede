using System;
using System.IO;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>Bad command lines end with a message on standard error, nothing on standard output, and exit code 2.</summary>
    public class UsageTests
    {
        [Theory]
        [InlineData("resolve")]
        [InlineData("explain", "xdp")]
        [InlineData("list")]
        public void An_unknown_release_is_a_usage_error_that_lists_the_known_ones(params string[] command)
        {
            ToolResult result = BpfSections.Run([.. command, "--libbpf", "0.9"]);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Empty(result.StdoutBytes);
            Assert.Contains("--libbpf: '0.9' is not a libbpf release with a section table. Known releases: 0.1, ", result.Stderr);
            Assert.Contains(", 1.7, main, or latest.", result.Stderr);
        }

        [Theory]
        [InlineData("1.8")]
        [InlineData("2.0")]
        [InlineData("v1.8.0")]
        public void A_release_past_the_newest_table_is_a_usage_error_that_points_to_main(string version)
        {
            ToolResult result = BpfSections.RunWithInput("xdp\n", "resolve", "--libbpf", version);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Empty(result.StdoutBytes);
            Assert.Contains(
                $"--libbpf: '{version}' is newer than every libbpf release with a section table (the newest is 1.7). " +
                "Use main for libbpf's main branch (at f7081a6baf3f, 2026-07-30), or 1.7.",
                result.Stderr);
        }

        [Fact]
        public void Help_names_main_and_its_commit()
        {
            ToolResult result = BpfSections.Run("resolve", "--help");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("main (libbpf's main branch at f7081a6baf3f, 2026-07-30)", System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", " "));
        }

        [Theory]
        [InlineData("resolve", "--strict", "--libbpf", "0.5")]
        [InlineData("resolve", "--libbpf", "0.1", "--strict")]
        [InlineData("explain", "xdp", "--libbpf", "0.5", "--strict")]
        public void Strict_before_0_6_is_a_usage_error(params string[] args)
        {
            ToolResult result = BpfSections.Run(args);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Empty(result.StdoutBytes);
            Assert.Contains("has no LIBBPF_STRICT_SEC_NAME mode; it exists from libbpf 0.6 on.", result.Stderr);
        }

        [Fact]
        public void Strict_with_a_bad_release_reports_only_the_release()
        {
            ToolResult result = BpfSections.Run("resolve", "--strict", "--libbpf", "abc");

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("'abc' is not a libbpf release", result.Stderr);
            Assert.DoesNotContain("LIBBPF_STRICT_SEC_NAME", result.Stderr);
        }

        [Theory]
        [InlineData("0.6")]
        [InlineData("1.0")]
        [InlineData("latest")]
        public void Strict_is_accepted_from_0_6(string version)
        {
            ToolResult result = BpfSections.RunWithInput("xdp\n", "resolve", "--strict", "--libbpf", version);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("", result.Stderr);
        }

        [Fact]
        public void An_unknown_command_is_a_usage_error()
        {
            ToolResult result = BpfSections.Run("frobnicate");

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Empty(result.StdoutBytes);
            Assert.Contains("'frobnicate'", result.Stderr);
            Assert.Contains("Run 'bpf-sections --help' for usage.", result.Stderr);
        }

        [Fact]
        public void No_command_is_a_usage_error()
        {
            ToolResult result = BpfSections.Run();

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("Required command was not provided.", result.Stderr);
        }

        [Fact]
        public void Explain_without_a_name_is_a_usage_error()
        {
            ToolResult result = BpfSections.Run("explain", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("Run 'bpf-sections explain --help' for usage.", result.Stderr);
        }

        [Fact]
        public void List_has_no_strict_option()
        {
            ToolResult result = BpfSections.Run("list", "--strict");

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Contains("'--strict'", result.Stderr);
        }

        [Fact]
        public void Help_lists_the_commands_and_the_exit_codes()
        {
            ToolResult result = BpfSections.Run("--help");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("bpf-sections [command] [options]", result.Stdout);
            Assert.Contains("resolve", result.Stdout);
            Assert.Contains("explain <name>", result.Stdout);
            Assert.Contains("list", result.Stdout);
            Assert.Contains("Exit codes: 0 done (explain: no finding, or info only), 1 explain: an error finding, 2 bad command line, 3 explain: a warning finding and no error", result.Stdout);
        }

        [Fact]
        public void The_exit_codes_are_the_documented_numbers()
        {
            Assert.Equal(
                new[] { 0, 1, 2, 3, 4 },
                new[] { ExitCodes.Ok, ExitCodes.Errors, ExitCodes.Usage, ExitCodes.Warnings, ExitCodes.Failure });
        }

        [Fact]
        public void Help_of_a_command_shows_its_options()
        {
            ToolResult result = BpfSections.Run("resolve", "--help");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("bpf-sections resolve [options]", result.Stdout);
            Assert.Contains("--libbpf <version>", result.Stdout);
            Assert.Contains("--strict", result.Stdout);
        }

        [Fact]
        public void Help_of_explain_shows_the_options_mirroring_the_analyzer_and_the_json_schema()
        {
            ToolResult result = BpfSections.Run("explain", "--help");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            foreach (string option in new[] { "--data", "--program <name>", "--custom <section>", "--sets-type", "--attaches-in-code", "--sets-attach-target", "--variable <name>", "--type <type>", "--read-only", "--json" })
            {
                Assert.Contains(option, result.Stdout);
            }

            Assert.Contains("findings: [{id, severity: error|warning|info, title, message, subject: name|custom, section, start, length, fixes: [...],", System.Text.RegularExpressions.Regex.Replace(result.Stdout, @"\s+", " "));
        }

        [Fact]
        public void A_failed_write_is_reported_with_exit_code_4()
        {
            using var input = new MemoryStream(System.Text.Encoding.ASCII.GetBytes("xdp\n"));
            using var error = new StringWriter();

            int code = Program.Run(new[] { "resolve" }, input, new ClosedPipe(), error);

            Assert.Equal(ExitCodes.Failure, code);
            Assert.Equal("bpf-sections: Broken pipe" + Environment.NewLine, error.ToString());
        }

        /// <summary>Standard output whose reader has gone away.</summary>
        private sealed class ClosedPipe : MemoryStream
        {
            public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");

            public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");
        }
    }
}
