namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What libbpf makes of one section name. A struct holding only references and offsets, so
    /// resolving a valid name allocates nothing; the strings below are cut only when asked for.
    /// </summary>
    public readonly struct SectionResolution
    {
        internal SectionResolution(string name, int nameStart, int nameLength, LibbpfSetup libbpf, SectionEntry? entry, MatchKind how, int attachTargetStart, bool isDeprecated)
        {
            Name = name;
            NameStart = nameStart;
            NameLength = nameLength;
            Libbpf = libbpf;
            Entry = entry;
            How = how;
            AttachTargetStart = attachTargetStart;
            IsDeprecated = isDeprecated;
        }

        /// <summary>The name as given (including a leading <c>?</c>).</summary>
        public string Name { get; }

        /// <summary>1 when a leading <c>?</c> (do not autoload) was stripped, else 0.</summary>
        public int NameStart { get; }

        /// <summary>
        /// How many characters libbpf compares: up to the end, or up to an embedded NUL, where a C string
        /// ends.
        /// </summary>
        public int NameLength { get; }

        public LibbpfSetup Libbpf { get; }

        /// <summary>The entry that matched, or null when libbpf would not recognise the name.</summary>
        public SectionEntry? Entry { get; }

        public MatchKind How { get; }

        public bool IsMatch => Entry is not null;

        /// <summary>True when only a legacy prefix match accepts the name (<c>xdpblah</c>).</summary>
        public bool IsLegacyPrefix => How == MatchKind.LegacyPrefix;

        /// <summary>Index in <see cref="Name"/> where the attach target starts (after the <c>/</c>), or -1.</summary>
        public int AttachTargetStart { get; }

        /// <summary>
        /// The part after <c>type/</c>: <c>do_sys_open</c> in <c>kprobe/do_sys_open</c>; empty for
        /// <c>kprobe/</c>; null when there is none.
        /// </summary>
        public string? AttachTarget => AttachTargetStart < 0 ? null : Name.Substring(AttachTargetStart, NameStart + NameLength - AttachTargetStart);

        /// <summary>
        /// Deprecated or legacy in the target release: <c>SEC_DEPRECATED</c> entries (0.7–0.8), and
        /// <c>tc</c>, <c>classifier</c>, <c>action</c> once tcx exists (1.3, "deprecated / legacy, use tcx").
        /// </summary>
        public bool IsDeprecated { get; }

        /// <summary>
        /// How the name should be written, for the same program type and attach type: <c>xdp</c> for
        /// <c>xdpblah</c> (legacy prefix), <c>kprobe</c> for <c>kprobe/</c>, <c>xdp/devmap</c> for
        /// <c>xdp_devmap/x</c>, <c>tc</c> for a deprecated <c>classifier</c>. The name itself when it is
        /// already canonical; null when nothing matched.
        /// </summary>
        public string? Canonical => SectionResolver.CanonicalOf(this);

        /// <summary>True when the name matched and is already written as <see cref="Canonical"/>.</summary>
        public bool IsCanonical => IsMatch && SectionResolver.IsCanonical(this);

        public override string ToString() =>
            Entry is null ? $"{Name}: no match under {Libbpf}" : $"{Name}: {Entry.Section} ({How}) {Entry.ProgTypeName}/{Entry.AttachTypeName}";
    }
}
