using System;
using System.IO;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>The C# table is generated from the data and must never drift from it.</summary>
    public class GeneratedFilesTests
    {
        [Fact]
        public void SectionTable_g_cs_is_generated_from_the_tsv_tables()
        {
            string path = Path.Combine(RepoPaths.Root, "src", "BpfAnalyzers.Sections", "SectionTable.g.cs");
            string expected = SectionTableSource.Render(RepoPaths.Tables);
            if (Environment.GetEnvironmentVariable("BPF_UPDATE_GENERATED") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(
                File.ReadAllText(path) == expected,
                "src/BpfAnalyzers.Sections/SectionTable.g.cs is stale: run BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Sections.Tests");
        }

        [Fact]
        public void Docs_section_table_md_is_generated_from_the_tsv_tables()
        {
            string path = Path.Combine(RepoPaths.Root, "docs", "section-table.md");
            string expected = SectionTablePage.Render(RepoPaths.Tables);
            if (Environment.GetEnvironmentVariable("BPF_UPDATE_GENERATED") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(
                File.Exists(path) && File.ReadAllText(path) == expected,
                "docs/section-table.md is stale: run BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Sections.Tests");
        }

        [Fact]
        public void Every_release_table_in_the_data_is_in_the_resolver_in_the_same_order()
        {
            foreach (var t in SectionTableSource.ReadTables(RepoPaths.Tables))
            {
                var entries = SectionTable.For(new LibbpfVersion(t.Major, t.Minor));
                Assert.Equal(t.Rows.Count, entries.Count);
                for (int i = 0; i < entries.Count; i++)
                {
                    Assert.Equal(t.Rows[i].Section, entries[i].Section);
                    Assert.Equal(t.Rows[i].ProgType, entries[i].ProgType);
                    Assert.Equal(t.Rows[i].AttachType, entries[i].AttachType);
                }
            }
        }
    }
}
