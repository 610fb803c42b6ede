namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Checks the attach target of a section that resolved, the way libbpf of the target release reads
    /// it: the <c>attach_*()</c> functions that auto-attach (<c>attach_kprobe()</c>, <c>attach_uprobe()</c>,
    /// <c>attach_usdt()</c>, <c>attach_tp()</c>, ...) and, for <c>SEC_ATTACH_BTF</c> types, the BTF lookup
    /// at load (<c>libbpf_prepare_prog_load()</c>, <c>libbpf_find_attach_btf_id()</c>). Pure and
    /// allocation-free when the target is fine. Each table row names its attach function
    /// (<see cref="SectionEntry.AttachFunction"/>), as <c>section_defs[]</c> does; each has its own file beside this one.
    /// </summary>
    public static class AttachTargetRules
    {
        /// <summary>BTF names go through a <c>char[BTF_MAX_NAME_SIZE]</c> (128) with their prefix.</summary>
        internal const int BtfMaxNameSize = 128;

        private const int MaxQuoted = 80;

        /// <summary>
        /// The problem with <paramref name="resolution"/>'s attach target under its release, or null.
        /// Custom sections, unknown names and legacy-prefix matches are not checked.
        /// </summary>
        /// <param name="resolution">What <see cref="SectionResolver.ResolveProgram"/> made of the name.</param>
        /// <param name="program">The program's name, as libbpf's messages print it.</param>
        public static AttachTargetFinding? Check(in SectionResolution resolution, string program = LibbpfMessages.ProgramPlaceholder)
        {
            SectionEntry? entry = resolution.Entry;
            if (entry is null || entry.IsCustom || resolution.IsLegacyPrefix)
            {
                return null;
            }

            var n = new AttachTargetName(resolution, entry, program ?? LibbpfMessages.ProgramPlaceholder);
            if ((entry.Flags & SectionFlags.AttachBtf) != 0)
            {
                return BtfTargets.Check(n);
            }

            // Before 0.8 "uprobe/" had no attach function at all (the row's attach_fn is '-'): what libbpf then does is
            // UprobeTargets' to say.
            if (entry.AttachFunction is null)
            {
                return n.Type == "uprobe" || n.Type == "uretprobe" ? UprobeTargets.CheckBeforeAttachUprobe(n) : null;
            }

            return entry.AttachFunction.Check(n);
        }

        /// <summary>A name fragment as a message quotes it: long ones are cut with an ellipsis.</summary>
        internal static string Cut(string s) => s.Length <= MaxQuoted ? s : s.Substring(0, MaxQuoted) + "…";
    }
}
