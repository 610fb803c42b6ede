using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>How a table entry compares a name, as libbpf's <c>sec_def_matches()</c> does.</summary>
    public enum SectionMatch
    {
        /// <summary>The whole name must equal the entry.</summary>
        Exact,

        /// <summary><c>type+</c>: exactly <c>type</c>, or <c>type/</c> followed by anything.</summary>
        Plus,

        /// <summary><c>type/</c>: the name must start with <c>type/</c>.</summary>
        Slash,

        /// <summary>
        /// Legacy prefix (<c>SEC_SLOPPY_PFX</c>, and every entry before 0.6): any name that starts with
        /// the entry. Exact under strict section names.
        /// </summary>
        LegacyPrefix,
    }

    /// <summary>How a name matched the entry it resolved to.</summary>
    public enum MatchKind
    {
        /// <summary>No entry matches: libbpf fails to load the program.</summary>
        None,

        /// <summary>The name is exactly the entry (an exact or legacy-prefix entry).</summary>
        Exact,

        /// <summary>A <c>type+</c> entry: bare <c>type</c> or <c>type/extras</c>.</summary>
        Plus,

        /// <summary>A <c>type/</c> entry.</summary>
        Slash,

        /// <summary>Only an old libbpf's prefix matching accepts it (<c>xdpblah</c> as <c>xdp</c>).</summary>
        LegacyPrefix,
    }

    /// <summary>libbpf's <c>SEC_*</c> flags of a table entry.</summary>
    [Flags]
    public enum SectionFlags
    {
        None = 0,
        Attachable = 1 << 0,
        AttachableOpt = 1 << 1,
        AttachBtf = 1 << 2,
        Deprecated = 1 << 3,
        ExpAttachOpt = 1 << 4,
        Sleepable = 1 << 5,
        SloppyPrefix = 1 << 6,
        Usdt = 1 << 7,
        XdpFrags = 1 << 8,
    }
}
