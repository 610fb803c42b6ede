using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>libbpf's data sections per release (bpf_object__elf_collect()) and the checker over them.</summary>
    public class DataSectionsTests
    {
        private static LibbpfSetup At(string version) => new LibbpfSetup(LibbpfVersion.Parse(version));

        [Fact]
        public void The_table_is_the_data_file_row_for_row()
        {
            string[] rows = File.ReadAllLines(Path.Combine(RepoPaths.Data, "libbpf", "data-sections.tsv"))
                .Where(l => l.Length > 0 && !l.StartsWith("#", System.StringComparison.Ordinal)).ToArray();
            string[] table = DataSections.All.Select(e => string.Join("\t",
                e.Name,
                e.Match == DataSectionMatch.Exact ? "exact" : "prefix",
                Kind(e.Kind),
                e.FirstRelease.ToString(),
                e.LastRelease?.ToString() ?? "-",
                e.DeprecatedFrom?.ToString() ?? "-",
                e.Description)).ToArray();
            Assert.Equal(rows, table);
        }

        private static string Kind(DataSectionKind k) => k switch
        {
            DataSectionKind.KernelVersion => "version",
            DataSectionKind.LegacyMaps => "legacy-maps",
            DataSectionKind.ReadOnlyData => "rodata",
            DataSectionKind.StructOps => "struct-ops",
            _ => k.ToString().ToLowerInvariant(),
        };

        [Theory]
        [InlineData("0.1", "license version .maps maps .data .rodata .bss .struct_ops")]
        [InlineData("0.6", "license version .maps maps .data .data. .rodata .rodata. .bss .struct_ops")]
        [InlineData("1.0", "license version .maps .data .data. .rodata .rodata. .bss .struct_ops")]
        [InlineData("1.1", "license version .maps .data .data. .rodata .rodata. .bss .bss. .struct_ops")]
        [InlineData("1.2", "license version .maps .data .data. .rodata .rodata. .bss .bss. .struct_ops .struct_ops.link")]
        [InlineData("1.7", "license version .maps .data .data. .rodata .rodata. .bss .bss. .struct_ops .struct_ops.link ?.struct_ops ?.struct_ops.link .addr_space.1")]
        public void Valid_sections_per_release(string version, string expected) =>
            Assert.Equal(expected, string.Join(" ", DataSections.ValidFor(LibbpfVersion.Parse(version)).Select(e => e.Name)));

        [Theory]
        [InlineData(".data", "1.1", DataSectionVerdict.Valid)]
        [InlineData(".data.counters", "0.5", DataSectionVerdict.NeedsNewer)]
        [InlineData(".data.counters", "0.6", DataSectionVerdict.Valid)]
        [InlineData(".bss.x", "1.0", DataSectionVerdict.NeedsNewer)]
        [InlineData(".bss.x", "1.1", DataSectionVerdict.Valid)]
        [InlineData("maps", "0.6", DataSectionVerdict.Valid)]
        [InlineData("maps", "0.7", DataSectionVerdict.Deprecated)]
        [InlineData("maps", "1.0", DataSectionVerdict.Removed)]
        [InlineData(".kconfig", "1.1", DataSectionVerdict.NotForDefinitions)]
        [InlineData(".jumptables", "1.6", DataSectionVerdict.NotForDefinitions)]
        [InlineData("xdp", "1.1", DataSectionVerdict.ProgramSection)]
        [InlineData(".rodat", "1.1", DataSectionVerdict.Unknown)]
        [InlineData(".text", "1.1", DataSectionVerdict.Unknown)]
        [InlineData(" .data", "1.1", DataSectionVerdict.Malformed)]
        public void Verdicts(string name, string version, DataSectionVerdict verdict) =>
            Assert.Equal(verdict, DataSectionChecker.Check(name, At(version)).Verdict);

        [Theory]
        [InlineData(".rodat", "1.1", ".rodata")]
        [InlineData("data", "1.1", ".data")]
        [InlineData("rodata", "1.1", ".rodata")]
        [InlineData(".DATA", "1.1", ".data")]
        [InlineData(".data_counters", "1.1", ".data.counters")]
        [InlineData(".dta.counters", "1.1", ".data.counters")]
        [InlineData("maps", "1.0", ".maps")]
        [InlineData(".bss_x", "1.1", ".bss.x")]
        public void The_best_suggestion(string name, string version, string best) =>
            Assert.Equal(best, DataSectionChecker.Check(name, At(version)).Suggestions[0].Name);

        [Fact]
        public void A_suggestion_is_never_a_section_the_target_skips() =>
            Assert.DoesNotContain(DataSectionChecker.Check(".bss_x", At("1.0")).Suggestions, s => s.Name.StartsWith(".bss.", System.StringComparison.Ordinal));

        [Fact]
        public void Unknown_names_quote_what_libbpf_1_1_2_prints_with_the_names_given() =>
            Assert.Equal(
                new[] { "elf: skipping unrecognized data section(N) .rodat", "prog 'handle_tp': bad map relo against 'my_pid' in section '.rodat'" },
                DataSectionChecker.Check(".rodat", At("1.1"), null, "my_pid", "handle_tp").LibbpfSays);

        [Fact]
        public void Scalars_do_not_fit_maps_structs_do()
        {
            DataSectionEntry maps = DataSections.Find(".maps", LibbpfVersion.Parse("1.1"))!;
            Assert.NotNull(DataSectionChecker.ShapeProblem(maps, DataMemberShape.Scalar, 4, "V", "int", LibbpfVersion.Parse("1.1"), out IReadOnlyList<string> says));
            Assert.Equal(new[] { "map 'V': unexpected def kind var." }, says);
            Assert.NotNull(DataSectionChecker.ShapeProblem(maps, DataMemberShape.Scalar, 4, "V", "int", LibbpfVersion.Parse("0.1"), out says));
            Assert.Equal(new[] { "map 'V': unexpected def kind 14." }, says);
            Assert.Null(DataSectionChecker.ShapeProblem(maps, DataMemberShape.Aggregate, null, "V", "BpfMap", LibbpfVersion.Parse("1.1"), out _));
        }
    
        [Fact]
        public void Libbpf_0_1_names_the_section_by_index_only() =>
            Assert.Equal(new[] { "bad map relo against section N" }, DataSectionChecker.Check(".rodat", At("0.1")).LibbpfSays);
    
        /// <summary>
        /// Every measured outcome of real libbpf 1.1.2 (<c>data/libbpf/data-sections-libbpf-1.1.2.tsv</c>) for <c>int V SEC("NAME");</c>
        /// read by a program: the checker, the shape rule for an int, and the read rule fail exactly the objects that failed.
        /// </summary>
        [Fact]
        public void The_checker_agrees_with_every_measured_libbpf_1_1_2_outcome()
        {
            var rows = File.ReadAllLines(Path.Combine(RepoPaths.Data, "libbpf", "data-sections-libbpf-1.1.2.tsv"))
                .Where(l => l.Length > 0 && !l.StartsWith("#", System.StringComparison.Ordinal))
                .Select(l => l.Split('\t'))
                .Where(f => f[1] == "zero" && f[2] != "clang-refuses")
                .ToList();
            Assert.True(rows.Count >= 40, "the measured file lost its rows");
            LibbpfVersion v = LibbpfVersion.Parse("1.1");
            var disagreements = new List<string>();
            foreach (string[] f in rows)
            {
                DataSectionCheck check = DataSectionChecker.Check(f[0], new LibbpfSetup(v));
                bool error = check.IsError ||
                             (check.Entry is DataSectionEntry e &&
                              (DataSectionChecker.ShapeProblem(e, DataMemberShape.Scalar, 4, "V", "int", v, out _) is not null ||
                               DataSectionChecker.ReadFailure(e, "V", "prog", v) is not null));
                if (error != (f[2] == "open-fails"))
                {
                    disagreements.Add($"{f[0]}: libbpf 1.1.2 {f[2]}, checker {check.Verdict}");
                }
            }

            Assert.Empty(disagreements);
        }
    }
}
