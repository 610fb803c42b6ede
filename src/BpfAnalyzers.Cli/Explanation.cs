using System.Collections.Generic;
using System.Globalization;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>What the program or member does in code and what it is, as the analyzer reads it from C#.</summary>
    internal sealed record ExplainRequest(
        string Name,
        LibbpfSetup Libbpf,
        bool Data,
        string Program,
        bool ProgramGiven,
        IReadOnlyList<string> CustomSections,
        LoaderWaiver Loader,
        string Variable,
        string? Type,
        bool ReadOnly,
        IReadOnlyList<BpfAnalyzers.Kernel.KernelProfile>? Kernels = null);

    /// <summary>A descriptive fact about the name (not a judgement): <see cref="Label"/> in text, <see cref="Key"/> in JSON.</summary>
    internal sealed record Fact(string Label, string Key, object? Value, string Text);

    /// <summary>An engine finding and what it is about: the name (<see cref="Section"/> is the name) or a <c>--custom</c> section.</summary>
    internal sealed record ShownFinding(Finding Finding, string Subject, string Section);

    /// <summary>
    /// Everything <c>explain</c> says about one name under one libbpf: descriptive facts (the entry libbpf matches and
    /// how, the types, the attach target), the findings of the check engine (<see cref="SectionChecker"/>, exactly what
    /// the analyzer reports for the same name, program and loader) and, apart from them, notes about other releases.
    /// Only findings count in the exit code.
    /// </summary>
    internal sealed class Explanation
    {
        public const string NameSubject = "name";
        public const string CustomSubject = "custom";

        private Explanation(ExplainRequest request, IReadOnlyList<Fact> facts, IReadOnlyList<ShownFinding> findings, IReadOnlyList<string> notes)
        {
            Request = request;
            Facts = facts;
            Findings = findings;
            Notes = notes;
        }

        public ExplainRequest Request { get; }

        public IReadOnlyList<Fact> Facts { get; }

        public IReadOnlyList<ShownFinding> Findings { get; }

        public IReadOnlyList<string> Notes { get; }

        /// <summary>The worst severity found, or null when the name has no finding.</summary>
        public FindingSeverity? Worst
        {
            get
            {
                FindingSeverity? worst = null;
                foreach (ShownFinding f in Findings)
                {
                    if (worst is null || f.Finding.Severity > worst)
                    {
                        worst = f.Finding.Severity;
                    }
                }

                return worst;
            }
        }

        /// <summary>By the analyzer's severities: 1 for any error, 3 for any warning, 0 for info only or nothing.</summary>
        public int ExitCode => Worst switch
        {
            FindingSeverity.Error => ExitCodes.Errors,
            FindingSeverity.Warning => ExitCodes.Warnings,
            _ => ExitCodes.Ok,
        };

        /// <summary><c>error</c>, <c>warning</c>, <c>info</c> or <c>clean</c>.</summary>
        public string Result => Worst is FindingSeverity worst ? Severity(worst) : "clean";

        public static Explanation For(ExplainRequest request)
        {
            // As the analyzer does with [assembly: BpfCustomSection]: each valid section becomes an entry tried before the
            // table (CustomSections.Read), and each bad one is a finding of its own (CustomSections.Check).
            var declarations = new List<(string? Section, string? ProgType)>();
            var findings = new List<ShownFinding>();
            foreach (string section in request.CustomSections)
            {
                declarations.Add((section, null));
                if (SectionChecker.CheckCustomSection(section, request.Libbpf) is Finding bad)
                {
                    findings.Add(new ShownFinding(bad, CustomSubject, section));
                }
            }

            IReadOnlyList<SectionEntry> custom = SectionEntry.CustomEntries(declarations);

            var checker = new SectionChecker(custom, request.Kernels);
            var notes = new List<string>();
            IReadOnlyList<Fact> facts = request.Data
                ? DataFacts(request, checker, findings, notes)
                : ProgramFacts(request, custom, checker, findings, notes);

            if (!request.ProgramGiven && Quotes(findings, "'" + request.Program + "'"))
            {
                notes.Add($"'{request.Program}' in the messages stands for the program's C function name (--program NAME).");
            }

            if (request.Data && request.Variable == DataSectionChecker.VariablePlaceholder && Quotes(findings, "'" + request.Variable + "'"))
            {
                notes.Add($"'{request.Variable}' in the messages stands for the member's C name (--variable NAME).");
            }

            return new Explanation(request, facts, findings, notes);
        }

        private static bool Quotes(List<ShownFinding> findings, string quoted)
        {
            foreach (ShownFinding f in findings)
            {
                if (f.Finding.Message.Contains(quoted, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static IReadOnlyList<Fact> ProgramFacts(ExplainRequest request, IReadOnlyList<SectionEntry> custom, SectionChecker checker, List<ShownFinding> findings, List<string> notes)
        {
            string name = request.Name;
            LibbpfSetup libbpf = request.Libbpf;
            foreach (Finding f in checker.CheckProgram(name, libbpf, request.Program).After(request.Loader))
            {
                findings.Add(new ShownFinding(f, NameSubject, name));
            }

            SectionResolution r = SectionResolver.ResolveProgram(name, libbpf, custom);
            var facts = new List<Fact>();
            if (r.NameStart > 0)
            {
                notes.Add($"The leading '?' only turns autoload off (libbpf 0.8 and later strip it when they open the object); the section is '{name.Substring(r.NameStart)}'.");
            }

            if (r.Entry is not SectionEntry e)
            {
                facts.Add(new Fact("entry", "entry", null, "none"));
                AddOtherReleaseNotes(name, libbpf, notes);
                return facts;
            }

            int index = IndexOf(SectionTable.For(libbpf.Version), e);
            string place = index >= 0
                ? $"#{(index + 1).ToString(CultureInfo.InvariantCulture)} of {SectionTable.For(libbpf.Version).Count.ToString(CultureInfo.InvariantCulture)} in libbpf {libbpf.Version}'s table; the first match wins"
                : "a custom section (--custom), tried before the table";
            facts.Add(new Fact("entry", "entry", e.Section, $"{e.Section} ({place})"));
            string how = HowMatched(r, e);
            facts.Add(new Fact("matched", "matched", how, how));
            facts.Add(new Fact("program type", "programType", e.ProgTypeName, $"{e.ProgTypeName} ({e.ProgType})"));
            facts.Add(new Fact("attach type", "attachType", e.AttachType == "0" ? null : e.AttachTypeName, e.AttachType == "0" ? "none (0)" : $"{e.AttachTypeName} ({e.AttachType})"));
            facts.Add(new Fact("attach target", "attachTarget", r.AttachTarget, r.AttachTarget is null ? "none" : r.AttachTarget.Length == 0 ? "empty" : r.AttachTarget));
            facts.Add(new Fact("canonical", "canonical", r.Canonical, r.Canonical ?? string.Empty));
            facts.Add(new Fact("deprecated", "deprecated", r.IsDeprecated, r.IsDeprecated ? "yes" : "no"));
            return facts;
        }

        private static IReadOnlyList<Fact> DataFacts(ExplainRequest request, SectionChecker checker, List<ShownFinding> findings, List<string> notes)
        {
            DataMember member = CSharpMemberTypes.Describe(request.Variable, request.Type, request.ReadOnly, request.ProgramGiven ? request.Program : null);
            DataFindings found = checker.CheckData(request.Name, request.Libbpf, member);
            if (found.Finding is Finding finding)
            {
                findings.Add(new ShownFinding(finding, NameSubject, request.Name));
                if (finding.Rule == Rules.SkippedDataSectionUnused &&
                    checker.CheckData(request.Name, request.Libbpf, CSharpMemberTypes.Describe(request.Variable, request.Type, request.ReadOnly, request.Program)).Finding is Finding used)
                {
                    notes.Add($"If a program uses '{request.Variable}' (--program NAME), it is {used.Id} ({Severity(used.Severity)}): {used.Message}");
                }
            }
            else if (found.UsesFail is DataSectionEntry kept &&
                     SectionChecker.UseOfUnmappedGlobal(kept, request.Variable, request.Program, request.Libbpf) is Finding use)
            {
                // The analyzer reports this at each use of the member in a program, not at the member: a note here.
                notes.Add($"A program that uses '{request.Variable}' gets {use.Id} ({Severity(use.Severity)}) at the use: {use.Message}");
            }

            var facts = new List<Fact>
            {
                new Fact("kind", "kind", "data", "data section (a global or map)"),
                found.Entry is DataSectionEntry e
                    ? new Fact("entry", "entry", e.Display, $"{e.Display} ({(e.Match == DataSectionMatch.Exact ? "exact" : "prefix")}, read from libbpf {e.FirstRelease}{(e.LastRelease is LibbpfVersion last ? " to " + last : string.Empty)})")
                    : new Fact("entry", "entry", null, "none"),
            };
            if (request.Type is not null)
            {
                facts.Add(new Fact("type", "type", member.TypeName, $"{member.TypeName} ({member.Shape.ToString().ToLowerInvariant()}{(member.ByteSize is int size ? ", " + size.ToString(CultureInfo.InvariantCulture) + " bytes" : string.Empty)})"));
            }

            return facts;
        }

        public static string Severity(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => "error",
            FindingSeverity.Warning => "warning",
            _ => "info",
        };

        /// <summary>Other releases, when this one has no entry: facts about libbpf's history, not findings.</summary>
        private static void AddOtherReleaseNotes(string name, LibbpfSetup libbpf, List<string> notes)
        {
            LibbpfVersion version = libbpf.Version;
            if (libbpf.StrictSectionNames && version < LibbpfVersion.V1_0 &&
                SectionResolver.ResolveProgram(name, new LibbpfSetup(version)) is { IsLegacyPrefix: true, Entry: SectionEntry sloppy })
            {
                notes.Add($"Without LIBBPF_STRICT_SEC_NAME, libbpf {version} accepts it by legacy prefix matching, as '{sloppy.Section}'.");
            }

            if (SectionResolver.FirstReleaseAccepting(name, libbpf) is LibbpfVersion newer)
            {
                notes.Add(newer.IsMain
                    ? "No release accepts it yet, only libbpf's main branch (--libbpf main)."
                    : $"libbpf {newer} is the first release that accepts it.");
            }

            IReadOnlyList<LibbpfVersion> releases = SectionTable.Releases;
            for (int i = releases.Count - 1; i >= 0; i--)
            {
                if (releases[i] < version && SectionResolver.ResolveProgram(name, new LibbpfSetup(releases[i])) is { IsMatch: true } then)
                {
                    string how = then.IsLegacyPrefix ? $"by legacy prefix matching, as '{then.Entry!.Section}'" : $"as '{then.Entry!.Section}'";
                    notes.Add($"libbpf {releases[i]} was the last release before {version} to accept it ({how}).");
                    break;
                }
            }
        }

        private static int IndexOf(IReadOnlyList<SectionEntry> table, SectionEntry entry)
        {
            for (int i = 0; i < table.Count; i++)
            {
                if (ReferenceEquals(table[i], entry))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string HowMatched(in SectionResolution r, SectionEntry e) => r.How switch
        {
            MatchKind.Exact => $"exactly '{e.Section}'",
            MatchKind.Plus when r.AttachTarget is null => $"the bare type of the 'type+' entry '{e.Section}'",
            MatchKind.Plus when r.AttachTarget.Length == 0 => $"'{e.Type}/' with an empty attach target, by the 'type+' entry '{e.Section}'",
            MatchKind.Plus => $"'{e.Type}/' and an attach target, by the 'type+' entry '{e.Section}'",
            MatchKind.Slash when r.AttachTarget?.Length == 0 => $"'{e.Section}' with an empty attach target, by the 'type/' entry '{e.Section}'",
            MatchKind.Slash => $"'{e.Section}' and an attach target, by the 'type/' entry '{e.Section}'",
            MatchKind.LegacyPrefix => $"legacy prefix: the name starts with '{e.Section}'",
            _ => e.Section,
        };
    }
}
