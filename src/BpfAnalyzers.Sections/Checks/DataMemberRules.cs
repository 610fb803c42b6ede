using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The rules for a section name on a global or map (DotnetEbpf emits <c>SEC("...")</c> for both): libbpf's data
    /// sections (<see cref="DataSectionChecker"/>) apply instead of its program sections.
    /// </summary>
    internal static class DataMemberRules
    {
        public static DataFindings Check(string? name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry> custom, DataMember member, IReadOnlyList<BpfAnalyzers.Kernel.KernelProfile> kernels)
        {
            DataSectionCheck check = DataSectionChecker.Check(name, libbpf, custom, member.Variable, DataSectionChecker.ProgramPlaceholder, member.ReadOnly, member.MapLike);
            // Sections this release skips whole (elf: skipping unrecognized data section): only a program's use fails then.
            // '.jumptables' before 1.7 is one (measured: libbpf 1.1.2 loads an object with an unread global there).
            bool skipped = check.Verdict is DataSectionVerdict.Unknown or DataSectionVerdict.NeedsNewer or DataSectionVerdict.ProgramSection ||
                           (check.Verdict == DataSectionVerdict.NotForDefinitions && DataSections.Find(name!, libbpf.Version) is null);
            string? reader = null;
            if (check.IsError)
            {
                // Only on the error path: the program that uses the global, as libbpf's message names it. A section
                // libbpf skips breaks only such a program ("bad map relo"): with none, the object opens.
                reader = member.Reader?.Invoke();
                if (reader is not null)
                {
                    check = DataSectionChecker.Check(name, libbpf, custom, member.Variable, reader, member.ReadOnly, member.MapLike);
                }
            }

            string version = libbpf.ToString();
            string display = ProgramSectionRules.Display(check.Name);
            var fixes = new List<string>(check.Suggestions.Count);
            foreach (SectionSuggestion s in check.Suggestions)
            {
                fixes.Add(s.Name);
            }

            string says = string.Join("\" then \"", check.LibbpfSays);
            Finding? finding = skipped && reader is null
                ? new Finding(Rules.SkippedDataSectionUnused, new[] { version, display, member.Variable, Skipped(check, name!, libbpf, custom), check.LibbpfSays[check.LibbpfSays.Count - 1], fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes) + "?" }, fixes)
                : check.Verdict switch
            {
                DataSectionVerdict.Valid => null,
                DataSectionVerdict.Malformed => new Finding(Rules.MalformedSectionName, new[] { version, name is null ? "is null" : $"'{display}' {ProgramSectionRules.Malformation(name)}" }, fixes),
                DataSectionVerdict.Deprecated => new Finding(Rules.DeprecatedSection, new[] { version, display, $"deprecated for legacy maps (libbpf prints \"{says}\")", "a BTF-defined map in '.maps'" }, fixes),
                DataSectionVerdict.NeedsNewer => new Finding(Rules.SectionNeedsNewerLibbpf, new[] { version, display, check.Entry!.FirstRelease.AsFirstNeeded, says, string.Empty }, fixes),
                DataSectionVerdict.ProgramSection => new Finding(Rules.ProgramSectionOnData, new[] { version, display, ProgramType(name!, libbpf, custom), member.Variable, check.LibbpfSays[check.LibbpfSays.Count - 1], Quoted(fixes) }, fixes),
                DataSectionVerdict.NotForDefinitions => new Finding(Rules.DataSectionMisfit, new[] { version, member.Variable, display, check.Explanation, Says(check.LibbpfSays) }),
                DataSectionVerdict.Unknown or DataSectionVerdict.Removed =>
                    new Finding(Rules.UnknownDataSection, new[] { version, display, member.Variable, check.Explanation, says, fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes) + "?" }, fixes),
                _ => throw new System.InvalidOperationException("a data section verdict without a rule: " + check.Verdict),
            };

            if (finding is not null)
            {
                return new DataFindings(finding, check.Entry, null);
            }

            if (check.Entry is DataSectionEntry entry && member.TypeName is string typeName)
            {
                if (DataSectionChecker.ShapeProblem(entry, member.Shape, member.ByteSize, member.Variable, typeName, libbpf.Version, out IReadOnlyList<string> shapeSays) is string problem)
                {
                    return new DataFindings(new Finding(Rules.DataSectionMisfit, new[] { version, member.Variable, display, problem, Says(shapeSays) }), entry, null);
                }

                if (entry.Kind is DataSectionKind.License or DataSectionKind.KernelVersion)
                {
                    return new DataFindings(null, entry, entry);
                }
            }

            // A struct_ops map: libbpf looks its struct up in each kernel's BTF when it opens the object.
            if (check.Entry is DataSectionEntry ops && ops.Kind == DataSectionKind.StructOps && member.CStruct is string cStruct &&
                KernelTargetRules.CheckStructOps(display, cStruct, libbpf, kernels) is Finding missing)
            {
                return new DataFindings(missing, ops, null);
            }

            return new DataFindings(null, check.Entry, null);
        }

        /// <summary>
        /// A program that uses (reads or writes) a global kept in <c>license</c> or <c>version</c>: libbpf makes no map of
        /// those sections, so <c>bpf_program__record_reloc()</c> fails the open ("bad map relo"); null when the release lets it.
        /// </summary>
        public static Finding? UseOfUnmappedGlobal(DataSectionEntry entry, string variable, string program, LibbpfSetup libbpf) =>
            DataSectionChecker.ReadFailure(entry, variable, program, libbpf.Version) is IReadOnlyList<string> says
                ? new Finding(
                    Rules.DataSectionMisfit,
                    new[] { libbpf.ToString(), variable, entry.Name, $"libbpf makes no map of '{entry.Name}', so a program cannot use '{variable}'; the object fails to open", Says(says) })
                : null;

        /// <summary>Why libbpf of the target skips the section, for BPF0024: the verdict's own reason, in one clause.</summary>
        private static string Skipped(DataSectionCheck check, string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry> custom) => check.Verdict switch
        {
            DataSectionVerdict.NeedsNewer or DataSectionVerdict.NotForDefinitions => check.Entry!.FirstRelease.IsMain ? "only libbpf's main branch reads it" : $"libbpf {check.Entry.FirstRelease} is the first release that reads it",
            DataSectionVerdict.ProgramSection => $"it is a program section ({ProgramType(name, libbpf, custom)}), where libbpf looks for code, not data",
            _ => "it is not a section libbpf reads globals or maps from",
        };

        private static string ProgramType(string name, LibbpfSetup libbpf, IReadOnlyList<SectionEntry> custom) =>
            SectionResolver.ResolveProgram(name, libbpf, custom).Entry?.ProgTypeName ?? "program";

        private static string Says(IReadOnlyList<string> says) =>
            says.Count == 0 ? string.Empty : "; libbpf prints \"" + string.Join("\" then \"", says) + "\"";

        private static string Quoted(IReadOnlyList<string> names)
        {
            if (names.Count == 0)
            {
                return "a data section such as '.data'";
            }

            var quoted = new string[names.Count];
            for (int i = 0; i < quoted.Length; i++)
            {
                quoted[i] = "'" + names[i] + "'";
            }

            return string.Join(" or ", quoted);
        }
    }
}
