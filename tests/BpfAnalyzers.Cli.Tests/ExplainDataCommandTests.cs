using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections explain --data</c>: a data section name for a global or map, judged by the engine as the analyzer judges a field.</summary>
    public class ExplainDataCommandTests
    {
        [Fact]
        public void A_typo_of_rodata_is_bpf0019_with_libbpfs_messages_and_the_fix()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".rodat", "--libbpf", "1.1", "--variable", "cfg", "--program", "handle");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("none", result.Fields["entry"]);
            Assert.Contains(
                "error BPF0019: libbpf 1.1 cannot use data section '.rodat' for 'cfg': it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it; " +
                "libbpf prints \"elf: skipping unrecognized data section(N) .rodat\" then \"prog 'handle': bad map relo against 'cfg' in section '.rodat'\"; did you mean '.rodata'?\n" +
                "  .rodat\n  ^^^^^^\n  fix 1: .rodata\n",
                result.Stdout);
            Assert.DoesNotContain("note:", result.Stdout);
        }

        [Fact]
        public void Without_a_program_that_uses_it_a_skipped_section_is_bpf0024_and_a_note_says_what_a_use_would_be()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".xdp_run_config", "--libbpf", "1.5", "--variable", "cfg");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Contains(
                "warning BPF0024: libbpf 1.5 skips section '.xdp_run_config' and global 'cfg' with it: it is not a section libbpf reads globals or maps from; " +
                "no program uses 'cfg', so the object opens, and a loader may read the section from the ELF file itself (libxdp reads '.xdp_run_config')",
                result.Stdout);
            Assert.Contains("note: If a program uses 'cfg' (--program NAME), it is BPF0019 (error): libbpf 1.5 cannot use data section '.xdp_run_config'", result.Stdout);
        }

        [Fact]
        public void A_named_data_section_is_clean_from_0_6_and_names_its_entry()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".data.counters", "--libbpf", "0.6");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal(".data.NAME (prefix, read from libbpf 0.6)", result.Fields["entry"]);
        }

        [Fact]
        public void A_named_bss_section_under_1_0_needs_1_1()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".bss.x", "--libbpf", "1.0", "--program", "p");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0005: Section '.bss.x' needs libbpf 1.1 or newer", result.Stdout);
        }

        [Fact]
        public void Legacy_maps_warn_under_0_7()
        {
            ToolResult result = BpfSections.Run("explain", "--data", "maps", "--libbpf", "0.7");

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Contains("warning BPF0004: Section 'maps' is deprecated for legacy maps", result.Stdout);
            Assert.Contains("legacy map definitions are deprecated, use BTF-defined maps instead", result.Stdout);
        }

        [Fact]
        public void A_program_section_on_a_field_is_bpf0020_with_data_sections_as_fixes()
        {
            ToolResult result = BpfSections.Run("explain", "--data", "xdp", "--program", "p");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Contains("error BPF0020: 'xdp' is a program section (xdp), not a data section", result.Stdout);
            Assert.Contains("  fix 1: .data\n  fix 2: .rodata\n  fix 3: .bss\n", result.Stdout);
        }

        [Fact]
        public void A_scalar_in_maps_is_bpf0021_and_names_the_variable_and_type()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".maps", "--type", "int", "--variable", "counter");

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("int (scalar, 4 bytes)", result.Fields["type"]);
            Assert.Contains("error BPF0021: libbpf 1.7 cannot use 'counter' in section '.maps'", result.Stdout);
            Assert.Contains("'counter' is int", result.Stdout);
        }

        [Fact]
        public void A_map_struct_in_maps_is_clean()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".maps", "--type", "RingBufMap");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("RingBufMap (aggregate)", result.Fields["type"]);
        }

        [Fact]
        public void A_global_in_license_is_clean_but_a_note_says_what_its_uses_get()
        {
            ToolResult result = BpfSections.Run("explain", "--data", "license", "--type", "byte[]", "--variable", "LICENSE");

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("byte[] (sequence)", result.Fields["type"]);
            Assert.Contains("note: A program that uses 'LICENSE' gets BPF0021 (error) at the use:", result.Stdout);
        }

        [Theory]
        [InlineData("System.Int64", "long (scalar, 8 bytes)")]
        [InlineData("uint", "uint (scalar, 4 bytes)")]
        [InlineData("string", "string (sequence)")]
        [InlineData("Foo.Bar.Counters", "Counters (aggregate)")]
        [InlineData("int*", "int* (scalar)")]
        public void The_type_is_read_as_the_analyzer_reads_the_fields_symbol(string type, string shown)
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".data", "--type", type);

            Assert.Equal(shown, result.Fields["type"]);
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
