using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>How a data section entry matches a name.</summary>
    public enum DataSectionMatch
    {
        /// <summary>The name is exactly the entry (<c>strcmp()</c>).</summary>
        Exact,

        /// <summary>The name starts with the entry, which ends in '.' (<c>str_has_pfx(name, ".data.")</c>).</summary>
        Prefix,
    }

    /// <summary>What libbpf makes of the section's contents.</summary>
    public enum DataSectionKind
    {
        /// <summary><c>license</c>: the license string.</summary>
        License,

        /// <summary><c>version</c>: a u32 kernel version.</summary>
        KernelVersion,

        /// <summary><c>.maps</c>: BTF-defined map definitions.</summary>
        Maps,

        /// <summary><c>maps</c>: legacy <c>struct bpf_map_def</c> maps.</summary>
        LegacyMaps,

        /// <summary><c>.data</c>, <c>.data.NAME</c>: writable globals.</summary>
        Data,

        /// <summary><c>.rodata</c>, <c>.rodata.NAME</c>: read-only globals.</summary>
        ReadOnlyData,

        /// <summary><c>.bss</c>, <c>.bss.NAME</c>: zero-initialised globals.</summary>
        Bss,

        /// <summary><c>.struct_ops</c> and its forms: struct_ops maps.</summary>
        StructOps,

        /// <summary><c>.addr_space.1</c>: arena globals.</summary>
        Arena,

        /// <summary><c>.kconfig</c>, <c>.ksyms</c>: extern declarations only.</summary>
        Externs,

        /// <summary><c>.jumptables</c>: emitted by the compiler, not written by hand.</summary>
        Compiler,
    }

    /// <summary>One ELF data section libbpf reads for itself, and the releases that read it.</summary>
    public sealed class DataSectionEntry
    {
        internal DataSectionEntry(string name, DataSectionMatch match, DataSectionKind kind, LibbpfVersion firstRelease, LibbpfVersion? lastRelease, LibbpfVersion? deprecatedFrom, string description)
        {
            Name = name;
            Match = match;
            Kind = kind;
            FirstRelease = firstRelease;
            LastRelease = lastRelease;
            DeprecatedFrom = deprecatedFrom;
            Description = description;
        }

        /// <summary>The name, or for <see cref="DataSectionMatch.Prefix"/> the prefix with its final '.'.</summary>
        public string Name { get; }

        public DataSectionMatch Match { get; }

        public DataSectionKind Kind { get; }

        /// <summary>The first release (of the table's, 0.1 on) that reads the section.</summary>
        public LibbpfVersion FirstRelease { get; }

        /// <summary>The last release that reads it, or null when the newest still does.</summary>
        public LibbpfVersion? LastRelease { get; }

        /// <summary>The first release that prints a deprecation warning for it, or null.</summary>
        public LibbpfVersion? DeprecatedFrom { get; }

        /// <summary>What libbpf does with the section, in words.</summary>
        public string Description { get; }

        /// <summary>True when a global or map may be defined here (not externs, not compiler output).</summary>
        public bool HoldsDefinitions => Kind != DataSectionKind.Externs && Kind != DataSectionKind.Compiler;

        /// <summary><c>.data</c> or <c>.data.NAME</c>, as a reader writes the entry.</summary>
        public string Display => Match == DataSectionMatch.Prefix ? Name + "NAME" : Name;

        public bool IsReadBy(LibbpfVersion version) => version >= FirstRelease && (LastRelease is not LibbpfVersion last || version <= last);

        public bool IsDeprecatedIn(LibbpfVersion version) => DeprecatedFrom is LibbpfVersion d && version >= d && IsReadBy(version);

        public bool Matches(string name) => Match == DataSectionMatch.Exact
            ? string.Equals(name, Name, StringComparison.Ordinal)
            : name.StartsWith(Name, StringComparison.Ordinal);

        /// <summary>What the section holds, in a few words, as BPF0007 quotes it ("BTF-defined maps").</summary>
        public string Holds => Kind switch
        {
            DataSectionKind.License => "the program's license",
            DataSectionKind.KernelVersion => "the kernel version",
            DataSectionKind.Maps => "BTF-defined maps",
            DataSectionKind.LegacyMaps => "legacy map definitions",
            DataSectionKind.Data => "global data",
            DataSectionKind.ReadOnlyData => "read-only global data",
            DataSectionKind.Bss => "zero-initialised global data",
            DataSectionKind.StructOps => "struct_ops maps",
            DataSectionKind.Arena => "arena globals",
            DataSectionKind.Externs => Name == ".kconfig" ? "Kconfig externs" : "kernel symbol externs",
            DataSectionKind.Compiler => "compiler jump tables",
            _ => throw new InvalidOperationException("no words for data section kind " + Kind),
        };

        public override string ToString() => Display;
    }

    /// <summary>
    /// The ELF sections that hold a BPF object's globals and maps, as <c>bpf_object__elf_collect()</c> of each
    /// release reads them (<c>data/libbpf/data-sections.tsv</c>, which a test keeps equal to this table).
    /// Any other section that holds data is skipped: "elf: skipping unrecognized data section(N) NAME".
    /// </summary>
    public static class DataSections
    {
        private static readonly LibbpfVersion V0_1 = new LibbpfVersion(0, 1);

        /// <summary>Every entry, in the order of the TSV.</summary>
        public static IReadOnlyList<DataSectionEntry> All { get; } = new[]
        {
            Entry("license", DataSectionMatch.Exact, DataSectionKind.License, V0_1, null, null, "bpf_object__init_license(): copies the NUL-terminated license string"),
            Entry("version", DataSectionMatch.Exact, DataSectionKind.KernelVersion, V0_1, null, null, "bpf_object__init_kversion(): a u32 kernel version; any other size fails to open (invalid kver section)"),
            Entry(".maps", DataSectionMatch.Exact, DataSectionKind.Maps, V0_1, null, null, "BTF-defined maps: every variable is a map definition struct"),
            Entry("maps", DataSectionMatch.Exact, DataSectionKind.LegacyMaps, V0_1, new LibbpfVersion(0, 8), new LibbpfVersion(0, 7), "legacy struct bpf_map_def maps; 0.7-0.8 warn they are deprecated; from 1.0 the object fails to open"),
            Entry(".data", DataSectionMatch.Exact, DataSectionKind.Data, V0_1, null, null, "the .data map (initialised globals)"),
            Entry(".data.", DataSectionMatch.Prefix, DataSectionKind.Data, new LibbpfVersion(0, 6), null, null, "one map per .data.NAME section"),
            Entry(".rodata", DataSectionMatch.Exact, DataSectionKind.ReadOnlyData, V0_1, null, null, "the .rodata map (read-only globals, frozen at load)"),
            Entry(".rodata.", DataSectionMatch.Prefix, DataSectionKind.ReadOnlyData, new LibbpfVersion(0, 6), null, null, "one map per .rodata.NAME section"),
            Entry(".bss", DataSectionMatch.Exact, DataSectionKind.Bss, V0_1, null, null, "the .bss map (zero-initialised globals, SHT_NOBITS)"),
            Entry(".bss.", DataSectionMatch.Prefix, DataSectionKind.Bss, new LibbpfVersion(1, 1), null, null, "one map per .bss.NAME section (SHT_NOBITS)"),
            Entry(".struct_ops", DataSectionMatch.Exact, DataSectionKind.StructOps, V0_1, null, null, "struct_ops maps: every variable is a kernel struct_ops struct"),
            Entry(".struct_ops.link", DataSectionMatch.Exact, DataSectionKind.StructOps, new LibbpfVersion(1, 2), null, null, "struct_ops maps attached as links"),
            Entry("?.struct_ops", DataSectionMatch.Exact, DataSectionKind.StructOps, new LibbpfVersion(1, 4), null, null, "struct_ops maps not created automatically"),
            Entry("?.struct_ops.link", DataSectionMatch.Exact, DataSectionKind.StructOps, new LibbpfVersion(1, 4), null, null, "struct_ops link maps not created automatically"),
            Entry(".addr_space.1", DataSectionMatch.Exact, DataSectionKind.Arena, new LibbpfVersion(1, 4), null, null, "globals in the BPF arena (needs an arena map in .maps)"),
            Entry(".kconfig", DataSectionMatch.Exact, DataSectionKind.Externs, V0_1, null, null, "extern declarations only (__kconfig); a defined variable is skipped"),
            Entry(".ksyms", DataSectionMatch.Exact, DataSectionKind.Externs, V0_1, null, null, "extern declarations only (__ksym); a defined variable is skipped"),
            Entry(".jumptables", DataSectionMatch.Exact, DataSectionKind.Compiler, new LibbpfVersion(1, 7), null, null, "jump tables the compiler emits for a program; not for globals"),
        };

        /// <summary>The sections a global or map may be defined in under <paramref name="version"/>, in table order.</summary>
        public static IReadOnlyList<DataSectionEntry> ValidFor(LibbpfVersion version)
        {
            var valid = new List<DataSectionEntry>();
            foreach (DataSectionEntry e in All)
            {
                if (e.HoldsDefinitions && e.IsReadBy(version))
                {
                    valid.Add(e);
                }
            }

            return valid;
        }

        /// <summary>
        /// The entry <paramref name="name"/> falls under in <paramref name="version"/>, or null when that release
        /// skips it. Exact entries win over prefixes, as in <c>bpf_object__elf_collect()</c>.
        /// </summary>
        public static DataSectionEntry? Find(string name, LibbpfVersion version) => FindWhere(name, e => e.IsReadBy(version));

        /// <summary>The entry of any release that <paramref name="name"/> falls under, or null.</summary>
        public static DataSectionEntry? FindInAnyRelease(string name) => FindWhere(name, _ => true);

        private static DataSectionEntry? FindWhere(string name, Func<DataSectionEntry, bool> read)
        {
            DataSectionEntry? prefix = null;
            foreach (DataSectionEntry e in All)
            {
                if (!read(e) || !e.Matches(name))
                {
                    continue;
                }

                if (e.Match == DataSectionMatch.Exact)
                {
                    return e;
                }

                prefix ??= e;
            }

            return prefix;
        }

        private static DataSectionEntry Entry(string name, DataSectionMatch match, DataSectionKind kind, LibbpfVersion first, LibbpfVersion? last, LibbpfVersion? deprecated, string description) =>
            new DataSectionEntry(name, match, kind, first, last, deprecated, description);
    }
}
