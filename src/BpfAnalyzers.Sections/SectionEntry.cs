using System.Collections.Generic;
using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>One row of libbpf's <c>section_defs[]</c> (or a project's custom section).</summary>
    public sealed class SectionEntry
    {
        public SectionEntry(string section, SectionMatch match, string progType, string attachType, SectionFlags flags, bool isCustom = false, AttachFunction? attachFunction = null)
        {
            AttachFunction = attachFunction;
            Section = section ?? throw new ArgumentNullException(nameof(section));
            Match = match;
            ProgType = progType ?? throw new ArgumentNullException(nameof(progType));
            AttachType = attachType ?? throw new ArgumentNullException(nameof(attachType));
            Flags = flags;
            IsCustom = isCustom;
            Type = match == SectionMatch.Plus || match == SectionMatch.Slash ? section.Substring(0, section.Length - 1) : section;
            ProgTypeName = LowerName(progType, "BPF_PROG_TYPE_", "unspec");

            // Attach type 0 is BPF_CGROUP_INET_INGRESS, which is also what "none" reads as.
            AttachTypeName = LowerName(attachType, "BPF_", "cgroup_inet_ingress");
        }

        /// <summary>The entry as libbpf writes it: <c>kprobe+</c>, <c>xdp_devmap/</c>, <c>xdp</c>.</summary>
        public string Section { get; }

        /// <summary>The entry without its trailing <c>+</c> or <c>/</c>: <c>kprobe</c>, <c>xdp_devmap</c>, <c>xdp</c>.</summary>
        public string Type { get; }

        public SectionMatch Match { get; }

        /// <summary><c>BPF_PROG_TYPE_XDP</c>.</summary>
        public string ProgType { get; }

        /// <summary><c>BPF_XDP</c>, or <c>0</c> for none.</summary>
        public string AttachType { get; }

        public SectionFlags Flags { get; }

        /// <summary>
        /// The attach function libbpf's row gives the entry (<c>SEC_DEF</c>'s fifth argument), or null for none: what
        /// auto-attach makes of the name after the slash. Custom sections have none the analyzer knows.
        /// </summary>
        public AttachFunction? AttachFunction { get; }

        /// <summary>Declared by the project (libbpf's <c>libbpf_register_prog_handler()</c>).</summary>
        public bool IsCustom { get; }

        /// <summary>libbpf's lower-case name, as <c>libbpf_bpf_prog_type_str()</c> prints it: <c>xdp</c>.</summary>
        public string ProgTypeName { get; }

        /// <summary>libbpf's lower-case name: <c>xdp</c>, or <c>cgroup_inet_ingress</c> for 0.</summary>
        public string AttachTypeName { get; }

        /// <summary>
        /// A custom section as a project declares it, in libbpf's notation: <c>user+</c>, <c>user/</c> or
        /// <c>user</c>. Custom entries are never prefix matches (libbpf checks them with <c>sec_def_matches()</c>).
        /// </summary>
        public static bool TryCreateCustom(string? section, string? progType, out SectionEntry? entry)
        {
            entry = null;
            if (section is null || section.Length == 0 || section == "+" || section == "/")
            {
                return false;
            }

            foreach (char c in section)
            {
                if (c <= ' ' || c >= 0x7f)
                {
                    return false;
                }
            }

            SectionMatch match = section[section.Length - 1] switch
            {
                '+' => SectionMatch.Plus,
                '/' => SectionMatch.Slash,
                _ => SectionMatch.Exact,
            };
            string type = string.IsNullOrEmpty(progType) ? "BPF_PROG_TYPE_UNSPEC" : progType!;
            if (!type.StartsWith("BPF_PROG_TYPE_", StringComparison.Ordinal))
            {
                type = "BPF_PROG_TYPE_" + type.ToUpperInvariant();
            }

            entry = new SectionEntry(section, match, type, "0", SectionFlags.None, isCustom: true);
            return true;
        }

        /// <summary>
        /// The entries a project's custom sections make (<c>[assembly: BpfCustomSection]</c> in C#, <c>--custom</c> in the CLI),
        /// tried before the table in order; those libbpf_register_prog_handler() would refuse are left out
        /// (<see cref="SectionChecker.CheckCustomSection"/> reports them).
        /// </summary>
        public static IReadOnlyList<SectionEntry> CustomEntries(IEnumerable<(string? Section, string? ProgType)> declarations)
        {
            var entries = new List<SectionEntry>();
            foreach ((string? section, string? progType) in declarations)
            {
                if (TryCreateCustom(section, progType, out SectionEntry? entry))
                {
                    entries.Add(entry!);
                }
            }

            return entries;
        }

        public override string ToString() => Section;

        private static string LowerName(string value, string prefix, string zero)
        {
            if (value == "0")
            {
                return zero;
            }

            string s = value.StartsWith(prefix, StringComparison.Ordinal) ? value.Substring(prefix.Length) : value;
            return s.ToLowerInvariant();
        }
    }
}
