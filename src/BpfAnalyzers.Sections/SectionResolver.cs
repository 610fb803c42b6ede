using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Answers, for a section name and a libbpf release, exactly what that libbpf answers: the same
    /// entries, the same order (first match wins), the same comparison per entry
    /// (<c>find_sec_def()</c> / <c>sec_def_matches()</c> in <c>src/libbpf.c</c>).
    /// </summary>
    public static class SectionResolver
    {
        /// <summary>
        /// Renamed entries: libbpf 0.7 deprecated <c>xdp_devmap/</c> and <c>xdp_cpumap/</c> for
        /// <c>xdp/devmap</c> and <c>xdp/cpumap</c> (removed in 1.0) and <c>classifier</c> for
        /// <c>tc</c>. Same program type and attach type, so the new name is the canonical one.
        /// </summary>
        internal static readonly KeyValuePair<string, string>[] Renames =
        {
            new KeyValuePair<string, string>("xdp_devmap/", "xdp/devmap"),
            new KeyValuePair<string, string>("xdp_cpumap/", "xdp/cpumap"),
            new KeyValuePair<string, string>("classifier", "tc"),
        };

        /// <summary>
        /// What <c>libbpf_prog_type_by_name()</c> answers: the name is taken as is (a leading <c>?</c>
        /// is part of it). Custom sections, when given, are tried first, as libbpf tries handlers
        /// registered with <c>libbpf_register_prog_handler()</c> (0.8+).
        /// </summary>
        public static SectionResolution Resolve(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections = null) =>
            ResolveCore(name ?? throw new ArgumentNullException(nameof(name)), 0, libbpf, customSections);

        /// <summary>
        /// What libbpf makes of a program's <c>SEC()</c> when it opens the object: from 0.8 a leading
        /// <c>?</c> only means "do not autoload" and is stripped before the lookup; before 0.8 it is part of
        /// the name (and so unknown).
        /// </summary>
        public static SectionResolution ResolveProgram(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections = null)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            int start = libbpf.SupportsNoAutoload && name.Length > 0 && name[0] == '?' ? 1 : 0;
            return ResolveCore(name, start, libbpf, customSections);
        }

        private static SectionResolution ResolveCore(string name, int start, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections)
        {
            // libbpf sees a C string: an embedded NUL ends the name.
            int end = name.IndexOf('\0', start);
            int length = (end < 0 ? name.Length : end) - start;
            ReleaseTable table = SectionTable.Get(libbpf.Version);

            if (customSections is not null && libbpf.Version >= LibbpfVersion.V0_8)
            {
                for (int i = 0; i < customSections.Count; i++)
                {
                    SectionEntry e = customSections[i];
                    if (TryMatch(e, name, start, length, strict: true, out MatchKind how, out int attach))
                    {
                        return new SectionResolution(name, start, length, libbpf, e, how, attach, isDeprecated: false);
                    }
                }
            }

            if (length > 0)
            {
                SectionEntry[] candidates = table.Candidates(name[start]);
                for (int i = 0; i < candidates.Length; i++)
                {
                    SectionEntry e = candidates[i];
                    if (TryMatch(e, name, start, length, libbpf.StrictSectionNames, out MatchKind how, out int attach))
                    {
                        return new SectionResolution(name, start, length, libbpf, e, how, attach, IsDeprecatedIn(e, table));
                    }
                }
            }

            return new SectionResolution(name, start, length, libbpf, null, MatchKind.None, -1, isDeprecated: false);
        }

        /// <summary>One entry against one name, as libbpf compares them.</summary>
        internal static bool TryMatch(SectionEntry e, string name, int start, int length, bool strict, out MatchKind how, out int attachTargetStart)
        {
            how = MatchKind.None;
            attachTargetStart = -1;
            string sec = e.Section;
            switch (e.Match)
            {
                case SectionMatch.Slash:
                    // "type/" always has to have proper SEC("type/extras") form.
                    if (length >= sec.Length && string.CompareOrdinal(name, start, sec, 0, sec.Length) == 0)
                    {
                        how = MatchKind.Slash;
                        attachTargetStart = start + sec.Length;
                        return true;
                    }

                    return false;

                case SectionMatch.Plus:
                    // "type+": exactly "type" or "type/extras".
                    int len = e.Type.Length;
                    if (length < len || string.CompareOrdinal(name, start, sec, 0, len) != 0)
                    {
                        return false;
                    }

                    if (length == len)
                    {
                        how = MatchKind.Plus;
                        return true;
                    }

                    if (name[start + len] == '/')
                    {
                        how = MatchKind.Plus;
                        attachTargetStart = start + len + 1;
                        return true;
                    }

                    return false;

                case SectionMatch.LegacyPrefix when !strict:
                    // SEC_SLOPPY_PFX (and every entry before 0.6): any name that starts with the entry.
                    if (length >= sec.Length && string.CompareOrdinal(name, start, sec, 0, sec.Length) == 0)
                    {
                        how = length == sec.Length ? MatchKind.Exact : MatchKind.LegacyPrefix;
                        return true;
                    }

                    return false;

                default:
                    if (length == sec.Length && string.CompareOrdinal(name, start, sec, 0, sec.Length) == 0)
                    {
                        how = MatchKind.Exact;
                        return true;
                    }

                    return false;
            }
        }

        private static bool IsDeprecatedIn(SectionEntry e, ReleaseTable table) =>
            (e.Flags & SectionFlags.Deprecated) != 0 ||
            (table.HasTcx && (e.Section == "tc" || e.Section == "classifier" || e.Section == "action"));

        internal static string? CanonicalOf(in SectionResolution r)
        {
            SectionEntry? e = r.Entry;
            if (e is null)
            {
                return null;
            }

            string prefix = r.Name.Substring(0, r.NameStart);
            if (r.How == MatchKind.LegacyPrefix)
            {
                return prefix + e.Section;
            }

            if (e.Match == SectionMatch.Plus && r.AttachTargetStart == r.NameStart + r.NameLength)
            {
                return prefix + e.Type;
            }

            if (r.IsDeprecated && RenameOf(e, r.Libbpf) is string renamed)
            {
                return prefix + renamed;
            }

            return r.NameStart + r.NameLength < r.Name.Length ? r.Name.Substring(0, r.NameStart + r.NameLength) : r.Name;
        }

        internal static bool IsCanonical(in SectionResolution r)
        {
            SectionEntry e = r.Entry!;
            return r.How != MatchKind.LegacyPrefix &&
                   !(e.Match == SectionMatch.Plus && r.AttachTargetStart == r.NameStart + r.NameLength) &&
                   (!r.IsDeprecated || RenameOf(e, r.Libbpf) is null) &&
                   r.NameStart + r.NameLength == r.Name.Length;
        }

        /// <summary>The replacement of a renamed entry, when the target release has it.</summary>
        internal static string? RenameOf(SectionEntry e, LibbpfSetup libbpf)
        {
            foreach (KeyValuePair<string, string> rename in Renames)
            {
                if (rename.Key == e.Section && Resolve(rename.Value, libbpf).How == MatchKind.Exact)
                {
                    return rename.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The first release after the target that accepts the name without legacy prefix matching,
        /// or null: <c>tcx/ingress</c> needs 1.3, <c>kprobe.session</c> 1.5.
        /// </summary>
        public static LibbpfVersion? FirstReleaseAccepting(string name, LibbpfSetup libbpf)
        {
            for (int i = 0; i < SectionTable.ReleaseCount; i++)
            {
                LibbpfVersion v = SectionTable.Release(i);
                if (v <= libbpf.Version)
                {
                    continue;
                }

                SectionResolution r = ResolveProgram(name, new LibbpfSetup(v, LibbpfSetup.SupportsStrictMode(v)));
                if (r.IsMatch && r.How != MatchKind.LegacyPrefix)
                {
                    return v;
                }
            }

            return null;
        }
    }
}
