using System;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The attach rules lean on two facts kept as data: which attach function each <c>section_defs[]</c>
    /// entry has per release and on main (<c>data/libbpf/attach-functions.tsv</c>, read off each release tag's
    /// <c>src/libbpf.c</c>), and the kernel's iterator names (<c>data/kernel/iterators.tsv</c>).
    /// </summary>
    public class AttachDataTests
    {
        [Fact]
        public void Every_entry_has_the_attach_function_libbpf_gives_it()
        {
            string[] rows = File.ReadAllLines(Path.Combine(RepoPaths.Data, "libbpf", "attach-functions.tsv")).Skip(1).ToArray();
            Assert.NotEmpty(rows);
            foreach (string row in rows)
            {
                string[] f = row.Split('\t');
                LibbpfVersion version = LibbpfVersion.Parse(f[0]);
                SectionEntry entry = SectionTable.For(version)[int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)];
                Assert.Equal(f[2], entry.Section);
                Assert.True(
                    (f[3] == "-" ? null : f[3]) == AttachTargetRules.AttachFunctionOf(entry, version),
                    $"{f[0]} {f[2]}: libbpf has {f[3]}, the rules assume {AttachTargetRules.AttachFunctionOf(entry, version) ?? "-"}");
            }

            Assert.Equal(SectionTable.Releases.Sum(v => SectionTable.For(v).Count), rows.Length);
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
