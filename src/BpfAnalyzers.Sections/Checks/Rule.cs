namespace BpfAnalyzers.Sections
{
    /// <summary>How bad a finding is; the analyzer maps these onto Roslyn's severities one to one.</summary>
    public enum FindingSeverity
    {
        /// <summary>Worth knowing; libbpf loads and attaches the program as written.</summary>
        Info,

        /// <summary>libbpf loads the program, but the name should change.</summary>
        Warning,

        /// <summary>libbpf refuses the program (or the build's settings are wrong).</summary>
        Error,
    }

    /// <summary>One rule: its identifier, title, message format (<c>{0}</c>... filled by each finding), category and severity.</summary>
    public sealed class Rule
    {
        public Rule(string id, string title, string messageFormat, string category, FindingSeverity severity, string description, bool compilationEnd = false)
        {
            Id = id;
            Title = title;
            MessageFormat = messageFormat;
            Category = category;
            Severity = severity;
            Description = description;
            IsCompilationEnd = compilationEnd;
        }

        public string Id { get; }

        public string Title { get; }

        /// <summary>A composite format string (<see cref="string.Format(System.IFormatProvider, string, object[])"/>), as Roslyn reads it.</summary>
        public string MessageFormat { get; }

        public string Category { get; }

        public FindingSeverity Severity { get; }

        public string Description { get; }

        /// <summary>True for rules reported once the whole compilation has been seen (duplicates, configuration).</summary>
        public bool IsCompilationEnd { get; }

        public string HelpLink => Rules.HelpLink(Id);

        public override string ToString() => Id;
    }
}
