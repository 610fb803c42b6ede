namespace BpfAnalyzers.Completion
{
    /// <summary>One name the editor offers, with what it says about it.</summary>
    internal readonly struct SectionName
    {
        public SectionName(string name, string description)
        {
            Name = name;
            Description = description;
        }

        /// <summary>The text inserted between the quotes: <c>xdp</c>, <c>kprobe/</c>, <c>.data.</c>.</summary>
        public string Name { get; }

        public string Description { get; }

        public override string ToString() => Name;
    }
}
