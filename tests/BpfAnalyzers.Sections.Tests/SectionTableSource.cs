using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>Renders <c>SectionTable.g.cs</c> from <c>data/libbpf/tables/*.tsv</c>.</summary>
    internal static class SectionTableSource
    {
        private static readonly Dictionary<string, string> s_flags = new()
        {
            ["SEC_ATTACHABLE"] = "Attachable",
            ["SEC_ATTACHABLE_OPT"] = "AttachableOpt",
            ["SEC_ATTACH_BTF"] = "AttachBtf",
            ["SEC_DEPRECATED"] = "Deprecated",
            ["SEC_EXP_ATTACH_OPT"] = "ExpAttachOpt",
            ["SEC_SLEEPABLE"] = "Sleepable",
            ["SEC_SLOPPY_PFX"] = "SloppyPrefix",
            ["SEC_USDT"] = "Usdt",
            ["SEC_XDP_FRAGS"] = "XdpFrags",
        };

        private static readonly Dictionary<string, string> s_match = new()
        {
            ["exact"] = "Exact",
            ["plus"] = "Plus",
            ["slash"] = "Slash",
            ["sloppy"] = "LegacyPrefix",
        };

        public sealed record Row(string Section, string Match, string ProgType, string AttachType, string Flags, string AttachFn);

        /// <summary>libbpf's attach functions (the <c>attach_fn</c> column) by the <c>AttachFunction</c> field that stands for each.</summary>
        private static readonly Dictionary<string, string> s_attachFunctions = new()
        {
            ["attach_kprobe"] = "Kprobe",
            ["attach_uprobe"] = "Uprobe",
            ["attach_kprobe_multi"] = "KprobeMulti",
            ["attach_kprobe_session"] = "KprobeSession",
            ["attach_uprobe_multi"] = "UprobeMulti",
            ["attach_ksyscall"] = "Ksyscall",
            ["attach_usdt"] = "Usdt",
            ["attach_tp"] = "Tracepoint",
            ["attach_raw_tp"] = "RawTracepoint",
            ["attach_trace"] = "Trace",
            ["attach_lsm"] = "Lsm",
            ["attach_iter"] = "Iter",
            ["attach_tracing_multi"] = "TracingMulti",
        };

        /// <summary>One table file. Main's has <see cref="int.MaxValue"/> as its major, as <c>LibbpfVersion.Main</c> does.</summary>
        public sealed record Table(int Major, int Minor, string File, List<Row> Rows, string? Commit, string? CommitDate)
        {
            public bool IsMain => Major == int.MaxValue;

            /// <summary><c>1.7</c> or <c>main</c>, as <c>--libbpf</c> takes it.</summary>
            public string Version => IsMain ? "main" : $"{Major}.{Minor}";
        }

        /// <summary>The header line of <c>main.tsv</c>: which commit of libbpf's main branch it was read at.</summary>
        private static readonly Regex s_mainHeader = new(@"^# libbpf main branch at commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\): section_defs\[\] of src/libbpf\.c$");

        /// <summary>Every <c>vX.Y.tsv</c> release table, oldest first, then <c>main.tsv</c>.</summary>
        public static IReadOnlyList<Table> ReadTables(string dir)
        {
            var tables = new List<Table>();
            foreach (string file in Directory.GetFiles(dir, "*.tsv"))
            {
                string stem = Path.GetFileNameWithoutExtension(file);
                List<string> lines = File.ReadAllLines(file).ToList();
                string? commit = null, date = null;
                int major, minor;
                if (stem == "main")
                {
                    Match m = s_mainHeader.Match(lines[0]);
                    if (!m.Success)
                    {
                        throw new InvalidDataException(file + ": the first line must say which commit of libbpf's main branch the table was read at: " + lines[0]);
                    }

                    (major, minor, commit, date) = (int.MaxValue, 0, m.Groups[1].Value, m.Groups[2].Value);
                    lines.RemoveAt(0);
                }
                else
                {
                    string[] v = stem.Substring(1).Split('.');
                    (major, minor) = (int.Parse(v[0], CultureInfo.InvariantCulture), int.Parse(v[1], CultureInfo.InvariantCulture));
                }

                if (lines[0] != "order\tsection\tmatch\tprog_type\tattach_type\tflags\tattach_fn")
                {
                    throw new InvalidDataException(file + ": unexpected header " + lines[0]);
                }

                var rows = new List<Row>();
                for (int i = 1; i < lines.Count; i++)
                {
                    if (lines[i].Length == 0)
                    {
                        continue;
                    }

                    string[] c = lines[i].Split('\t');
                    if (c.Length != 7 || c[0] != (i - 1).ToString(CultureInfo.InvariantCulture))
                    {
                        throw new InvalidDataException($"{file}:{i + 1}: expected 7 columns in order");
                    }

                    rows.Add(new Row(c[1], c[2], c[3], c[4], c[5], c[6]));
                }

                tables.Add(new Table(major, minor, Path.GetFileName(file), rows, commit, date));
            }

            if (tables.Count(t => t.IsMain) != 1)
            {
                throw new InvalidDataException(dir + ": expected exactly one main.tsv");
            }

            return tables.OrderBy(t => t.Major).ThenBy(t => t.Minor).ToList();
        }

        public static string Render(string dir)
        {
            var tables = ReadTables(dir);
            var distinct = new List<Row>();
            var index = new Dictionary<Row, int>();
            foreach (var t in tables)
            {
                foreach (Row r in t.Rows)
                {
                    if (!index.ContainsKey(r))
                    {
                        index[r] = distinct.Count;
                        distinct.Add(r);
                    }
                }
            }

            var sb = new StringBuilder();
            sb.Append("// <auto-generated>\n");
            sb.Append("// Generated from data/libbpf/tables/*.tsv (libbpf's section_defs[] per release and on main). Do not edit:\n");
            sb.Append("// change the data, then run  BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Sections.Tests\n");
            sb.Append("// </auto-generated>\n");
            sb.Append("namespace BpfAnalyzers.Sections\n{\n");
            sb.Append("    public static partial class SectionTable\n    {\n");
            Table main = tables.Single(t => t.IsMain);
            sb.Append("        /// <summary>The commit of libbpf's main branch whose <c>src/libbpf.c</c> the main table was read from.</summary>\n");
            sb.Append(CultureInfo.InvariantCulture, $"        public const string MainCommit = \"{main.Commit}\";\n\n");
            sb.Append("        /// <summary>The date of <see cref=\"MainCommit\"/>.</summary>\n");
            sb.Append(CultureInfo.InvariantCulture, $"        public const string MainCommitDate = \"{main.CommitDate}\";\n\n");
            sb.Append("        /// <summary>\n");
            sb.Append("        /// Every distinct row, one per line, tab-separated: section, SectionMatch, program type, attach type, SectionFlags,\n");
            sb.Append("        /// attach function (its libbpf name, or empty). Data, not constructor calls: the static constructor that reads it\n");
            sb.Append("        /// stays small, which a fresh csc JIT-compiles in every build (issue 23).\n");
            sb.Append("        /// </summary>\n");
            sb.Append("        private const string EntriesData =\n");
            for (int i = 0; i < distinct.Count; i++)
            {
                Row r = distinct[i];
                string fn = r.AttachFn == "-" ? string.Empty : s_attachFunctions.ContainsKey(r.AttachFn) ? r.AttachFn : throw new InvalidDataException("unknown attach function " + r.AttachFn);
                sb.Append(CultureInfo.InvariantCulture, $"            /* {i,3} */ \"{r.Section}\\t{(int)Enum.Parse<SectionMatch>(s_match[r.Match])}\\t{r.ProgType}\\t{r.AttachType}\\t{FlagsValue(r.Flags)}\\t{fn}\\n\"{(i == distinct.Count - 1 ? ";" : " +")}\n");
            }

            sb.Append('\n');
            sb.Append("        private static readonly LibbpfVersion[] s_releaseVersions =\n        {\n");
            foreach (var t in tables)
            {
                sb.Append(t.IsMain ? "            LibbpfVersion.Main,\n" : $"            new LibbpfVersion({t.Major.ToString(CultureInfo.InvariantCulture)}, {t.Minor.ToString(CultureInfo.InvariantCulture)}),\n");
            }

            sb.Append("        };\n\n");
            sb.Append("        private static readonly ushort[][] s_releaseRows =\n        {\n");
            foreach (var t in tables)
            {
                sb.Append(CultureInfo.InvariantCulture, $"            /* {t.File} */ new ushort[] {{ {string.Join(", ", t.Rows.Select(r => index[r]))} }},\n");
            }

            sb.Append("        };\n    }\n}\n");
            return sb.ToString();
        }

        private static int FlagsValue(string flags) =>
            flags == "-" ? 0 : flags.Split('|').Sum(f => (int)Enum.Parse<SectionFlags>(s_flags[f]));
    }
}
