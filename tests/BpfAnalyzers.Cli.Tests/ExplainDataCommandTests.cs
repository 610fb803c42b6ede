using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections explain --data</c>: a data section name for a global or map.</summary>
    public class ExplainDataCommandTests
    {
        [Fact]
        public void A_typo_of_rodata_is_rejected_with_libbpfs_messages_and_the_fix()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".rodat", "--libbpf", "1.1");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Equal("none", result.Fields["entry"]);
            Assert.Contains("  libbpf: elf: skipping unrecognized data section(N) .rodat\n", result.Stdout);
            Assert.Contains("  libbpf: prog 'PROG': bad map relo against 'VAR' in section '.rodat'\n", result.Stdout);
            Assert.Contains("  1. .rodata  (nearest entry)", result.Stdout);
        }

        [Fact]
        public void A_named_data_section_loads_cleanly_from_0_6_and_names_its_entry()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".data.counters", "--libbpf", "0.6");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal(".data.NAME (prefix, read from libbpf 0.6)", result.Fields["entry"]);
        }

        [Fact]
        public void A_named_bss_section_under_1_0_names_the_release_that_reads_it()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".bss.x", "--libbpf", "1.0");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Contains("libbpf 1.1 is the first release that reads '.bss.NAME'", result.Stdout);
        }

        [Fact]
        public void Legacy_maps_warn_under_0_7()
        {
            ToolResult result = BpfSections.Run("explain", "--data", "maps", "--libbpf", "0.7");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Contains("legacy map definitions are deprecated, use BTF-defined maps instead", result.Stdout);
        }

        [Fact]
        public void A_program_section_is_not_a_data_section()
        {
            ToolResult result = BpfSections.Run("explain", "--data", "xdp");

            Assert.Equal(ExitCodes.Rejected, result.ExitCode);
            Assert.Equal("ProgramSection", result.Fields["verdict"]);
            Assert.Contains("  1. .data  (a data section for this member)", result.Stdout);
        }
    
        [Fact]
        public void List_data_prints_the_sections_a_release_reads_for_globals()
        {
            ToolResult result = BpfSections.Run("list", "--data", "--libbpf", "0.7");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            string[] lines = result.Stdout.TrimEnd('\n').Split('\n');
            Assert.Equal("section\tmatch\tfirst\tdeprecated\tlibbpf", lines[0]);
            Assert.Contains(lines, l => l.StartsWith(".data.\tprefix\t0.6\t-\t", System.StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("maps\texact\t0.1\t0.7\t", System.StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith(".bss.\t", System.StringComparison.Ordinal));
        }
    }
}
