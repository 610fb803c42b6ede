using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// The data section names (globals, maps, license) libbpf reads in a release, as
    /// <c>bpf_object__elf_collect()</c> of each tag handles them.
    /// </summary>
    /// <remarks>
    /// PROVISIONAL: this is the one place that knows the data sections. Once BpfAnalyzers.Sections has the
    /// per-release data-section API, <see cref="For"/> becomes a projection of it and the list below goes.
    /// </remarks>
    internal static class DataSectionNames
    {
        private static readonly LibbpfVersion V0_6 = new LibbpfVersion(0, 6);
        private static readonly LibbpfVersion V0_7 = new LibbpfVersion(0, 7);
        private static readonly LibbpfVersion V1_1 = new LibbpfVersion(1, 1);
        private static readonly LibbpfVersion V1_2 = new LibbpfVersion(1, 2);
        private static readonly LibbpfVersion V1_4 = new LibbpfVersion(1, 4);
        private static readonly LibbpfVersion V1_7 = new LibbpfVersion(1, 7);

        /// <summary>(name, description) of every data section worth typing for <paramref name="version"/>.</summary>
        public static IReadOnlyList<SectionName> For(LibbpfVersion version)
        {
            string v = "\nlibbpf " + version.ToString();
            var names = new List<SectionName>
            {
                new SectionName(".maps", "BTF-defined maps" + v),
                new SectionName("license", "the program license string (\"GPL\", \"Dual BSD/GPL\"): GPL-only helpers need a GPL-compatible one" + v),
                new SectionName("version", "the kernel version the object was built for (LINUX_VERSION_CODE)" + v),
                new SectionName(".data", "initialized global variables: one array map" + v),
                new SectionName(".rodata", "read-only (const) global variables: one frozen array map" + v),
                new SectionName(".bss", "zero-initialized global variables: one array map" + v),
                new SectionName(".struct_ops", "struct_ops maps (the struct with the programs that implement it)" + v),
            };

            // 0.7 and 0.8 print "legacy map definitions are deprecated"; 1.0 refuses them.
            if (version < V0_7)
            {
                names.Add(new SectionName("maps", "legacy map definitions (struct bpf_map_def); .maps replaces them from 0.7" + v));
            }

            if (version >= V0_6)
            {
                names.Add(new SectionName(".data.", ".data.NAME: initialized globals in a map of their own, per NAME" + v));
                names.Add(new SectionName(".rodata.", ".rodata.NAME: read-only globals in a map of their own, per NAME" + v));
            }

            if (version >= V1_1)
            {
                names.Add(new SectionName(".bss.", ".bss.NAME: zero-initialized globals in a map of their own, per NAME" + v));
            }

            if (version >= V1_2)
            {
                names.Add(new SectionName(".struct_ops.link", "struct_ops maps attached through a BPF link" + v));
            }

            if (version >= V1_4)
            {
                names.Add(new SectionName("?.struct_ops", "struct_ops maps that are not auto-created" + v));
                names.Add(new SectionName("?.struct_ops.link", "struct_ops maps attached through a BPF link, not auto-created" + v));
                names.Add(new SectionName(".addr_space.1", "globals in the BPF arena (address space 1)" + v));
            }

            if (version >= V1_7)
            {
                names.Add(new SectionName(".jumptables", "jump tables of indirect jumps" + v));
            }

            return names;
        }
    }
}
