using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using BpfAnalyzers.Kernel;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The one check engine: given a section name, what it decorates (a program or a global), the target libbpf and what
    /// the loader does in code, it returns every finding: rule, severity, message arguments, span inside the name and ranked
    /// fixes. The analyzer reports these findings, the code fixes apply their fixes, the CLI prints them.
    /// <para>
    /// One instance per compilation (or CLI run), for one set of custom sections: it remembers what it found for each
    /// distinct (name, target), since a project repeats a handful of names. Thread-safe.
    /// </para>
    /// </summary>
    public sealed class SectionChecker
    {
        /// <summary>No section name or C identifier holds U+0001 as is (messages show control characters escaped).</summary>
        private const string ProgramPlaceholder = "\u0001program\u0001";

        private static readonly SectionEntry[] s_noCustom = new SectionEntry[0];

        private static readonly KernelProfile[] s_noKernels = new KernelProfile[0];

        private readonly IReadOnlyList<SectionEntry> _custom;
        private readonly IReadOnlyList<KernelProfile> _kernels;
        private readonly SuggestionCache _suggestions = new();

        // Per libbpf setup: what a name breaks, with the program left open (its name only appears in message text; no
        // finding is stored as s_noFinding), and the names with no finding at all (neither check depends on the program
        // when it finds nothing).
        private readonly PerLibbpf<NameCaches> _caches = new(() => new NameCaches());

        private static readonly object s_noFinding = new();

        public SectionChecker(IReadOnlyList<SectionEntry>? custom = null, IReadOnlyList<KernelProfile>? kernels = null)
        {
            _custom = custom ?? s_noCustom;
            _kernels = kernels ?? s_noKernels;
        }

        /// <summary>The kernels the project ships to (<c>BpfKernel</c> items), whose profiles the attach targets are checked against.</summary>
        public IReadOnlyList<KernelProfile> Kernels => _kernels;

        /// <summary>True when <paramref name="name"/> was checked before under <paramref name="libbpf"/> and had no finding.</summary>
        public bool IsKnownClean(string name, LibbpfSetup libbpf) => _caches.For(libbpf).Clean.ContainsKey(name);

        /// <summary>
        /// Checks <paramref name="name"/> as the section of the program <paramref name="program"/> (its C function name, which
        /// libbpf's messages quote). <see cref="ProgramFindings.After"/> drops what the loader makes moot.
        /// </summary>
        public ProgramFindings CheckProgram(string? name, LibbpfSetup libbpf, string program)
        {
            if (name is null)
            {
                return new ProgramFindings(ProgramSectionRules.Check(null, program, libbpf, _custom), null);
            }

            NameCaches caches = _caches.For(libbpf);
            if (caches.Clean.ContainsKey(name))
            {
                return default;
            }

            Finding? nameFinding;
            if (ProgramSectionRules.FixesNameTheProgram(libbpf))
            {
                // Before libbpf 0.8 the fixes of a bare 'kprobe' name the program ('kprobe/do_unlinkat'): nothing to share.
                nameFinding = ProgramSectionRules.Check(name, program, libbpf, _custom);
            }
            else
            {
                if (!caches.Findings.TryGetValue(name, out object? shared))
                {
                    shared = caches.Findings.GetOrAdd(name, (object?)ProgramSectionRules.Check(name, ProgramPlaceholder, libbpf, _custom, _suggestions) ?? s_noFinding);
                }

                nameFinding = (shared as Finding)?.Replace(ProgramPlaceholder, program);
            }

            // The attach target is checked when the name's own finding leaves room for it, or when a loader that sets
            // the type would waive that finding.
            Finding? attach = AttachTargetFindings.ApplyAfter(nameFinding) || nameFinding!.IsWaivedBy(LoaderWaiver.SetsType)
                ? AttachTargetFindings.Check(name, libbpf, program, _custom)
                : null;
            // The kernels the project ships to judge what the name itself cannot: whether the target exists there.
            Finding? kernel = _kernels.Count > 0 && attach is null && (AttachTargetFindings.ApplyAfter(nameFinding) || nameFinding!.IsWaivedBy(LoaderWaiver.SetsType))
                ? KernelTargetRules.Check(name, SectionResolver.ResolveProgram(name, libbpf, _custom), libbpf, program, _kernels)
                : null;
            if (nameFinding is null && attach is null && kernel is null)
            {
                caches.Clean.TryAdd(name, s_noFinding);
            }

            return new ProgramFindings(nameFinding, attach ?? kernel);
        }

        /// <summary>Checks <paramref name="name"/> as the section of a global or map.</summary>
        public DataFindings CheckData(string? name, LibbpfSetup libbpf, DataMember member) =>
            DataMemberRules.Check(name, libbpf, _custom, member, _kernels);

        /// <summary>What a program's use of a global kept in <paramref name="entry"/> (<c>license</c>, <c>version</c>) does; null when it loads.</summary>
        public static Finding? UseOfUnmappedGlobal(DataSectionEntry entry, string variable, string program, LibbpfSetup libbpf) =>
            DataMemberRules.UseOfUnmappedGlobal(entry, variable, program, libbpf);

        /// <summary>Checks a custom section (<c>[assembly: BpfCustomSection("user+")]</c>) as libbpf_register_prog_handler() takes it.</summary>
        public static Finding? CheckCustomSection(string? section, LibbpfSetup libbpf)
        {
            string? problem = null;
            if (!SectionEntry.TryCreateCustom(section, null, out _))
            {
                problem = $"Custom section '{ProgramSectionRules.Display(section ?? "null")}' is not a section libbpf could register: write 'type+', 'type/' or 'type' in printable ASCII";
            }
            else if (libbpf.Version < LibbpfVersion.V0_8)
            {
                problem = $"Custom section '{section}' needs libbpf 0.8 (libbpf_register_prog_handler()), but the project targets {libbpf}: the section is ignored";
            }

            return problem is null ? null : new Finding(Rules.InvalidCustomSection, new[] { problem });
        }

        /// <summary>A section argument that is not a compile-time constant.</summary>
        public static Finding NonConstant(LibbpfSetup libbpf) => new(Rules.NonConstantSection, new[] { libbpf.ToString() });

        /// <summary>A kernel profile that cannot be read.</summary>
        public static Finding InvalidKernelProfile(string error) => new(Rules.InvalidKernelProfile, new[] { error });

        /// <summary>A configuration error (<see cref="LibbpfSettings.Parse"/>).</summary>
        public static Finding InvalidConfiguration(string error) => new(Rules.InvalidConfiguration, new[] { error });

        /// <summary>libbpf 0.1's one program per executable ELF section (bpf_object__add_program()): a second program in <paramref name="name"/>.</summary>
        public static Finding DuplicateSection(string name, string firstProgram, LibbpfSetup libbpf) =>
            new(Rules.DuplicateSection, new[] { libbpf.ToString(), ProgramSectionRules.Display(name), firstProgram });

        /// <summary>True when libbpf of <paramref name="libbpf"/> makes one program of each section, so duplicates matter.</summary>
        public static bool OneProgramPerSection(LibbpfSetup libbpf) => libbpf.Version < new LibbpfVersion(0, 2);
    }

    /// <summary>One libbpf setup's per-name caches (<see cref="SectionChecker"/>): keyed and valued by reference types.</summary>
    internal sealed class NameCaches
    {
        public ConcurrentDictionary<string, object> Findings { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, object> Clean { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>What the checks found about a program's section name, before the loader's waivers.</summary>
    public readonly struct ProgramFindings
    {
        private static readonly Finding[] s_none = new Finding[0];

        internal ProgramFindings(Finding? name, Finding? attachTarget)
        {
            Name = name;
            AttachTarget = attachTarget;
        }

        /// <summary>The finding about the name itself (unknown, legacy, deprecated, malformed, ...), or null.</summary>
        public Finding? Name { get; }

        /// <summary>The finding about the attach target after the '/', or null.</summary>
        public Finding? AttachTarget { get; }

        public bool IsEmpty => Name is null && AttachTarget is null;

        /// <summary>What in the loader could waive any of the findings: worth finding out only when not <see cref="LoaderWaiver.None"/>.</summary>
        public LoaderWaiver Waivable => (Name?.WaivedBy ?? LoaderWaiver.None) | (AttachTarget?.WaivedBy ?? LoaderWaiver.None);

        /// <summary>
        /// The findings that stand when the loader does <paramref name="loader"/>. The attach target counts only where the
        /// name's standing finding leaves room for it (no error about the name itself); a name finding that yields to it
        /// (<see cref="Finding.YieldsToAttachTarget"/>) goes when it stands as a warning or an error.
        /// </summary>
        public IReadOnlyList<Finding> After(LoaderWaiver loader)
        {
            Finding? name = Name is not null && Name.IsWaivedBy(loader) ? null : Name;
            Finding? attach = AttachTarget is not null && !AttachTarget.IsWaivedBy(loader) && AttachTargetFindings.ApplyAfter(name) ? AttachTarget : null;
            if (attach is { Severity: >= FindingSeverity.Warning } && name is { YieldsToAttachTarget: true })
            {
                name = null;
            }

            return name is null
                ? attach is null ? s_none : new[] { attach }
                : attach is null ? new[] { name } : new[] { name, attach };
        }
    }
}
