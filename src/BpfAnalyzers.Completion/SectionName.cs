namespace BpfAnalyzers.Completion
{
    /// <summary>One name the editor offers, with what it says about it.</summary>
    internal readonly struct SectionName
    {
        public SectionName(string name, string description, string inline = "")
        {
            Name = name;
            Description = description;
            Inline = inline;
        }

        /// <summary>The text inserted between the quotes: <c>xdp</c>, <c>kprobe/</c>, <c>.data.</c>.</summary>
        public string Name { get; }

        public string Description { get; }

        /// <summary>Shown beside the name in the list: the program type (<c>kprobe</c>), or nothing.</summary>
        public string Inline { get; }

        public override string ToString() => Name;
    }
}
