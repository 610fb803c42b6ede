using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The attach rules lean on two facts kept as data: which attach function each <c>section_defs[]</c>
    /// entry has per release and on main (the <c>attach_fn</c> column of <c>data/libbpf/tables/*.tsv</c>, read off each release
    /// tag's <c>src/libbpf.c</c>), and the kernel's iterator names (<c>data/kernel/iterators.tsv</c>).
    /// </summary>
    public class AttachDataTests
    {
        [Fact]
        public void Every_entry_has_the_attach_function_its_row_gives_it()
        {
            int rows = 0;
            foreach (SectionTableSource.Table t in SectionTableSource.ReadTables(RepoPaths.Tables))
            {
                LibbpfVersion version = t.IsMain ? LibbpfVersion.Main : new LibbpfVersion(t.Major, t.Minor);
                IReadOnlyList<SectionEntry> entries = SectionTable.For(version);
                for (int i = 0; i < t.Rows.Count; i++, rows++)
                {
                    Assert.True(t.Rows[i].AttachFn == (entries[i].AttachFunction?.Name ?? "-"), $"{t.File} {t.Rows[i].Section}: libbpf has {t.Rows[i].AttachFn}, the entry {entries[i].AttachFunction?.Name ?? "-"}");
                }
            }

            Assert.Equal(SectionTable.Releases.Sum(v => SectionTable.For(v).Count), rows);
        }

        [Fact]
        public void Every_attach_function_is_some_rows_and_named_once()
        {
            var used = SectionTable.Releases.SelectMany(SectionTable.For).Select(e => e.AttachFunction).Where(f => f is not null).Distinct().ToList();
            Assert.Equal(AttachFunction.All.OrderBy(f => f.Name, StringComparer.Ordinal), used.OrderBy(f => f!.Name, StringComparer.Ordinal));
            Assert.Equal(AttachFunction.All.Count, AttachFunction.All.Select(f => f.Name).Distinct().Count());
        }

        [Fact]
        public void Kernel_iterators_match_the_data_file()
        {
            string[] names = File.ReadAllLines(Path.Combine(RepoPaths.Data, "kernel", "iterators.tsv")).Skip(1)
                .Select(l => l.Split('\t')[0]).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(names, KernelIterators.Names);
        }
    }
}
