namespace BpfAnalyzers.Sections
{
    /// <summary>Characters that are never part of a section name libbpf knows.</summary>
    public static class SectionNameCharacters
    {
        /// <summary>
        /// Zero-width and invisible format characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen):
        /// the analyzer calls a name with one malformed, and the suggester's clean-up removes them. One
        /// list, so the two cannot drift.
        /// </summary>
        public static bool IsInvisible(char c) =>
            c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
    }
}
