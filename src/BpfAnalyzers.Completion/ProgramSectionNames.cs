using System;
using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// The program section names worth typing for a libbpf release: every entry of its <c>section_defs[]</c>
    /// as it should be written (exact names as they are, <c>type/</c> for the types that take an attach
    /// target), minus what that release deprecates (<c>SEC_DEPRECATED</c>, and <c>tc</c>/<c>classifier</c>/
    /// <c>action</c> once tcx exists, 1.3), plus the project's <c>[assembly: BpfCustomSection]</c> types (0.8+).
    /// </summary>
    internal static class ProgramSectionNames
    {
        public static IReadOnlyList<SectionName> For(LibbpfSetup libbpf, IReadOnlyList<SectionEntry> custom)
        {
            var names = new List<SectionName>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IReadOnlyList<SectionEntry> table = SectionTable.For(libbpf.Version);

            // libbpf_register_prog_handler() exists from 0.8; before, the analyzer ignores custom sections too.
            if (libbpf.Version >= LibbpfVersion.V0_8)
            {
                foreach (SectionEntry e in custom)
                {
                    foreach (string name in Written(e))
                    {
                        if (seen.Add(name))
                        {
                            names.Add(new SectionName(name, Describe(name, e, libbpf, custom: true), "custom"));
                        }
                    }
                }
            }

            foreach (SectionEntry e in table)
            {
                foreach (string name in Written(e))
                {
                    if (!seen.Contains(name) && IsOffered(name, e, libbpf) && seen.Add(name))
                    {
                        names.Add(new SectionName(name, Describe(name, e, libbpf, custom: false), e.ProgTypeName));
                    }
                }
            }

            return names;
        }

        /// <summary>
        /// True when <paramref name="typed"/> already runs past the slash of a type whose target is free text
        /// (<c>kprobe/</c>, <c>uprobe/</c>, <c>tp/</c>, a custom <c>user/</c>): what follows is a kernel or binary
        /// symbol, which an editor cannot know, so nothing is offered there.
        /// </summary>
        public static bool IsInAttachTarget(string typed, LibbpfSetup libbpf, IReadOnlyList<SectionEntry> custom)
        {
            int slash = typed.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }

            string type = typed.Substring(0, slash);
            foreach (SectionEntry e in SectionTable.For(libbpf.Version))
            {
                if ((e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash) && e.Type == type)
                {
                    return true;
                }
            }

            foreach (SectionEntry e in custom)
            {
                if ((e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash) && e.Type == type)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How the entry is written in a <c>SEC()</c>: <c>xdp</c>; <c>kprobe/</c> for <c>kprobe+</c>.</summary>
        private static IEnumerable<string> Written(SectionEntry e)
        {
            switch (e.Match)
            {
                case SectionMatch.Plus:
                    bool known = TryGetTarget(e, out var target);
                    if (known || e.IsCustom)
                    {
                        yield return e.Type + "/";
                    }

                    // A bare type+ loads as is; offered when its target is optional, or when nothing is known of one.
                    if (!known || target.BareToo)
                    {
                        yield return e.Type;
                    }

                    break;
                default:
                    yield return e.Section;
                    break;
            }
        }

        /// <summary>
        /// The name resolves to this very entry (no earlier entry shadows it, libbpf's first match wins),
        /// as written, and the release does not deprecate it. <c>type/</c> with the target still to type counts.
        /// </summary>
        private static bool IsOffered(string name, SectionEntry e, LibbpfSetup libbpf)
        {
            SectionResolution r = SectionResolver.ResolveProgram(name, libbpf);
            return ReferenceEquals(r.Entry, e) && !r.IsDeprecated && !r.IsLegacyPrefix &&
                   (r.IsCanonical || name[name.Length - 1] == '/');
        }

        /// <summary>What goes after the slash of <paramref name="e"/>'s type: its attach function's hint (<see cref="AttachFunction.HintOf"/>).</summary>
        private static bool TryGetTarget(SectionEntry e, out AttachTargetHint target)
        {
            AttachTargetHint? hint = e.IsCustom ? null : AttachFunction.HintOf(e);
            target = hint.GetValueOrDefault();
            return hint.HasValue;
        }

        private static string Describe(string name, SectionEntry e, LibbpfSetup libbpf, bool custom)
        {
            string attach = e.AttachType == "0" ? "none" : e.AttachTypeName;
            string head = !custom && TryGetTarget(e, out var t)
                ? t.Form + "\n" + t.Meaning
                : e.Match == SectionMatch.Slash || (e.Match == SectionMatch.Plus && name[name.Length - 1] == '/')
                    ? e.Type + "/..." + (custom ? "\nthe text after '/' is for the loader's handler" : "\nlibbpf reads only the type; the text after '/' is yours")
                    : name;
            string sleepable = (e.Flags & SectionFlags.Sleepable) != 0 && head.IndexOf("sleepable", StringComparison.Ordinal) < 0 ? "\nsleepable" : "";
            string origin = custom
                ? "custom section ([assembly: BpfCustomSection(\"" + e.Section + "\")]), registered with libbpf_register_prog_handler()"
                : "libbpf " + libbpf.Version.ToString();
            return head + sleepable + "\nprogram type: " + e.ProgTypeName + ", attach type: " + attach + "\n" + origin;
        }
    }
}
