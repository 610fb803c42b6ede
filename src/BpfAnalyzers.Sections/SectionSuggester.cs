using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace BpfAnalyzers.Sections
{
    /// <summary>Why a name is proposed.</summary>
    public enum SuggestionReason
    {
        /// <summary>The canonical spelling of a name libbpf accepts (<c>kprobe/</c> → <c>kprobe</c>).</summary>
        Canonical,

        /// <summary>A renamed or deprecated entry's replacement (<c>xdp_devmap/</c> → <c>xdp/devmap</c>).</summary>
        Renamed,

        /// <summary>Whitespace, control characters or a trailing <c>/</c> removed.</summary>
        Cleanup,

        /// <summary>Letter case (<c>XDP</c> → <c>xdp</c>).</summary>
        Case,

        /// <summary>The entry an old libbpf's prefix match used (<c>xdpblah</c> → <c>xdp</c>).</summary>
        LegacyPrefix,

        /// <summary>Separator confusion (<c>cgroup_sock</c> → <c>cgroup/sock</c>).</summary>
        Separator,

        /// <summary>A typo, by edit distance (<c>kprobes/f</c> → <c>kprobe/f</c>).</summary>
        Typo,

        /// <summary>The leading '.' of a data section (<c>rodata</c> → <c>.rodata</c>).</summary>
        LeadingDot,

        /// <summary>A data section for a member in a program section (<c>xdp</c> on a field → <c>.data</c>).</summary>
        DataSection,

        /// <summary>
        /// A <c>type/</c> entry missed only by its slash: <c>user</c> → <c>user/</c>, <c>userargh</c> →
        /// <c>user/argh</c>, <c>kprobe</c> → <c>kprobe/FUNCTION</c> before libbpf 0.8 had <c>kprobe+</c>.
        /// </summary>
        MissingSlash,
    }

    /// <summary>What a <c>type/</c> entry needs after its slash, by kind (the attach or load step that reads it).</summary>
    public enum SlashTarget
    {
        /// <summary>
        /// Nothing is read after the slash, so an empty extra is fine (<c>sk_lookup/</c>, <c>xdp_devmap/</c>, a
        /// custom <c>user/</c>: libbpf's <c>type/</c> match only needs the prefix), or the release has no
        /// auto-attach for it (<c>uprobe/</c> before 0.8).
        /// </summary>
        Optional,

        /// <summary>A kernel function (<c>attach_kprobe()</c>).</summary>
        KernelFunction,

        /// <summary>A BTF attach target, required at load (<c>SEC_ATTACH_BTF</c>: <c>fentry/</c>, <c>lsm/</c>, <c>iter/</c>, ...).</summary>
        BtfTarget,

        /// <summary><c>CATEGORY/NAME</c> (<c>attach_tp()</c>).</summary>
        Tracepoint,

        /// <summary>A raw tracepoint's name (<c>attach_raw_tp()</c>).</summary>
        RawTracepoint,
    }

    /// <summary>A <c>type/</c> entry a name misses only by its slash.</summary>
    public sealed class MissedSlash
    {
        internal MissedSlash(SectionEntry entry, bool wholeName, SlashTarget needs)
        {
            Entry = entry;
            WholeName = wholeName;
            Needs = needs;
        }

        /// <summary>The entry: <c>user/</c>, <c>kprobe/</c>.</summary>
        public SectionEntry Entry { get; }

        /// <summary>True when the name is the entry's type exactly (<c>user</c>); false for <c>userargh</c>.</summary>
        public bool WholeName { get; }

        /// <summary>What the entry needs after the slash.</summary>
        public SlashTarget Needs { get; }

        /// <summary>How a name for the entry is written: <c>user/</c>, <c>kprobe/FUNCTION</c>, <c>tp/CATEGORY/NAME</c>.</summary>
        public string Shape => Entry.Section + Needs switch
        {
            SlashTarget.KernelFunction => "FUNCTION",
            SlashTarget.BtfTarget => "TARGET",
            SlashTarget.Tracepoint => "CATEGORY/NAME",
            SlashTarget.RawTracepoint => "TRACEPOINT",
            _ => string.Empty,
        };
    }

    /// <summary>A proposed section name, valid under the target release.</summary>
    public sealed class SectionSuggestion : IEquatable<SectionSuggestion>
    {
        public SectionSuggestion(string name, SuggestionReason reason)
        {
            Name = name;
            Reason = reason;
        }

        public string Name { get; }

        public SuggestionReason Reason { get; }

        // A class, not a struct: List<SectionSuggestion> then shares the JIT's code for lists of references (issue 23).
        public bool Equals(SectionSuggestion? other) => other is not null && Name == other.Name && Reason == other.Reason;

        public override bool Equals(object? obj) => obj is SectionSuggestion other && Equals(other);

        public override int GetHashCode() => Name.GetHashCode() ^ (int)Reason;

        public override string ToString() => $"{Name} ({Reason})";
    }

    /// <summary>
    /// Proposes what a wrong, sloppy or deprecated name should be, best first. Every proposal resolves
    /// under the same target without legacy prefix matching. The cost is bounded by the table, not by the
    /// name: names longer than <see cref="MaxGuessLength"/> get no guesses, and edit distance gives up as soon as lengths differ by more than its bound.
    /// </summary>
    public static class SectionSuggester
    {
        /// <summary>Longer names get only the canonical form and the legacy prefix, never guesses.</summary>
        internal const int MaxGuessLength = 4096;

        /// <param name="name">The section name as written.</param>
        /// <param name="libbpf">The libbpf release (and strict mode) to suggest for.</param>
        /// <param name="customSections">The project's custom sections (libbpf 0.8+).</param>
        /// <param name="max">At most this many suggestions.</param>
        /// <param name="program">
        /// The program's name. libbpf programs are conventionally named after what they attach to
        /// (<c>SEC("kprobe/do_unlinkat") int BPF_KPROBE(do_unlinkat)</c>), so a bare <c>kprobe</c> or
        /// <c>fentry</c> under a release whose entry is <c>kprobe/</c> becomes <c>kprobe/PROGRAM</c>.
        /// </param>
        public static IReadOnlyList<SectionSuggestion> Suggest(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections = null, int max = 3, string? program = null)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            var found = new List<SectionSuggestion>();
            if (max <= 0)
            {
                return found;
            }

            string prefix = libbpf.SupportsNoAutoload && name.StartsWith("?", StringComparison.Ordinal) ? "?" : string.Empty;
            string body = name.Substring(prefix.Length);
            ReleaseTable table = SectionTable.Get(libbpf.Version);
            var entries = new List<SectionEntry>();
            if (customSections is not null && libbpf.Version >= LibbpfVersion.V0_8)
            {
                entries.AddRange(customSections);
            }

            entries.AddRange(table.Entries);

            void Add(string candidate, SuggestionReason reason)
            {
                if (found.Count >= max || candidate.Length == 0 || candidate == body)
                {
                    return;
                }

                foreach (SectionSuggestion s in found)
                {
                    if (s.Name == prefix + candidate)
                    {
                        return;
                    }
                }

                SectionResolution r = SectionResolver.ResolveProgram(prefix + candidate, libbpf, customSections);
                if (r.IsMatch && r.How != MatchKind.LegacyPrefix && (r.IsCanonical || reason == SuggestionReason.Renamed))
                {
                    found.Add(new SectionSuggestion(prefix + candidate, reason));
                }
            }

            // 1. Renamed and legacy entries, and tcx where the release has it (libbpf 1.3: "use tcx").
            AddRenames(body, table, Add);

            // 1b. The type of a 'type/' entry without its slash: what libbpf needs (user → user/; kprobe →
            // kprobe/FUNCTION before 0.8). Before the canonical form: under 0.5 'xdp_devmap' loads as plain
            // xdp by legacy prefix, but the writer meant xdp_devmap/.
            MissedSlash? missed = name.Length <= MaxGuessLength ? FindMissedSlash(name, libbpf, customSections) : null;
            if (missed is { WholeName: true } && WithTarget(missed, program) is string slashed)
            {
                Add(slashed, SuggestionReason.MissingSlash);
            }

            // 2. A name libbpf accepts but spells differently: its canonical form.
            SectionResolution own = SectionResolver.ResolveProgram(name, libbpf, customSections);
            if (own.IsMatch && own.Canonical is string canonical && canonical != name)
            {
                Add(canonical.Substring(prefix.Length), own.IsDeprecated ? SuggestionReason.Renamed : SuggestionReason.Canonical);
            }

            // A name this long is no typo; only the cheap, allocation-free answers are worth giving.
            if (name.Length > MaxGuessLength)
            {
                if (found.Count == 0 && !own.IsMatch)
                {
                    AddLegacyPrefix(name, libbpf, Add);
                }

                return found;
            }

            // 3. Whitespace, control characters, trailing slashes.
            string cleaned = Clean(body);
            if (cleaned != body)
            {
                Add(cleaned, SuggestionReason.Cleanup);
                AddCanonicalOf(cleaned, prefix, libbpf, customSections, SuggestionReason.Cleanup, Add);
            }

            // 4. Letter case.
            string lower = cleaned.ToLowerInvariant();
            if (lower != cleaned)
            {
                Add(lower, SuggestionReason.Case);
                AddCanonicalOf(lower, prefix, libbpf, customSections, SuggestionReason.Case, Add);
            }

            // A name that loads, or that only needed the mechanical fixes above, is not a typo of
            // anything: guessing further would only add noise.
            if (found.Count > 0 || (own.IsMatch && !own.IsLegacyPrefix))
            {
                return found;
            }

            // 5. Separator confusion that accounts for the whole name (sk_skb.stream_parser).
            AddSeparatorFixes(lower, entries, wholeNameOnly: true, Add);

            // 6. What an old libbpf's prefix match made of it (xdpblah → xdp); custom sections were
            // never prefix matches, but userargh is still plainly user.
            AddCustomPrefix(lower, customSections, libbpf, Add);
            AddLegacyPrefix(lower, libbpf, Add);

            // 6b. A 'type/' entry's type run into its extras (userargh → user/argh), beside the prefixes.
            if (missed is { WholeName: false })
            {
                Add(missed.Entry.Section + body.Substring(missed.Entry.Type.Length), SuggestionReason.MissingSlash);
            }

            // 7. Other separator confusion, longest entry first (cgroup_sock → cgroup/sock).
            AddSeparatorFixes(lower, entries, wholeNameOnly: false, Add);

            // 8. Typos, nearest first, keeping the attach target.
            AddTypos(lower, entries, Add);

            return found;
        }

        /// <summary>
        /// The <c>type/</c> entry that <paramref name="name"/> misses only by its slash: the name is the
        /// entry's type (<c>user</c> for <c>user/</c>), or the type run into more letters (<c>userargh</c>).
        /// libbpf's <c>sec_def_matches()</c> needs <c>type/</c> at the start of such names ("type/" always
        /// has to have proper SEC("type/extras") form); before 0.6 its <c>strncmp()</c> with the entry's length
        /// did the same. Custom sections count from 0.8 (<c>libbpf_register_prog_handler()</c>). Returns null
        /// when the name resolves, or when the entry is deprecated in favour of a new name (xdp_devmap/ from 0.7).
        /// </summary>
        public static MissedSlash? FindMissedSlash(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections = null)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            SectionResolution own = SectionResolver.ResolveProgram(name, libbpf, customSections);
            if (own.IsMatch && !own.IsLegacyPrefix)
            {
                return null;
            }

            string body = libbpf.SupportsNoAutoload && name.StartsWith("?", StringComparison.Ordinal) ? name.Substring(1) : name;
            SectionEntry? prefixOf = null;
            if (customSections is not null && libbpf.Version >= LibbpfVersion.V0_8)
            {
                foreach (SectionEntry e in customSections)
                {
                    if (Misses(e, body, libbpf, ref prefixOf))
                    {
                        return new MissedSlash(e, wholeName: true, SlashTarget.Optional);
                    }
                }
            }

            foreach (SectionEntry e in SectionTable.Get(libbpf.Version).Entries)
            {
                if (Misses(e, body, libbpf, ref prefixOf))
                {
                    return new MissedSlash(e, wholeName: true, NeedsAfterSlash(e));
                }
            }

            return prefixOf is null ? null : new MissedSlash(prefixOf, wholeName: false, prefixOf.IsCustom ? SlashTarget.Optional : NeedsAfterSlash(prefixOf));
        }

        /// <summary>True when <paramref name="body"/> is <paramref name="e"/>'s type; remembers the longest type it merely starts with.</summary>
        private static bool Misses(SectionEntry e, string body, LibbpfSetup libbpf, ref SectionEntry? prefixOf)
        {
            if (e.Match != SectionMatch.Slash || e.Type.Length == 0 || !body.StartsWith(e.Type, StringComparison.Ordinal) ||
                ((e.Flags & SectionFlags.Deprecated) != 0 && SectionResolver.RenameOf(e, libbpf) is not null))
            {
                return false;
            }

            if (body.Length == e.Type.Length)
            {
                return true;
            }

            // kprobe_foo is separator confusion (kprobe/foo), handled with the other separators.
            if (!IsSeparator(body[e.Type.Length]) && (prefixOf is null || e.Type.Length > prefixOf.Type.Length))
            {
                prefixOf = e;
            }

            return false;
        }

        /// <summary>What libbpf reads after the slash of an entry: its row's attach function says, or the BTF lookup at load.</summary>
        internal static SlashTarget NeedsAfterSlash(SectionEntry e)
        {
            if (e.IsCustom)
            {
                return SlashTarget.Optional;
            }

            if ((e.Flags & SectionFlags.AttachBtf) != 0)
            {
                return SlashTarget.BtfTarget;
            }

            return e.AttachFunction?.AfterSlash ?? SlashTarget.Optional;
        }

        /// <summary>
        /// The name the entry needs: <c>user/</c> when nothing is read after the slash; <c>kprobe/PROGRAM</c>
        /// for kernel functions and BTF targets, which libbpf programs are conventionally named after; null
        /// when only the writer knows the target (a tracepoint's CATEGORY/NAME, an iterator).
        /// </summary>
        private static string? WithTarget(MissedSlash missed, string? program) => missed.Needs switch
        {
            SlashTarget.Optional => missed.Entry.Section,

            // Iterators are named by the kernel (bpf_iter_task), not after the program.
            SlashTarget.BtfTarget when missed.Entry.Type.StartsWith("iter", StringComparison.Ordinal) => null,
            SlashTarget.KernelFunction or SlashTarget.BtfTarget when IsCIdentifier(program) => missed.Entry.Section + program,
            _ => null,
        };

        private static bool IsCIdentifier(string? s)
        {
            if (string.IsNullOrEmpty(s) || s![0] >= '0' && s[0] <= '9')
            {
                return false;
            }

            foreach (char c in s)
            {
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }

        private static void AddCanonicalOf(string candidate, string prefix, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom, SuggestionReason reason, Action<string, SuggestionReason> add)
        {
            SectionResolution r = SectionResolver.ResolveProgram(prefix + candidate, libbpf, custom);
            if (r.IsMatch && r.Canonical is string c)
            {
                add(c.Substring(prefix.Length), reason);
            }
        }

        private static void AddRenames(string body, ReleaseTable table, Action<string, SuggestionReason> add)
        {
            foreach (KeyValuePair<string, string> rename in SectionResolver.Renames)
            {
                bool matches = rename.Key.EndsWith("/", StringComparison.Ordinal)
                    ? body.StartsWith(rename.Key, StringComparison.Ordinal) || body == rename.Key.Substring(0, rename.Key.Length - 1)
                    : body == rename.Key;
                if (matches && !(table.HasTcx && rename.Key == "classifier"))
                {
                    add(rename.Value, SuggestionReason.Renamed);
                }
            }

            // Before 1.3 there is no tcx: a tcx program is written as plain tc.
            if (!table.HasTcx && (body == "tcx/ingress" || body == "tcx/egress" || body == "tc/ingress" || body == "tc/egress"))
            {
                add("tc", SuggestionReason.Renamed);
            }

            if (table.HasTcx && (body == "tc" || body == "classifier" || body == "action"))
            {
                add("tcx/ingress", SuggestionReason.Renamed);
                add("tcx/egress", SuggestionReason.Renamed);
                if (body == "classifier")
                {
                    add("tc", SuggestionReason.Renamed);
                }
            }
        }

        private static void AddCustomPrefix(string lower, IReadOnlyList<SectionEntry>? custom, LibbpfSetup libbpf, Action<string, SuggestionReason> add)
        {
            if (custom is null || libbpf.Version < LibbpfVersion.V0_8)
            {
                return;
            }

            foreach (SectionEntry e in custom)
            {
                if (e.Match != SectionMatch.Slash && lower.Length > e.Type.Length && lower.StartsWith(e.Type, StringComparison.Ordinal))
                {
                    add(e.Type, SuggestionReason.LegacyPrefix);
                }
            }
        }

        private static void AddLegacyPrefix(string lower, LibbpfSetup libbpf, Action<string, SuggestionReason> add)
        {
            // The newest release that still matched prefixes (0.8) knows every legacy entry still in use.
            LibbpfVersion sloppy = libbpf.Version <= SectionTable.LastSloppyVersion && !libbpf.StrictSectionNames
                ? libbpf.Version
                : SectionTable.LastSloppyVersion;
            SectionResolution old = SectionResolver.Resolve(lower, new LibbpfSetup(sloppy));
            if (old.How == MatchKind.LegacyPrefix)
            {
                add(old.Entry!.Section, SuggestionReason.LegacyPrefix);
            }
        }

        private static void AddSeparatorFixes(string lower, List<SectionEntry> entries, bool wholeNameOnly, Action<string, SuggestionReason> add)
        {
            // Longest entry first: kprobe_multi/f is kprobe.multi/f before it is kprobe/multi/f.
            var matches = new List<KeyValuePair<SectionEntry, int>>();
            foreach (SectionEntry e in entries)
            {
                string key = e.Type;
                if (key.Length > lower.Length || key.Length == 0)
                {
                    continue;
                }

                bool changed = false;
                bool same = true;
                for (int i = 0; i < key.Length && same; i++)
                {
                    char a = lower[i];
                    char b = key[i];
                    if (a == b)
                    {
                        continue;
                    }

                    same = IsSeparator(a) && IsSeparator(b);
                    changed = true;
                }

                bool boundary = key.Length == lower.Length || (!wholeNameOnly && IsSeparator(lower[key.Length]));
                bool separatorAfter = key.Length < lower.Length && lower[key.Length] != '/';
                if (same && boundary && (changed || (separatorAfter && e.Match != SectionMatch.Exact)))
                {
                    matches.Add(new KeyValuePair<SectionEntry, int>(e, key.Length));
                }
            }

            matches.Sort((x, y) => y.Value.CompareTo(x.Value));
            foreach (KeyValuePair<SectionEntry, int> m in matches)
            {
                SectionEntry e = m.Key;
                string rest = lower.Length > m.Value ? lower.Substring(m.Value + 1) : string.Empty;
                add(e.Match == SectionMatch.Exact || e.Match == SectionMatch.LegacyPrefix || rest.Length == 0
                    ? e.Section.TrimEnd('+')
                    : e.Type + "/" + rest, SuggestionReason.Separator);
            }
        }

        private static void AddTypos(string lower, List<SectionEntry> entries, Action<string, SuggestionReason> add)
        {
            int slash = lower.IndexOf('/');
            string key = slash < 0 ? lower : lower.Substring(0, slash);
            string tail = slash < 0 ? string.Empty : lower.Substring(slash);

            var ranked = new List<KeyValuePair<string, int>>();
            foreach (SectionEntry e in entries)
            {
                bool typed = e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash;

                // Typed entries compare the type and keep the target; exact ones compare the whole name.
                string mine = typed ? key : lower;
                string theirs = typed ? e.Type : e.Section;
                int limit = theirs.Length <= 4 ? 1 : 2;
                int d = BoundedDistance(mine, theirs, limit);
                if (d > 0 && d <= limit)
                {
                    string candidate = typed ? (tail.Length > 0 ? e.Type + tail : e.Type) : e.Section;
                    ranked.Add(new KeyValuePair<string, int>(candidate, d));
                }
            }

            // Only the nearest: kprobes is kprobe, not also uprobe.s. Equal distances keep table order.
            int nearest = ranked.Count == 0 ? 0 : ranked.Min(x => x.Value);
            foreach (KeyValuePair<string, int> r in ranked)
            {
                if (r.Value == nearest)
                {
                    add(r.Key, SuggestionReason.Typo);
                }
            }
        }

        /// <summary>Optimal string alignment distance, or <paramref name="limit"/> + 1 once it is exceeded.</summary>
        internal static int BoundedDistance(string a, string b, int limit)
        {
            if (Math.Abs(a.Length - b.Length) > limit)
            {
                return limit + 1;
            }

            int n = a.Length;
            int m = b.Length;
            var prev2 = new int[m + 1];
            var prev = new int[m + 1];
            var cur = new int[m + 1];
            for (int j = 0; j <= m; j++)
            {
                prev[j] = j;
            }

            for (int i = 1; i <= n; i++)
            {
                cur[0] = i;
                int rowMin = cur[0];
                for (int j = 1; j <= m; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        v = Math.Min(v, prev2[j - 2] + 1);
                    }

                    cur[j] = v;
                    rowMin = Math.Min(rowMin, v);
                }

                if (rowMin > limit)
                {
                    return limit + 1;
                }

                int[] t = prev2;
                prev2 = prev;
                prev = cur;
                cur = t;
            }

            return prev[m];
        }

        /// <summary>Drops surrounding whitespace, control characters and trailing slashes.</summary>
        internal static string Clean(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (char c in s)
            {
                if (!char.IsControl(c) && !IsInvisible(c))
                {
                    sb.Append(c);
                }
            }

            return sb.ToString().Trim().TrimEnd('/');
        }

        // The invisible characters the analyzer calls malformed, and no-break space.
        private static bool IsInvisible(char c) => SectionNameCharacters.IsInvisible(c) || c == '\u00A0';

        private static bool IsSeparator(char c) => c == '_' || c == '/' || c == '.' || c == '-' || c == ':' || c == ' ';
    }
}
