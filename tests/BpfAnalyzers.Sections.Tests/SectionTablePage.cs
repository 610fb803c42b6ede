using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>Renders <c>docs/section-table.md</c> from the same data the resolver is generated from.</summary>
    internal static class SectionTablePage
    {
        private static readonly Dictionary<string, string> s_mark = new()
        {
            ["exact"] = "=",
            ["plus"] = "+",
            ["slash"] = "/",
            ["sloppy"] = "P",
        };

        public static string Render(string tablesDir)
        {
            var tables = SectionTableSource.ReadTables(tablesDir);
            var sb = new StringBuilder();
            sb.Append("# libbpf's program section table, per release and on main\n\n");
            sb.Append("<!-- Generated from data/libbpf/tables/*.tsv by tests/BpfAnalyzers.Sections.Tests (GeneratedFilesTests).\n");
            sb.Append("     Do not edit: run  BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Sections.Tests -->\n\n");
            var main = tables.Single(t => t.IsMain);
            sb.Append("Read off libbpf's `section_defs[]` in `src/libbpf.c` of each release, and of libbpf's main branch\n");
            sb.Append(CultureInfo.InvariantCulture, $"(`BpfLibbpfVersion=main`) at commit `{main.Commit}` ({main.CommitDate}), which no release has yet.\n");
            sb.Append("Order matters: the first matching entry wins. How an entry matches a name:\n\n");
            sb.Append("| mark | match | meaning |\n|---|---|---|\n");
            sb.Append("| `=` | exact | the whole name must equal the entry |\n");
            sb.Append("| `+` | `type+` | exactly `type`, or `type/` followed by anything |\n");
            sb.Append("| `/` | `type/` | `type/` followed by anything (possibly nothing) |\n");
            sb.Append("| `P` | legacy prefix | any name that starts with the entry (every entry before 0.6; `SEC_SLOPPY_PFX` entries in 0.6–0.8 unless strict section names are on; none from 1.0) |\n\n");

            sb.Append("## Which release has which name\n\n");
            sb.Append("| section | prog type | attach type |");
            foreach (var t in tables)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {t.Version} |");
            }

            sb.Append("\n|---|---|---|");
            sb.Append(string.Concat(Enumerable.Repeat("---|", tables.Count)));
            sb.Append('\n');
            var sections = new List<string>();
            foreach (var t in tables)
            {
                foreach (var row in t.Rows)
                {
                    if (!sections.Contains(row.Section))
                    {
                        sections.Add(row.Section);
                    }
                }
            }

            foreach (string section in sections)
            {
                var latest = tables.Last(t => t.Rows.Any(r => r.Section == section)).Rows.First(r => r.Section == section);
                sb.Append(CultureInfo.InvariantCulture, $"| `{section}` | {Lower(latest.ProgType, "BPF_PROG_TYPE_")} | {Attach(latest.AttachType)} |");
                foreach (var t in tables)
                {
                    var row = t.Rows.FirstOrDefault(r => r.Section == section);
                    sb.Append(row is null ? "  |" : $" {s_mark[row.Match]} |");
                }

                sb.Append('\n');
            }

            sb.Append("\n## Each release in libbpf's order\n");
            foreach (var t in tables.AsEnumerable().Reverse())
            {
                string what = t.IsMain ? $"libbpf main at {t.Commit!.Substring(0, 12)}, {t.CommitDate}, not yet released" : $"libbpf {t.Version}";
                sb.Append(CultureInfo.InvariantCulture, $"\n<details><summary>{what} ({t.Rows.Count} entries)</summary>\n\n");
                sb.Append("| # | section | match | prog type | attach type | flags |\n|---|---|---|---|---|---|\n");
                for (int i = 0; i < t.Rows.Count; i++)
                {
                    var r = t.Rows[i];
                    string flags = r.Flags == "-" ? string.Empty : r.Flags.Replace("|", ", ");
                    sb.Append(CultureInfo.InvariantCulture, $"| {i} | `{r.Section}` | {s_mark[r.Match]} | {Lower(r.ProgType, "BPF_PROG_TYPE_")} | {Attach(r.AttachType)} | {flags} |\n");
                }

                sb.Append("\n</details>\n");
            }

            return sb.ToString();
        }

        private static string Attach(string attachType) => attachType == "0" ? "–" : Lower(attachType, "BPF_");

        private static string Lower(string value, string prefix) =>
            (value.StartsWith(prefix, System.StringComparison.Ordinal) ? value.Substring(prefix.Length) : value).ToLowerInvariant();
    }
}
