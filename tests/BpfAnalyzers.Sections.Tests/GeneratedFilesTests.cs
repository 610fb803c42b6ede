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
            AssertGenerated(path, SectionTableSource.Render(RepoPaths.Tables), "src/BpfAnalyzers.Sections/SectionTable.g.cs");
        }

        [Fact]
        public void KernelIterators_g_cs_is_generated_from_the_iterator_data()
        {
            string path = Path.Combine(RepoPaths.Root, "src", "BpfAnalyzers.Sections", "KernelIterators.g.cs");
            AssertGenerated(path, KernelIteratorsSource.Render(Path.Combine(RepoPaths.Data, "kernel", "iterators.tsv")), "src/BpfAnalyzers.Sections/KernelIterators.g.cs");
        }

        [Fact]
        public void Docs_section_table_md_is_generated_from_the_tsv_tables()
        {
            string path = Path.Combine(RepoPaths.Root, "docs", "section-table.md");
            AssertGenerated(path, SectionTablePage.Render(RepoPaths.Tables), "docs/section-table.md");
        }

        /// <summary>
        /// Fails when the checked-in file differs from what the data renders. With
        /// <c>BPF_UPDATE_GENERATED=1</c> it rewrites the file first and still fails when anything changed, so
        /// the variable leaking into CI cannot turn the drift check off; a second run then passes.
        /// </summary>
        internal static void AssertGenerated(string path, string expected, string display)
        {
            string? actual = File.Exists(path) ? File.ReadAllText(path) : null;
            if (actual == expected)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable("BPF_UPDATE_GENERATED") == "1")
            {
                File.WriteAllText(path, expected);
                Assert.Fail(display + " was stale and has been rewritten (BPF_UPDATE_GENERATED=1): review and commit it, then run the tests again.");
            }

            Assert.Fail(display + " is stale: run BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Sections.Tests (it rewrites the file and fails once), then run again.");
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
