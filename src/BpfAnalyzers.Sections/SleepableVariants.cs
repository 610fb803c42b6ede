using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// A name written as the sleepable (<c>.s</c>) form of a type that has none in the target release:
    /// <c>kprobe.s/do_sys_open</c>, <c>xdp.s</c>.
    /// </summary>
    public sealed class SleepableVariantFinding
    {
        internal SleepableVariantFinding(string written, string baseType, int start, IReadOnlyList<string> fixes)
        {
            Written = written;
            BaseType = baseType;
            Start = start;
            Fixes = fixes;
        }

        /// <summary>The type as written: <c>kprobe.s</c>.</summary>
        public string Written { get; }

        /// <summary>The type without <c>.s</c>, which the release has: <c>kprobe</c>.</summary>
        public string BaseType { get; }

        /// <summary>Where <c>.s</c> is in the name (two characters).</summary>
        public int Start { get; }

        /// <summary>The name without <c>.s</c>, then the nearest sleepable type that exists, if any.</summary>
        public IReadOnlyList<string> Fixes { get; }
    }

    /// <summary>
    /// Finds names that only lack a table entry because the type has no sleepable variant. libbpf marks
    /// sleepable programs by entry (<c>SEC_SLEEPABLE</c>: <c>fentry.s+</c>, <c>uprobe.s+</c>, <c>lsm.s+</c>, ...);
    /// there is no generic <c>.s</c> suffix, so <c>kprobe.s/f</c> is simply unknown.
    /// </summary>
    public static class SleepableVariants
    {
        // Types with no sleepable form, and the sleepable type closest in what it attaches to.
        private static readonly KeyValuePair<string, string>[] s_nearest =
        {
            new KeyValuePair<string, string>("kprobe", "fentry.s"),
            new KeyValuePair<string, string>("kretprobe", "fexit.s"),
        };

        /// <summary>
        /// The finding when <paramref name="name"/> is unknown only because of its <c>.s</c>; null otherwise,
        /// including when <c>.s</c> is merely in the wrong place (<c>uprobe.s.multi</c>) and a spelling
        /// with it exists.
        /// </summary>
        public static SleepableVariantFinding? Check(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? customSections = null)
        {
            int start = libbpf.SupportsNoAutoload && name.Length > 0 && name[0] == '?' ? 1 : 0;
            int slash = name.IndexOf('/', start);
            int typeEnd = slash < 0 ? name.Length : slash;
            int dot = -1;
            for (int i = start + 1; i + 1 < typeEnd; i++)
            {
                if (name[i] == '.' && name[i + 1] == 's' && (i + 2 == typeEnd || name[i + 2] == '.'))
                {
                    dot = i;
                    break;
                }
            }

            if (dot < 0 || SectionResolver.ResolveProgram(name, libbpf, customSections).IsMatch)
            {
                return null;
            }

            string without = name.Remove(dot, 2);
            SectionResolution r = SectionResolver.ResolveProgram(without, libbpf, customSections);
            if (!r.IsMatch || r.IsLegacyPrefix)
            {
                return null;
            }

            string baseType = without.Substring(start, typeEnd - 2 - start);
            string moved = name.Substring(0, start) + baseType + ".s" + name.Substring(typeEnd);
            if (moved != name && SectionResolver.ResolveProgram(moved, libbpf, customSections).IsMatch)
            {
                return null;
            }

            var fixes = new List<string> { without };
            foreach (KeyValuePair<string, string> near in s_nearest)
            {
                if (near.Key != baseType)
                {
                    continue;
                }

                // fentry.s/fexit.s take the kernel function alone: keep the leading identifier of the target.
                int end = typeEnd + 1;
                while (end < name.Length && CScanf.IsSymbolChar(name[end]) && name[end] != '.')
                {
                    end++;
                }

                string alternative = name.Substring(0, start) + near.Value + (end > typeEnd + 1 ? "/" + name.Substring(typeEnd + 1, end - typeEnd - 1) : string.Empty);
                SectionResolution alt = SectionResolver.ResolveProgram(alternative, libbpf, customSections);
                if (alt.IsMatch && !alt.IsLegacyPrefix)
                {
                    fixes.Add(alternative);
                }
            }

            return new SleepableVariantFinding(name.Substring(start, typeEnd - start), baseType, dot, fixes);
        }
    }
}
