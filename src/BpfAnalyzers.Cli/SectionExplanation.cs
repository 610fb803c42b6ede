using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    internal enum FindingSeverity
    {
        /// <summary>Worth knowing; libbpf loads the program as written.</summary>
        Note,

        /// <summary>libbpf loads the program, but the name should change.</summary>
        Warning,

        /// <summary>libbpf refuses the program.</summary>
        Error,
    }

    /// <summary>One thing to say about a name; <see cref="LibbpfSays"/> is what libbpf itself prints, if anything.</summary>
    internal sealed record Finding(FindingSeverity Severity, string Text, IReadOnlyList<string> LibbpfSays);

    /// <summary>
    /// Everything <c>explain</c> says about one section name under one libbpf: what libbpf makes of it
    /// when it opens the object (<see cref="SectionResolver.ResolveProgram"/>: a leading <c>?</c> is
    /// stripped from 0.8), what is wrong with it, and what to write instead.
    /// </summary>
    internal sealed class SectionExplanation
    {
        private static readonly string[] s_nothing = new string[0];

        private SectionExplanation(string name, SectionTarget target, SectionResolution resolution, int entryIndex, IReadOnlyList<Finding> findings, IReadOnlyList<SectionSuggestion> suggestions)
        {
            Name = name;
            Target = target;
            Resolution = resolution;
            EntryIndex = entryIndex;
            Findings = findings;
            Suggestions = suggestions;
        }

        public string Name { get; }

        public SectionTarget Target { get; }

        public SectionResolution Resolution { get; }

        /// <summary>The entry's place in the release's table (libbpf tries them in this order), or -1.</summary>
        public int EntryIndex { get; }

        public IReadOnlyList<Finding> Findings { get; }

        public IReadOnlyList<SectionSuggestion> Suggestions { get; }

        public int ExitCode
        {
            get
            {
                int code = ExitCodes.Ok;
                foreach (Finding f in Findings)
                {
                    if (f.Severity == FindingSeverity.Error)
                    {
                        return ExitCodes.Rejected;
                    }

                    if (f.Severity == FindingSeverity.Warning)
                    {
                        code = ExitCodes.Warnings;
                    }
                }

                return code;
            }
        }

        public static SectionExplanation For(string name, SectionTarget target, int maxSuggestions = 5)
        {
            SectionResolution r = SectionResolver.ResolveProgram(name, target);
            var findings = new List<Finding>();
            string section = name.Substring(r.NameStart);

            if (r.NameStart > 0)
            {
                findings.Add(Note($"The leading '?' only turns autoload off (libbpf 0.8 and later strip it when they open the object); the section is '{section}'."));
            }

            int index = -1;
            if (r.Entry is SectionEntry entry)
            {
                IReadOnlyList<SectionEntry> table = SectionTable.For(target.Version);
                for (int i = 0; i < table.Count; i++)
                {
                    if (ReferenceEquals(table[i], entry))
                    {
                        index = i;
                        break;
                    }
                }

                AddMatchedFindings(r, entry, section, findings);
            }
            else
            {
                AddUnknownFindings(name, section, target, findings);
            }

            return new SectionExplanation(name, target, r, index, findings, SectionSuggester.Suggest(name, target, null, maxSuggestions));
        }

        private static void AddMatchedFindings(in SectionResolution r, SectionEntry entry, string section, List<Finding> findings)
        {
            LibbpfVersion version = r.Target.Version;
            string? canonical = r.Canonical;
            bool saidHowToWrite = false;

            if (r.IsLegacyPrefix)
            {
                string strictHint = SectionTarget.SupportsStrictMode(version)
                    ? " and so does this release under libbpf_set_strict_mode(LIBBPF_STRICT_SEC_NAME)"
                    : string.Empty;
                findings.Add(Warning(
                    $"Only legacy prefix matching accepts it: the name starts with '{entry.Section}', so libbpf {version} reads it as '{entry.Section}'. " +
                    $"libbpf 1.0 and later reject it{strictHint}. Write '{canonical}'."));
                saidHowToWrite = true;
            }

            if (r.IsDeprecated)
            {
                if ((entry.Flags & SectionFlags.Deprecated) != 0)
                {
                    string instead = canonical is not null && canonical != r.Name ? $" Write '{canonical}'." : string.Empty;
                    findings.Add(new Finding(
                        FindingSeverity.Warning,
                        $"'{entry.Section}' is deprecated in libbpf {version}; libbpf warns when it loads the program.{instead}",
                        new[] { LibbpfMessages.Deprecated(section) }));
                }
                else
                {
                    // libbpf 1.3 marks tc, classifier and action "deprecated / legacy, use tcx" in a comment only.
                    string renamed = canonical is not null && canonical != r.Name ? $" Its plain new name is '{canonical}'." : string.Empty;
                    findings.Add(Warning(
                        $"'{entry.Section}' is legacy from libbpf 1.3 on: use tcx ('tcx/ingress' or 'tcx/egress'). libbpf prints nothing about it.{renamed}"));
                }

                saidHowToWrite |= canonical != r.Name;
            }

            if (!r.IsCanonical && !saidHowToWrite)
            {
                string why =
                    r.NameStart + r.NameLength < r.Name.Length ? "libbpf reads a section name only up to its NUL character" :
                    entry.Match == SectionMatch.Plus && r.AttachTarget?.Length == 0 ? $"nothing follows the '/', so libbpf reads it as the bare '{entry.Type}'" :
                    $"libbpf reads it as '{canonical}'";
                findings.Add(Warning($"Not canonical: {why}. Write '{canonical}'."));
            }

            if ((entry.Flags & SectionFlags.AttachBtf) != 0 && string.IsNullOrEmpty(r.AttachTarget))
            {
                // libbpf_prepare_prog_load(): SEC("fentry") needs bpf_program__set_attach_target() before load.
                IReadOnlyList<string> says = r.AttachTarget is null && version >= LibbpfMessages.NoBtfAttachTargetSince
                    ? new[] { LibbpfMessages.NoBtfAttachTarget() }
                    : s_nothing;
                findings.Add(new Finding(
                    FindingSeverity.Warning,
                    $"'{entry.Type}' needs a BTF attach target: the kernel function or type after the '/' ({entry.Type}/TARGET), " +
                    "or bpf_program__set_attach_target() in the loader before load; without one libbpf fails to load it.",
                    says));
            }
        }

        private static void AddUnknownFindings(string name, string section, SectionTarget target, List<Finding> findings)
        {
            LibbpfVersion version = target.Version;
            findings.Add(new Finding(
                FindingSeverity.Error,
                $"libbpf {version} has no entry for this name, so it cannot tell the program type and fails to load the program " +
                $"(unless the loader sets the type with bpf_program__set_type()). '{LibbpfMessages.ProgramPlaceholder}' below stands for the program's C function name.",
                LibbpfMessages.UnknownSection(section, version)));

            if (!target.SupportsNoAutoload && name.Length > 1 && name[0] == '?' &&
                SectionResolver.ResolveProgram(name.Substring(1), target).IsMatch)
            {
                findings.Add(Note($"A leading '?' (do not autoload) needs libbpf 0.8; libbpf {version} reads it as part of the name."));
            }

            if (target.StrictSectionNames && version < LibbpfVersion.V1_0 &&
                SectionResolver.ResolveProgram(name, new SectionTarget(version)) is { IsLegacyPrefix: true, Entry: SectionEntry sloppy })
            {
                findings.Add(Note($"Without LIBBPF_STRICT_SEC_NAME, libbpf {version} accepts it by legacy prefix matching, as '{sloppy.Section}'."));
            }

            // Before 0.8 libbpf's bare types were 'type/' entries: SEC("kprobe") needed SEC("kprobe/FUNCTION").
            if (SectionSuggester.FindMissedSlash(name, target) is MissedSlash missed)
            {
                findings.Add(Note($"libbpf {version}'s entry '{missed.Entry.Section}' matches only names that start with '{missed.Entry.Section}': write '{missed.Shape}'."));
            }

            if (SectionResolver.FirstReleaseAccepting(name, target) is LibbpfVersion newer)
            {
                findings.Add(Note(newer.IsMain
                    ? "Needs libbpf main (not yet released): no release accepts it yet, only libbpf's main branch (--libbpf main)."
                    : $"Needs a newer libbpf: {newer} is the first release that accepts it."));
            }

            if (LastEarlierReleaseAccepting(name, version) is (LibbpfVersion older, SectionResolution then))
            {
                string how = then.IsLegacyPrefix ? $"by legacy prefix matching, as '{then.Entry!.Section}'" : $"as '{then.Entry!.Section}'";
                findings.Add(Note($"libbpf {older} was the last release before {version} to accept it ({how})."));
            }
        }

        private static (LibbpfVersion, SectionResolution)? LastEarlierReleaseAccepting(string name, LibbpfVersion version)
        {
            IReadOnlyList<LibbpfVersion> releases = SectionTable.Releases;
            for (int i = releases.Count - 1; i >= 0; i--)
            {
                if (releases[i] < version && SectionResolver.ResolveProgram(name, new SectionTarget(releases[i])) is { IsMatch: true } r)
                {
                    return (releases[i], r);
                }
            }

            return null;
        }

        private static Finding Warning(string text) => new(FindingSeverity.Warning, text, s_nothing);

        private static Finding Note(string text) => new(FindingSeverity.Note, text, s_nothing);
    }
}
