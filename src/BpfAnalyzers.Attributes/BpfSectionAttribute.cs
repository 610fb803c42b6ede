using System;

namespace BpfAnalyzers
{
    /// <summary>
    /// Places a BPF program, a global or a map in an ELF section, as <c>SEC("name")</c> does in C. On a method
    /// libbpf infers the program type and attach point from the name (checked against its program section
    /// table); on a static field or property the name is a data section (<c>.data</c>, <c>.rodata</c>,
    /// <c>.bss</c>, their <c>.NAME</c> forms, <c>.maps</c>, <c>license</c>, ...), checked against the sections
    /// libbpf reads for globals and maps.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class BpfSectionAttribute : Attribute
    {
        /// <param name="name">The ELF section name, for example <c>xdp</c>, <c>kprobe/do_sys_open</c> or <c>.rodata</c>.</param>
        public BpfSectionAttribute(string name)
        {
            Name = name;
        }

        /// <summary>The ELF section name.</summary>
        public string Name { get; }

        /// <summary>
        /// True when the program sets its attach target in code (<c>bpf_program__set_attach_target()</c>),
        /// so a section such as <c>fentry</c> may leave the target out.
        /// </summary>
        public bool AttachTargetSetInCode { get; set; }
    }

    /// <summary>
    /// Declares a project-specific section, the analogue of libbpf's
    /// <c>libbpf_register_prog_handler()</c> (libbpf 0.8+): checked before the built-in table. Write it
    /// as libbpf does: <c>user+</c> (exactly <c>user</c> or <c>user/extras</c>), <c>user/</c>
    /// (<c>user/extras</c>) or <c>user</c> (exactly).
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
    public sealed class BpfCustomSectionAttribute : Attribute
    {
        /// <param name="section">The section pattern: <c>user+</c>, <c>user/</c> or <c>user</c>.</param>
        public BpfCustomSectionAttribute(string section)
        {
            Section = section;
        }

        /// <summary>The section pattern.</summary>
        public string Section { get; }

        /// <summary>The program type the handler sets, in libbpf's lower-case form (<c>kprobe</c>).</summary>
        public string? ProgType { get; set; }
    }
}
