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

    /// <summary>The code fixes a rule's diagnostics offer; each fixer reads its ids from these (<see cref="Rules.Fixable"/>).</summary>
    [System.Flags]
    public enum RuleFixes
    {
        /// <summary>No fix: nothing in the source is clearly right to write instead (the doc page says why).</summary>
        None = 0,

        /// <summary>Rewrite the section name to one of the finding's ranked <see cref="Finding.Fixes"/> (Fix All, dotnet format).</summary>
        Rename = 1,

        /// <summary>Declare the name's type with <c>[assembly: BpfCustomSection]</c> (light bulb only).</summary>
        DeclareCustomSection = 2,

        /// <summary>Say the loader sets the attach target in code (<c>AttachTargetSetInCode = true</c>).</summary>
        DeclareAttachTargetInCode = 4,
    }

    /// <summary>
    /// One rule, declared once: identifier, title, message format (<c>{0}</c>... filled by each finding), category, severity,
    /// description, help link, the fixes it offers and what in the loader waives it. The analyzer's descriptors, the fixers' ids, the README table and the
    /// doc pages' header rows are made of it or checked against it.
    /// </summary>
    public sealed class Rule
    {
        public Rule(string id, string title, string messageFormat, string category, FindingSeverity severity, string description, RuleFixes fixes = RuleFixes.None, bool compilationEnd = false, LoaderWaiver waivedBy = LoaderWaiver.None)
        {
            Fixes = fixes;
            WaivedBy = waivedBy;
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

        /// <summary>The code fixes its diagnostics offer.</summary>
        public RuleFixes Fixes { get; }

        /// <summary>
        /// What a loader may declare in code (<c>[BpfLoader]</c>) that makes this rule's findings moot: each finding is waived
        /// by these or by fewer of them (an attach target's BTF lookup survives attaching in code), never by others.
        /// </summary>
        public LoaderWaiver WaivedBy { get; }

        public string HelpLink => Rules.HelpLink(Id);

        public override string ToString() => Id;
    }
}
