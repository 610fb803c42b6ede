using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Decides which rule, if any, a constant section name breaks under a target release. Pure logic over
    /// the section table: the analyzer reports what this returns, the code fixes apply its fixes.
    /// </summary>
    internal static class ProgramSectionRules
    {
        public const int MaxFixes = 3;

        /// <summary>Longest name quoted in a message; longer ones are cut with an ellipsis.</summary>
        private const int MaxDisplayLength = 80;

        /// <summary>libbpf 0.8 brought the 'type+' entries.</summary>
        private static readonly LibbpfVersion s_firstPlusRelease = new LibbpfVersion(0, 8);

        /// <summary>
        /// Before libbpf 0.8 (which brought 'type+' entries) a bare kernel-function or BTF type misses a 'type/' entry and
        /// its fix names the program ('kprobe' in do_unlinkat -> 'kprobe/do_unlinkat', SectionSuggester's MissedSlash):
        /// there a finding and its fixes are the program's own, and no per-name cache may hold them.
        /// </summary>
        public static bool FixesNameTheProgram(LibbpfSetup libbpf) => libbpf.Version < s_firstPlusRelease;

        /// <summary>
        /// Checks <paramref name="name"/> as the section of program <paramref name="programName"/>.
        /// Returns null when libbpf of the target loads it as written. Allocates nothing in that case.
        /// </summary>
        public static Finding? Check(string? name, string programName, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom, SuggestionCache? suggestions = null)
        {
            if (name is null)
            {
                return Malformed("is null", null, libbpf, suggestions);
            }

            if (Malformation(name) is string what)
            {
                // libbpf compares bytes: whitespace or a control character inside a type+ target still
                // loads (kprobe/foo\t), and an embedded NUL ends the C string (xdp\0x is xdp). Those
                // load, so they are not errors; everything else with such characters is unknown.
                SectionResolution loose = SectionResolver.ResolveProgram(name, libbpf, custom);
                if (!loose.IsMatch || loose.IsLegacyPrefix)
                {
                    return Malformed(what, name, libbpf, suggestions);
                }

                IReadOnlyList<string> cleanups = Fixes(name, libbpf, custom, programName, suggestions);
                return new Finding(
                    Rules.NonCanonicalSection,
                    new[] { libbpf.ToString(), Display(name), "it " + what, Display(cleanups.Count > 0 ? cleanups[0] : loose.Canonical!) },
                    cleanups);
            }

            if (DataSection(name) is string data)
            {
                return new Finding(Rules.DataSectionAsProgram, new[] { libbpf.ToString(), Display(name), data }, Array.Empty<string>());
            }

            SectionResolution r = SectionResolver.ResolveProgram(name, libbpf, custom);
            if (!r.IsMatch)
            {
                LibbpfVersion? first = SectionResolver.FirstReleaseAccepting(name, libbpf);
                if (first is LibbpfVersion newer)
                {
                    IReadOnlyList<string> newerFixes = Fixes(name, libbpf, custom, programName, suggestions);
                    if (SleepableVariants.Check(name, libbpf, custom) is SleepableVariantFinding plain)
                    {
                        // 'tp.s/sched/sched_switch' under 1.7 (tp.s is in main only): what loads with this release is the
                        // type's plain form, 'tp/sched/sched_switch', as BPF0018 offers; the table's nearest names come after.
                        newerFixes = Merged(plain.Fixes, newerFixes, libbpf, custom);
                    }

                    return new Finding(
                        Rules.SectionNeedsNewerLibbpf,
                        new[] { libbpf.ToString(), Display(name), newer.AsFirstNeeded, LoadFailure(name, programName, libbpf), SlashHint(name, libbpf, custom, newerFixes) ?? string.Empty },
                        newerFixes,
                        waivedBy: OnlyAboutType);
                }

                if (NoSleepableVariant(name, programName, libbpf, custom) is Finding sleepable)
                {
                    return sleepable;
                }

                IReadOnlyList<string> fixes = Fixes(name, libbpf, custom, programName, suggestions);
                string? declarable = fixes.Count == 0 ? CustomSectionFor(name, libbpf) : null;
                string tail = SlashHint(name, libbpf, custom, fixes) ?? (fixes.Count > 0 ? DidYouMean(fixes) : HowToDeclare(declarable, libbpf));
                return new Finding(
                    Rules.UnknownSection,
                    new[] { libbpf.ToString(), Display(name), LoadFailure(name, programName, libbpf), tail },
                    fixes,
                    waivedBy: OnlyAboutType,
                    customSection: declarable);
            }

            if (r.IsLegacyPrefix)
            {
                SectionEntry e = r.Entry!;
                IReadOnlyList<string> prefixFixes = Fixes(name, libbpf, custom, programName, suggestions);

                // xdp_devmap under 0.5 loads as plain xdp, but was meant for the entry 'xdp_devmap/'.
                string slash = SlashHint(name, libbpf, custom, prefixFixes) is string hint ? ", or, for what was meant," + hint.Substring(1) : string.Empty;
                return new Finding(
                    Rules.LegacyPrefixSection,
                    new[] { libbpf.ToString(), Display(name), r.Canonical!, e.ProgTypeName, slash },
                    prefixFixes,
                    waivedBy: OnlyAboutType);
            }

            if (r.IsDeprecated)
            {
                IReadOnlyList<string> fixes = Fixes(name, libbpf, custom, programName, suggestions);
                string use = fixes.Count == 0 ? "a current name" : Quoted(fixes, "or");
                if ((r.Entry!.Flags & SectionFlags.Deprecated) != 0)
                {
                    return new Finding(
                        Rules.DeprecatedSection,
                        new[] { libbpf.ToString(), Display(name), $"deprecated (libbpf prints \"{LibbpfMessages.Deprecated(Display(name))}\")", use },
                        fixes);
                }

                // libbpf 1.3+: SEC_DEF("tc", SCHED_CLS, 0, SEC_NONE), /* deprecated / legacy, use tcx */ -- a comment,
                // no flag and no message, and kernels before 6.6 have no tcx: a suggestion, not a warning.
                return new Finding(Rules.LegacySection, new[] { libbpf.ToString(), Display(name), use }, fixes);
            }

            if (!r.IsCanonical)
            {
                bool emptyTarget = r.AttachTargetStart >= 0 && r.AttachTarget!.Length == 0;

                // Where libbpf fails on the empty target (kprobe/: attach_kprobe() prints "kprobe name is invalid"; fentry/:
                // no kernel BTF type ''), that finding (BPF0012, BPF0016) says it all: one diagnostic, not two, and not one
                // that says the name loads. A loader that makes it moot (attaches in code, sets the target) leaves the name
                // loading, and then only its spelling is left to report (ProgramFindings.After).
                string canonical = r.Canonical!;
                string why = emptyTarget
                    ? "the attach target after '/' is empty"
                    : "it is not how libbpf spells it";
                return new Finding(
                    Rules.NonCanonicalSection,
                    new[] { libbpf.ToString(), Display(name), why, Display(canonical) },
                    new[] { canonical },
                    yieldsToAttachTarget: emptyTarget);
            }

            return null;
        }

        /// <summary>
        /// The findings that are only about the program type libbpf infers from the name are waived by a loader that calls
        /// <c>bpf_program__set_type()</c> before load. libbpf opens a program whose name it cannot type (1.x: "unrecognized
        /// ELF section name", at debug level; 0.x: "couldn't guess, but user might manually specify") and fails only at load
        /// with "missing BPF prog type" when the type is still unset: measured with libbpf 1.1.2, SEC("encap_gre") plus
        /// bpf_program__set_type() loads. Not waived: a data section (libbpf never makes a program of it), a deprecated or
        /// malformed name (libbpf reads the name all the same) and anything about the attach target.
        /// </summary>
        private const LoaderWaiver OnlyAboutType = LoaderWaiver.SetsType;

        /// <summary>The BPF0018 finding for a name that is unknown only because of its <c>.s</c>, or null.</summary>
        private static Finding? NoSleepableVariant(string name, string programName, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom)
        {
            SleepableVariantFinding? s = SleepableVariants.Check(name, libbpf, custom);
            if (s is null)
            {
                return null;
            }

            // s.Fixes: the plain form first ('kprobe/foo'), then the nearest sleepable types ('fentry.s/foo'); none that names
            // what no kernel can have ('raw_tp.s/sched/x' is not fixed to the raw tracepoint 'sched/x').
            var fixes = new List<string>();
            var quoted = new List<string>();
            for (int i = 0; i < s.Fixes.Count; i++)
            {
                if (!NamesWhatCannotExist(s.Fixes[i], libbpf, custom))
                {
                    fixes.Add(s.Fixes[i]);
                    quoted.Add("'" + Display(s.Fixes[i]) + "'" + (i == 0 ? $" ('{s.BaseType}' cannot sleep)" : " (sleepable)"));
                }
            }

            string use = quoted.Count == 0 ? $"'{s.BaseType}' ('{s.BaseType}' cannot sleep)" : string.Join(" or ", quoted);
            return new Finding(
                Rules.NoSleepableVariant,
                new[] { libbpf.ToString(), Display(name), s.Written, LoadFailure(name, programName, libbpf), use },
                fixes,
                waivedBy: OnlyAboutType);
        }

        /// <summary>What libbpf of the target prints when it fails to load the program.</summary>
        internal static string LoadFailure(string name, string programName, LibbpfSetup libbpf) =>
            string.Join("\" then \"", LibbpfMessages.UnknownSection(Display(name), libbpf.Version, programName));

        private static Finding Malformed(string what, string? name, LibbpfSetup libbpf, SuggestionCache? suggestions)
        {
            IReadOnlyList<string> fixes = name is null ? Array.Empty<string>() : Fixes(name, libbpf, null, null, suggestions);
            string subject = name is null ? what : $"'{Display(name)}' {what}";
            return new Finding(Rules.MalformedSectionName, new[] { libbpf.ToString(), subject }, fixes);
        }

        /// <summary>What makes a name malformed, or null. Scans once; allocates nothing for a clean name.</summary>
        internal static string? Malformation(string name)
        {
            if (name.Length == 0)
            {
                return "is empty";
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsControl(c))
                {
                    return "contains the control character " + CodePoint(c);
                }

                if (IsInvisible(c))
                {
                    return "contains the invisible character " + CodePoint(c);
                }
            }

            if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1]))
            {
                return "has leading or trailing whitespace";
            }

            return null;
        }

        private static bool IsInvisible(char c) => SectionNameCharacters.IsInvisible(c);

        private static string CodePoint(char c) => "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

        /// <summary>
        /// What an ELF section libbpf reads for itself holds, or null for any other name: the data sections of any release
        /// (<see cref="DataSections"/>), the BTF sections, and relocation sections (bpf_object__elf_collect()).
        /// </summary>
        internal static string? DataSection(string name)
        {
            if (DataSections.FindInAnyRelease(name) is DataSectionEntry entry)
            {
                return entry.Holds;
            }

            // Not data sections (no global lives there): libbpf reads the object's BTF from them (BTF_ELF_SEC, BTF_EXT_ELF_SEC).
            return name switch
            {
                ".BTF" => "BTF type information",
                ".BTF.ext" => "BTF line and function information",
                _ => name.StartsWith(".rel", StringComparison.Ordinal) ? "relocations" : null,
            };
        }

        private static IReadOnlyList<string> Fixes(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom, string? programName, SuggestionCache? suggestions)
        {
            // Custom sections are fixed per compilation, so whether they are consulted is all the key needs (callers pass
            // no cache where the fixes depend on the program: FixesNameTheProgram).
            bool withCustom = custom is { Count: > 0 };
            if (suggestions is not null && suggestions.TryGet(name, libbpf, withCustom, out IReadOnlyList<string> known))
            {
                return known;
            }

            var fixes = new List<string>();
            foreach (SectionSuggestion s in SectionSuggester.Suggest(name, libbpf, custom, MaxFixes + 2, programName))
            {
                // A fix must not need fixing again: 'kprobe/x \0' loads as 'kprobe/x ', which is no cleaner; nor may it name
                // what no kernel can have ('tp.s/sched/x' read with its '.' as a '/' is the tracepoint 's/sched/x').
                if (fixes.Count < MaxFixes && Malformation(s.Name) is null && !NamesWhatCannotExist(s.Name, libbpf, custom))
                {
                    fixes.Add(s.Name);
                }
            }

            suggestions?.Add(name, libbpf, withCustom, fixes);
            return fixes;
        }

        /// <summary>True when the name's attach target is one no kernel can have (BPF0016, BPF0022): never a fix.</summary>
        private static bool NamesWhatCannotExist(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom) =>
            AttachTargetFindings.Check(name, libbpf, LibbpfMessages.ProgramPlaceholder, custom) is { Rule: var r } && (r == Rules.NoSuchTracepoint || r == Rules.BtfAttachTargetInvalid);

        /// <summary><paramref name="first"/>, then what <paramref name="then"/> adds, at most <see cref="MaxFixes"/>, none impossible.</summary>
        private static IReadOnlyList<string> Merged(IReadOnlyList<string> first, IReadOnlyList<string> then, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom)
        {
            var merged = new List<string>(MaxFixes);
            foreach (IReadOnlyList<string> list in new[] { first, then })
            {
                foreach (string fix in list)
                {
                    if (merged.Count < MaxFixes && !merged.Contains(fix) && !NamesWhatCannotExist(fix, libbpf, custom))
                    {
                        merged.Add(fix);
                    }
                }
            }

            return merged;
        }

        /// <summary>
        /// For a name that misses a <c>type/</c> entry only by its slash (the seed's <c>user</c> under
        /// <c>user/</c>), what libbpf needs, then the suggestions; null for other names.
        /// </summary>
        private static string? SlashHint(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry>? custom, IReadOnlyList<string> fixes)
        {
            if (SectionSuggester.FindMissedSlash(name, libbpf, custom) is not MissedSlash missed)
            {
                return null;
            }

            SectionEntry e = missed.Entry;
            string whose = e.IsCustom ? $"the custom section '{e.Section}'" : $"libbpf {libbpf.Version}'s entry '{e.Section}'";
            string after = missed.Needs switch
            {
                SlashTarget.KernelFunction => "the kernel function to probe",
                SlashTarget.BtfTarget => "the BTF attach target, which libbpf looks up at load",
                SlashTarget.Tracepoint => "the tracepoint's category and name",
                SlashTarget.RawTracepoint => "the raw tracepoint's name",
                _ => string.Empty,
            };
            string needs = after.Length == 0
                ? "libbpf needs the '/', though what follows it may be empty"
                : $"libbpf needs the '/' and {after} after it ('{missed.Shape}')";
            return $"; {whose} matches only names that start with '{e.Section}', so {needs}{DidYouMean(fixes)}";
        }

        /// <summary>
        /// The custom section that would make libbpf load <paramref name="name"/>, <c>type+</c>, when the release
        /// can register one (<c>libbpf_register_prog_handler()</c>, 0.8+); null otherwise.
        /// </summary>
        private static string? CustomSectionFor(string name, LibbpfSetup libbpf)
        {
            if (libbpf.Version < LibbpfVersion.V0_8)
            {
                return null;
            }

            // libbpf strips a leading '?' (do not autoload) before it looks the name up.
            string body = name.Length > 0 && name[0] == '?' ? name.Substring(1) : name;
            int slash = body.IndexOf('/');
            string type = slash < 0 ? body : body.Substring(0, slash);
            string section = type + "+";

            // Only a declaration that makes this very name load (custom sections are tried first).
            return type.Length > 0 && type.IndexOf('+') < 0 && SectionEntry.TryCreateCustom(section, null, out SectionEntry? entry) &&
                   SectionResolver.ResolveProgram(name, libbpf, new[] { entry! }).Entry == entry
                ? section
                : null;
        }

        /// <summary>How a program type the loader registers itself is declared, or why the release cannot.</summary>
        private static string HowToDeclare(string? declarable, LibbpfSetup libbpf)
        {
            if (libbpf.Version < LibbpfVersion.V0_8)
            {
                return $"; libbpf {libbpf.Version} cannot register program types (libbpf_register_prog_handler() came in libbpf 0.8): the loader must set the type with bpf_program__set_type()";
            }

            return declarable is null
                ? string.Empty
                : $"; if your loader registers '{Display(declarable)}' with libbpf_register_prog_handler(), declare it: [assembly: BpfCustomSection(\"{Display(declarable)}\")]";
        }

        private static string DidYouMean(IReadOnlyList<string> fixes) =>
            fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes, "or") + "?";

        private static string Quoted(IReadOnlyList<string> names, string conjunction)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < names.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(i == names.Count - 1 ? " " + conjunction + " " : ", ");
                }

                sb.Append('\'').Append(Display(names[i])).Append('\'');
            }

            return sb.ToString();
        }

        /// <summary>A name as a message quotes it: control characters escaped, long names cut.</summary>
        internal static string Display(string name)
        {
            var sb = new StringBuilder(Math.Min(name.Length, MaxDisplayLength) + 8);
            for (int i = 0; i < name.Length; i++)
            {
                if (sb.Length >= MaxDisplayLength)
                {
                    sb.Append("…");
                    break;
                }

                char c = name[i];
                if (char.IsControl(c) || IsInvisible(c))
                {
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }
    }
}
