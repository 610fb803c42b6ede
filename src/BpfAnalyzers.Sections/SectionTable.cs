using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// libbpf's program section table for every release from 0.1 to the newest, and for libbpf's main
    /// branch at <see cref="MainCommit"/>. The rows live in <c>data/libbpf/tables/*.tsv</c>;
    /// <c>SectionTable.g.cs</c> is generated from them and a test fails when the two differ.
    /// </summary>
    public static partial class SectionTable
    {
        private static readonly SectionEntry[] s_entries;
        private static readonly ReleaseTable[] s_tables;
        private static readonly LibbpfVersion[] s_releases;

        // A static constructor, not field initializers: the generated part's arrays must be set first,
        // and initializer order across partial files is not defined.
        static SectionTable()
        {
            s_entries = ParseEntries(EntriesData);
            s_tables = BuildTables();
            // A plain loop and an array: no generic instantiation over LibbpfVersion (a value type) to JIT-compile on
            // start-up (Array.ConvertAll and an IReadOnlyList's enumerator each were one; issue 23).
            s_releases = new LibbpfVersion[s_tables.Length];
            for (int i = 0; i < s_tables.Length; i++)
            {
                s_releases[i] = s_tables[i].Version;
            }

            LastSloppyVersion = FindLastSloppyVersion();
            LatestVersion = Array.FindLast(s_tables, t => !t.Version.IsMain).Version;
        }

        /// <summary>Every release with a table, oldest first, then <see cref="LibbpfVersion.Main"/>.</summary>
        public static IReadOnlyList<LibbpfVersion> Releases => s_releases;

        /// <summary>The release at <paramref name="index"/> of <see cref="Releases"/>, which has <see cref="ReleaseCount"/>.</summary>
        internal static LibbpfVersion Release(int index) => s_releases[index];

        internal static int ReleaseCount => s_releases.Length;

        internal static IEnumerable<string> ReleaseNames
        {
            get
            {
                foreach (ReleaseTable t in s_tables)
                {
                    yield return t.Version.ToString();
                }
            }
        }

        /// <summary>The newest numbered release (main's table comes after it).</summary>
        internal static LibbpfVersion LatestVersion { get; }

        /// <summary>The newest release whose table still has legacy-prefix entries (0.8).</summary>
        internal static LibbpfVersion LastSloppyVersion { get; }

        /// <summary>The entries of <paramref name="version"/>, in libbpf's order (the first match wins).</summary>
        public static IReadOnlyList<SectionEntry> For(LibbpfVersion version) => Get(version).Entries;

        internal static bool HasRelease(LibbpfVersion version) => Find(version) is not null;

        internal static ReleaseTable Get(LibbpfVersion version) =>
            Find(version) ?? throw new ArgumentOutOfRangeException(nameof(version), $"libbpf {version} has no section table.");

        private static ReleaseTable? Find(LibbpfVersion version)
        {
            foreach (ReleaseTable t in s_tables)
            {
                if (t.Version == version)
                {
                    return t;
                }
            }

            return null;
        }

        private static ReleaseTable[] BuildTables()
        {
            var tables = new ReleaseTable[s_releaseVersions.Length];
            for (int r = 0; r < tables.Length; r++)
            {
                ushort[] rows = s_releaseRows[r];
                var entries = new SectionEntry[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                {
                    entries[i] = s_entries[rows[i]];
                }

                tables[r] = new ReleaseTable(s_releaseVersions[r], entries);
            }

            return tables;
        }

        /// <summary>The rows of <c>EntriesData</c> (SectionTable.g.cs): one per line, six tab-separated fields.</summary>
        private static SectionEntry[] ParseEntries(string data)
        {
            var entries = new List<SectionEntry>(256);
            var fields = new string[6];
            int pos = 0;
            while (pos < data.Length)
            {
                int end = data.IndexOf('\n', pos);
                for (int f = 0; f < 6; f++)
                {
                    int tab = f < 5 ? data.IndexOf('\t', pos) : end;
                    fields[f] = data.Substring(pos, tab - pos);
                    pos = tab + 1;
                }

                entries.Add(new SectionEntry(
                    fields[0],
                    (SectionMatch)Number(fields[1]),
                    fields[2],
                    fields[3],
                    (SectionFlags)Number(fields[4]),
                    attachFunction: fields[5].Length == 0 ? null : AttachFunction.Named(fields[5])));
            }

            return entries.ToArray();
        }

        private static int Number(string digits)
        {
            int n = 0;
            foreach (char c in digits)
            {
                n = (n * 10) + (c - '0');
            }

            return n;
        }

        private static LibbpfVersion FindLastSloppyVersion()
        {
            LibbpfVersion last = s_tables[0].Version;
            foreach (ReleaseTable t in s_tables)
            {
                foreach (SectionEntry e in t.Entries)
                {
                    if (e.Match == SectionMatch.LegacyPrefix)
                    {
                        last = t.Version;
                        break;
                    }
                }
            }

            return last;
        }
    }

    /// <summary>One release's entries, with an index by first character so a lookup tries only the few
    /// entries that could match, in table order. The index is built on the release's first lookup: a compilation
    /// uses one release (its target) of the 18, and building all of them was most of a cold compiler's first
    /// call into the analyzer (20 ms of tier-0 code, issue 13).</summary>
    internal sealed class ReleaseTable
    {
        private static readonly SectionEntry[] s_none = new SectionEntry[0];
        private SectionEntry[][]? _byFirstChar;

        public ReleaseTable(LibbpfVersion version, SectionEntry[] entries)
        {
            Version = version;
            Entries = entries;
            HasTcx = false;
            foreach (SectionEntry e in entries)
            {
                HasTcx |= e.Section == "tcx/ingress";
            }
        }

        public LibbpfVersion Version { get; }

        public SectionEntry[] Entries { get; }

        /// <summary>libbpf 1.3 added tcx and marked <c>tc</c>, <c>classifier</c>, <c>action</c> legacy.</summary>
        public bool HasTcx { get; }

        /// <summary>Every entry whose first character is <paramref name="c"/>; table entries are ASCII.</summary>
        public SectionEntry[] Candidates(char c) => c < 128 ? (_byFirstChar ?? BuildIndex())[c] : s_none;

        // Two threads may both build it; they build the same index, and either one may be kept.
        private SectionEntry[][] BuildIndex()
        {
            var counts = new int[128];
            foreach (SectionEntry e in Entries)
            {
                counts[e.Section[0]]++;
            }

            var index = new SectionEntry[128][];
            for (int c = 0; c < 128; c++)
            {
                index[c] = counts[c] == 0 ? s_none : new SectionEntry[counts[c]];
                counts[c] = 0;
            }

            foreach (SectionEntry e in Entries)
            {
                char c = e.Section[0];
                index[c][counts[c]++] = e;
            }

            _byFirstChar = index;
            return index;
        }
    }
}
