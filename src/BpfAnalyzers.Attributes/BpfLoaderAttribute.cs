using System;

namespace BpfAnalyzers
{
    /// <summary>
    /// Declares what the program's loader does in code, so BpfAnalyzers does not report what only libbpf's
    /// own inference from the section name would get wrong. Put it on a program, on a class or struct (every
    /// program in it), or on the assembly or module. The nearest declaration that sets a property wins:
    /// the method, then its containing types outward, then the module, then the assembly. Recognised by its
    /// class name in any namespace, so a framework may define its own.
    /// </summary>
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Module | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class BpfLoaderAttribute : Attribute
    {
        /// <summary>
        /// The loader attaches the program itself (<c>bpf_program__attach_*()</c>), or turns libbpf's
        /// auto-attach off (<c>bpf_program__set_autoattach(false)</c>): what only auto-attach reads of the
        /// section name does not matter.
        /// </summary>
        public bool AttachesInCode { get; set; }

        /// <summary>
        /// The loader sets the program type (<c>bpf_program__set_type()</c>) before load, so a name libbpf
        /// cannot infer a type from still loads.
        /// </summary>
        public bool SetsType { get; set; }

        /// <summary>
        /// The loader sets the BTF attach target (<c>bpf_program__set_attach_target()</c>) before load, as
        /// <c>[BpfSection(AttachTargetSetInCode = true)]</c> says for one program.
        /// </summary>
        public bool SetsAttachTarget { get; set; }
    }
}
