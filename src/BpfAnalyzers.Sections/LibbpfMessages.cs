using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What libbpf itself prints about a section name, word for word, per release (<c>src/libbpf.c</c>).
    /// libbpf names the program by its C function; where the caller does not know it,
    /// <see cref="ProgramPlaceholder"/> stands in.
    /// </summary>
    public static class LibbpfMessages
    {
        public const string ProgramPlaceholder = "PROG";

        private static readonly LibbpfVersion s_v0_3 = new(0, 3);
        private static readonly LibbpfVersion s_v0_2 = new(0, 2);

        /// <summary>
        /// The warnings libbpf prints when it loads a program whose section it does not know. From 0.3
        /// the program load step refuses a program with no type (<c>load_program()</c>, later
        /// <c>bpf_object_load_prog()</c>). Before, libbpf asked the kernel anyway, which refused the
        /// unspecified type with EINVAL, and named the program by its section (0.1) or its name (0.2).
        /// </summary>
        public static IReadOnlyList<string> UnknownSection(string section, LibbpfVersion version, string program = ProgramPlaceholder)
        {
            if (version >= s_v0_3)
            {
                return new[] { $"prog '{program}': missing BPF prog type, check ELF section name '{section}'" };
            }

            return new[]
            {
                "load bpf program failed: Invalid argument",
                $"failed to load program '{(version >= s_v0_2 ? program : section)}'",
            };
        }

        /// <summary><c>SEC_DEPRECATED</c> entries (0.7–0.8), from <c>libbpf_preload_prog()</c> at load.</summary>
        public static string Deprecated(string section) =>
            $"SEC(\"{section}\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details";

        /// <summary><c>SEC_ATTACH_BTF</c> types with no target, from 0.8 (<c>libbpf_prepare_prog_load()</c>).</summary>
        public static string NoBtfAttachTarget(string program = ProgramPlaceholder) =>
            $"prog '{program}': no BTF-based attach target is specified, use bpf_program__set_attach_target()";
    }
}
