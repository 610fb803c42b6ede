namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>What <c>libbpf_attach_type_by_name()</c> answers, derived from the entry the resolver finds.</summary>
    internal static class AttachTypeByName
    {
        /// <summary>
        /// The entry's attach type when it is <c>SEC_ATTACHABLE</c> (<c>SEC_ATTACHABLE_OPT</c> includes that bit),
        /// else <c>-EINVAL</c>, which is also the answer for an unknown name (libbpf 1.x).
        /// </summary>
        public static string Of(SectionEntry? e) =>
            e is not null && (e.Flags & (SectionFlags.Attachable | SectionFlags.AttachableOpt)) != 0 ? e.AttachTypeName : "-EINVAL";
    }
}
