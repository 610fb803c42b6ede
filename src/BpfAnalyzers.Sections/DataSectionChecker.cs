using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>What libbpf of a release does with a global or map in a section.</summary>
    public enum DataSectionVerdict
    {
        /// <summary>libbpf reads the section as written.</summary>
        Valid,

        /// <summary>libbpf reads it and warns (legacy <c>maps</c>, 0.7-0.8).</summary>
        Deprecated,

        /// <summary>libbpf used to read it and now fails to open the object (legacy <c>maps</c>, 1.0+).</summary>
        Removed,

        /// <summary>A later release reads it; this one skips it.</summary>
        NeedsNewer,

        /// <summary>libbpf reads the section, but not for defined globals (<c>.kconfig</c>, <c>.ksyms</c>, <c>.jumptables</c>).</summary>
        NotForDefinitions,

        /// <summary>A program section (<c>xdp</c>) on a global or map.</summary>
        ProgramSection,

        /// <summary>Empty, null, padded or with control characters.</summary>
        Malformed,

        /// <summary>No release reads it: libbpf skips the section.</summary>
        Unknown,
    }

    /// <summary>What the C# member is, as far as the section's contents care.</summary>
    public enum DataMemberShape
    {
        /// <summary>Not known (a type the checker cannot judge): never reported.</summary>
        Unknown,

        /// <summary>A number, bool, char or enum.</summary>
        Scalar,

        /// <summary>A string or an array.</summary>
        Sequence,

        /// <summary>A struct or class: may be a map definition.</summary>
        Aggregate,
    }

    /// <summary>The answer for one data section name under one release.</summary>
    public sealed class DataSectionCheck
    {
        internal DataSectionCheck(string name, LibbpfSetup libbpf, DataSectionVerdict verdict, DataSectionEntry? entry, string explanation, IReadOnlyList<string> libbpfSays, IReadOnlyList<SectionSuggestion> suggestions)
        {
            Name = name;
            Libbpf = libbpf;
            Verdict = verdict;
            Entry = entry;
            Explanation = explanation;
            LibbpfSays = libbpfSays;
            Suggestions = suggestions;
        }

        public string Name { get; }

        public LibbpfSetup Libbpf { get; }

        public DataSectionVerdict Verdict { get; }

        /// <summary>The entry the name falls under: in the target, or for <see cref="DataSectionVerdict.NeedsNewer"/> and <see cref="DataSectionVerdict.Removed"/> in the release that has it.</summary>
        public DataSectionEntry? Entry { get; }

        /// <summary>One sentence on what libbpf does, without the release (the caller names it).</summary>
        public string Explanation { get; }

        /// <summary>What libbpf prints, in order (placeholders already replaced by the variable and program names).</summary>
        public IReadOnlyList<string> LibbpfSays { get; }

        /// <summary>Data sections valid under the target, best first.</summary>
        public IReadOnlyList<SectionSuggestion> Suggestions { get; }

        /// <summary>True when a program that reads the global fails to open, or the object fails to open anyway.</summary>
        public bool IsError => Verdict != DataSectionVerdict.Valid && Verdict != DataSectionVerdict.Deprecated;
    }

    /// <summary>
    /// Checks the section of a global or map (C: <c>int v SEC(".data.x");</c>; C#: <c>[BpfSection(".data.x")] static int V;</c>)
    /// against <c>bpf_object__elf_collect()</c> of the target release. Pure and allocation-light; never throws.
    /// </summary>
    public static class DataSectionChecker
    {
        /// <summary>Placeholder for the global's C name in <see cref="DataSectionCheck.LibbpfSays"/>.</summary>
        public const string VariablePlaceholder = "VAR";

        /// <summary>Placeholder for the reading program's C function name.</summary>
        public const string ProgramPlaceholder = "PROG";

        private const int MaxTypoDistance = 2;

        private static readonly IReadOnlyList<SectionSuggestion> s_none = Array.Empty<SectionSuggestion>();

        /// <summary>
        /// Checks <paramref name="name"/> as the section of a global or map. <paramref name="variable"/> and <paramref name="program"/>
        /// name the global and a program that reads it in what libbpf prints; <paramref name="readOnly"/> (C# <c>readonly</c>) ranks
        /// <c>.rodata</c> first and <paramref name="mapLike"/> (a map type) <c>.maps</c>.
        /// </summary>
        public static DataSectionCheck Check(
            string? name,
            LibbpfSetup libbpf,
            IReadOnlyList<SectionEntry>? customSections = null,
            string variable = VariablePlaceholder,
            string program = ProgramPlaceholder,
            bool readOnly = false,
            bool mapLike = false)
        {
            LibbpfVersion version = libbpf.Version;
            if (name is null || Malformation(name) is not null)
            {
                string what = name is null ? "is null" : Malformation(name)!;
                return Result(name ?? string.Empty, libbpf, DataSectionVerdict.Malformed, null, "the section name " + what + "; libbpf compares names byte for byte", Array.Empty<string>(), name is null ? s_none : Suggest(name, version));
            }

            if (DataSections.Find(name, version) is DataSectionEntry entry)
            {
                if (!entry.HoldsDefinitions)
                {
                    string why = entry.Kind == DataSectionKind.Externs
                        ? $"'{name}' holds extern declarations only ({(name == ".kconfig" ? "__kconfig" : "__ksym")}), which libbpf resolves at load; a defined global there is skipped (\"elf: skipping unrecognized data section(N) {name}\")"
                        : $"'{name}' holds the jump tables the compiler emits for a program's own code, not globals";
                    return Result(name, libbpf, DataSectionVerdict.NotForDefinitions, entry, why, Unread(name, variable, program, version), Suggest(name, version, readOnly, mapLike));
                }

                if (entry.IsDeprecatedIn(version))
                {
                    return Result(name, libbpf, DataSectionVerdict.Deprecated, entry, $"legacy map definitions are deprecated from libbpf {entry.DeprecatedFrom} and fail to open from 1.0", new[] { $"map '{variable}' (legacy): legacy map definitions are deprecated, use BTF-defined maps instead" }, s_none);
                }

                return Result(name, libbpf, DataSectionVerdict.Valid, entry, entry.Description, Array.Empty<string>(), s_none);
            }

            if (DataSections.FindInAnyRelease(name) is DataSectionEntry other)
            {
                if (other.LastRelease is LibbpfVersion last && version > last)
                {
                    return Result(name, libbpf, DataSectionVerdict.Removed, other, $"libbpf {last} was the last release to read legacy map definitions; from 1.0 the object fails to open: use BTF-defined maps in '.maps'", new[] { "elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+" }, Suggest(name, version, readOnly, mapLike: true));
                }

                if (!other.HoldsDefinitions)
                {
                    return Result(name, libbpf, DataSectionVerdict.NotForDefinitions, other, $"'{name}' holds the jump tables the compiler emits (libbpf {other.FirstRelease}), not globals; this release skips it", Unread(name, variable, program, version), Suggest(name, version, readOnly, mapLike));
                }

                return Result(name, libbpf, DataSectionVerdict.NeedsNewer, other, $"libbpf {other.FirstRelease} is the first release that reads '{other.Display}' ({other.Description}); this one skips it", Unread(name, variable, program, version), Suggest(name, version, readOnly, mapLike));
            }

            SectionResolution resolution = SectionResolver.ResolveProgram(name, libbpf, customSections);
            if (resolution.IsMatch && !resolution.IsLegacyPrefix)
            {
                return Result(name, libbpf, DataSectionVerdict.ProgramSection, null, $"'{name}' is a program section ({resolution.Entry!.ProgTypeName}), where libbpf looks for code, not data; it skips the global", Unread(name, variable, program, version), ForMember(version, readOnly, mapLike));
            }

            return Result(name, libbpf, DataSectionVerdict.Unknown, null, "it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it", Unread(name, variable, program, version), Suggest(name, version, readOnly, mapLike));
        }

        /// <summary>
        /// What goes wrong when a member of <paramref name="shape"/> (of <paramref name="byteSize"/> bytes, when known)
        /// sits in <paramref name="entry"/>, or null when libbpf takes it. Only shapes libbpf certainly refuses are reported.
        /// </summary>
        public static string? ShapeProblem(DataSectionEntry entry, DataMemberShape shape, int? byteSize, string variable, string typeName, LibbpfVersion version, out IReadOnlyList<string> libbpfSays)
        {
            libbpfSays = Array.Empty<string>();
            switch (entry.Kind)
            {
                case DataSectionKind.Maps when shape == DataMemberShape.Scalar || shape == DataMemberShape.Sequence:
                    // bpf_object__init_user_btf_map(): the variable's type must be a struct. It prints the kind of the
                    // variable, not of its type: "var" (0.1: the number of BTF_KIND_VAR, 14).
                    libbpfSays = new[] { $"map '{variable}': unexpected def kind {(version < new LibbpfVersion(0, 2) ? "14" : "var")}." };
                    return $"every variable in '.maps' is a BTF map definition, a struct, and '{variable}' is {typeName}; the object fails to open";
                case DataSectionKind.StructOps when shape == DataMemberShape.Scalar || shape == DataMemberShape.Sequence:
                    // bpf_object__init_struct_ops_maps(): "struct_ops init: %s is not a struct".
                    libbpfSays = new[] { $"struct_ops init: {typeName} is not a struct" };
                    return $"every variable in '{entry.Name}' is a kernel struct_ops struct, and '{variable}' is {typeName}; the object fails to open";
                case DataSectionKind.KernelVersion when byteSize is int size && size != 4:
                    // bpf_object__init_kversion(): the section must be exactly one u32.
                    libbpfSays = new[] { "invalid kver section in OBJECT" };
                    return $"libbpf reads 'version' as one 4-byte kernel version, and '{variable}' is {typeName} ({size} bytes); the object fails to open";
                default:
                    return null;
            }
        }

        /// <summary>
        /// What libbpf prints when a program reads a global kept in a section it makes no map of
        /// (<c>bpf_resolution_record_reloc()</c>); null when the section is one it maps.
        /// </summary>
        public static IReadOnlyList<string>? ReadFailure(DataSectionEntry entry, string variable, string program, LibbpfVersion version) =>
            entry.Kind != DataSectionKind.License && entry.Kind != DataSectionKind.KernelVersion ? null
            : version < new LibbpfVersion(0, 2) ? new[] { "bad map relo against section N" }
            : new[] { $"prog '{program}': bad map relo against '{variable}' in section '{entry.Name}'" };

        /// <summary>Data sections valid under <paramref name="version"/> that <paramref name="name"/> was probably meant to be, best first.</summary>
        public static IReadOnlyList<SectionSuggestion> Suggest(string name, LibbpfVersion version, bool readOnly = false, bool mapLike = false, int max = 3)
        {
            var found = new List<SectionSuggestion>();
            void Add(string candidate, SuggestionReason reason)
            {
                if (found.Count >= max || candidate == name || candidate.Length == 0)
                {
                    return;
                }

                if (DataSections.Find(candidate, version) is not DataSectionEntry e || !e.HoldsDefinitions || e.IsDeprecatedIn(version))
                {
                    return;
                }

                foreach (SectionSuggestion s in found)
                {
                    if (s.Name == candidate)
                    {
                        return;
                    }
                }

                found.Add(new SectionSuggestion(candidate, reason));
            }

            string clean = SectionSuggester.Clean(name);
            Add(clean, SuggestionReason.Cleanup);
            string lower = clean.ToLowerInvariant();
            Add(lower, SuggestionReason.Case);
            bool dotted = lower.StartsWith(".", StringComparison.Ordinal) || lower.StartsWith("?", StringComparison.Ordinal);
            if (!dotted)
            {
                Add("." + lower, SuggestionReason.LeadingDot);
            }

            // .data_counters, .data-counters, data/counters: the named forms are '.data.' + NAME.
            foreach (string candidate in dotted ? new[] { lower } : new[] { lower, "." + lower })
            {
                foreach (DataSectionEntry e in DataSections.All)
                {
                    if (e.Match != DataSectionMatch.Prefix || !e.IsReadBy(version))
                    {
                        continue;
                    }

                    string stem = e.Name.Substring(0, e.Name.Length - 1);
                    if (candidate.Length > stem.Length + 1 && candidate.StartsWith(stem, StringComparison.Ordinal) && IsSeparator(candidate[stem.Length]))
                    {
                        Add(e.Name + candidate.Substring(stem.Length + 1), SuggestionReason.Separator);
                    }
                }
            }

            if (mapLike)
            {
                Add(".maps", SuggestionReason.DataSection);
            }

            // Typos of the exact names, and of the stem of a named form (.dta.x -> .data.x).
            var typos = new List<KeyValuePair<int, string>>();
            int secondDot = lower.Length > 1 ? lower.IndexOf('.', 1) : -1;
            string head = secondDot > 0 ? lower.Substring(0, secondDot) : lower;
            string tail = secondDot > 0 ? lower.Substring(secondDot) : string.Empty;
            foreach (DataSectionEntry e in DataSections.All)
            {
                if (!e.HoldsDefinitions || !e.IsReadBy(version) || e.IsDeprecatedIn(version))
                {
                    continue;
                }

                if (e.Match == DataSectionMatch.Exact)
                {
                    int limit = e.Name.Length <= 5 ? 1 : MaxTypoDistance;
                    int d = SectionSuggester.BoundedDistance(lower, e.Name, limit);
                    if (d <= limit)
                    {
                        typos.Add(new KeyValuePair<int, string>(d, e.Name));
                    }
                }
                else if (tail.Length > 1)
                {
                    string stem = e.Name.Substring(0, e.Name.Length - 1);
                    int d = SectionSuggester.BoundedDistance(head, stem, 1);
                    if (d <= 1)
                    {
                        typos.Add(new KeyValuePair<int, string>(d, e.Name + tail.Substring(1)));
                    }
                }
            }

            typos.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Value, b.Value));
            foreach (KeyValuePair<int, string> t in typos)
            {
                Add(t.Value, SuggestionReason.Typo);
            }

            return found;
        }

        /// <summary>The sections a member in a program section was probably meant for.</summary>
        private static IReadOnlyList<SectionSuggestion> ForMember(LibbpfVersion version, bool readOnly, bool mapLike)
        {
            string[] order = mapLike
                ? new[] { ".maps", ".data", ".rodata" }
                : readOnly ? new[] { ".rodata", ".data", ".bss" } : new[] { ".data", ".rodata", ".bss" };
            var list = new List<SectionSuggestion>();
            foreach (string s in order)
            {
                if (DataSections.Find(s, version) is not null)
                {
                    list.Add(new SectionSuggestion(s, SuggestionReason.DataSection));
                }
            }

            return list;
        }

        /// <summary>
        /// What libbpf prints when a program reads a global from a section it skips: the info line of
        /// <c>bpf_object__elf_collect()</c>, then the open failure of <c>bpf_resolution_record_reloc()</c> (measured with 1.1.2).
        /// </summary>
        private static IReadOnlyList<string> Unread(string name, string variable, string program, LibbpfVersion version)
        {
            // libbpf 0.1 skips at debug level ("skip section(N) NAME") and names the section by index only.
            if (version < new LibbpfVersion(0, 2))
            {
                return new[] { "bad map relo against section N" };
            }

            return new[] { $"elf: skipping unrecognized data section(N) {name}", $"prog '{program}': bad map relo against '{variable}' in section '{name}'" };
        }

        private static DataSectionCheck Result(string name, LibbpfSetup libbpf, DataSectionVerdict verdict, DataSectionEntry? entry, string explanation, IReadOnlyList<string> says, IReadOnlyList<SectionSuggestion> suggestions) =>
            new DataSectionCheck(name, libbpf, verdict, entry, explanation, says, suggestions);

        private static string? Malformation(string name)
        {
            if (name.Length == 0)
            {
                return "is empty";
            }

            foreach (char c in name)
            {
                if (char.IsControl(c) || SectionNameCharacters.IsInvisible(c))
                {
                    return "contains a control or invisible character";
                }
            }

            return char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[name.Length - 1]) ? "has leading or trailing whitespace" : null;
        }

        private static bool IsSeparator(char c) => c == '_' || c == '-' || c == '/' || c == ':' || c == ' ';
    }
}
