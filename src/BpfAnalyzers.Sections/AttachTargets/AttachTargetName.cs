namespace BpfAnalyzers.Sections
{
    /// <summary>The parts of one resolved name that every check reads.</summary>
    internal readonly struct AttachTargetName
    {
        public AttachTargetName(in SectionResolution r, SectionEntry entry, string program)
        {
            Text = r.Name;
            Start = r.NameStart;
            End = r.NameStart + r.NameLength;
            Target = r.AttachTargetStart;
            Version = r.Libbpf.Version;
            Type = entry.Type;
            AttachType = entry.AttachType;
            Program = program;
        }

        /// <summary>The name as written, with a leading <c>?</c>.</summary>
        public string Text { get; }

        /// <summary>Where libbpf's <c>prog->sec_name</c> starts (after a stripped <c>?</c>).</summary>
        public int Start { get; }

        /// <summary>Where the C string ends.</summary>
        public int End { get; }

        /// <summary>Where the attach target starts, after the <c>/</c>; -1 for a bare type.</summary>
        public int Target { get; }

        public LibbpfVersion Version { get; }

        public string Type { get; }

        /// <summary>The entry's expected attach type (<c>BPF_TRACE_RAW_TP</c>), which picks the BTF prefix.</summary>
        public string AttachType { get; }

        public string Program { get; }

        public bool IsBare => Target < 0;

        public string Section => Text.Substring(Start, End - Start);

        public string Prefix => Text.Substring(0, Start);

        public string TargetText => Text.Substring(Target, End - Target);

        public string Part(int from, int to) => Text.Substring(from, to - from);
    }
}
