using System;
using System.Collections.Generic;
using System.Globalization;

namespace BpfAnalyzers.Sections
{
    /// <summary>What a loader does in code that some findings do not survive (<c>[BpfLoader]</c> in C#, flags in the CLI).</summary>
    [Flags]
    public enum LoaderWaiver
    {
        None = 0,

        /// <summary><c>bpf_program__set_type()</c>: libbpf's type inference from the name is not needed.</summary>
        SetsType = 1,

        /// <summary><c>bpf_program__attach_*()</c> or <c>bpf_program__set_autoattach(false)</c>: auto-attach never reads the name.</summary>
        AttachesInCode = 2,

        /// <summary><c>bpf_program__set_attach_target()</c>: the BTF target in the name does not matter.</summary>
        SetsAttachTarget = 4,
    }

    /// <summary>
    /// One thing wrong with a section name: the rule it breaks, the message arguments, where in the name (or the whole
    /// name), the fixes best first, and what a loader may do in code that makes it moot. The analyzer reports it at the
    /// literal, the code fixes apply <see cref="Fixes"/>, the CLI prints it: one account of a name for every surface.
    /// </summary>
    public sealed class Finding
    {
        private static readonly string[] s_noFixes = new string[0];

        public Finding(Rule rule, string[] arguments, IReadOnlyList<string>? fixes = null, int start = -1, int length = 0, LoaderWaiver waivedBy = LoaderWaiver.None, string? customSection = null, bool yieldsToAttachTarget = false)
        {
            if ((waivedBy & ~rule.WaivedBy) != 0)
            {
                // A rule's record says what may waive it (docs/rules/ID.md shows it); a finding never claims more.
                throw new ArgumentException($"{rule.Id} is not waived by {waivedBy & ~rule.WaivedBy}", nameof(waivedBy));
            }

            Rule = rule;
            Arguments = arguments;
            Fixes = fixes ?? s_noFixes;
            Start = start;
            Length = length;
            WaivedBy = waivedBy;
            CustomSection = customSection;
            YieldsToAttachTarget = yieldsToAttachTarget;
        }

        public Rule Rule { get; }

        public string Id => Rule.Id;

        public FindingSeverity Severity => Rule.Severity;

        /// <summary>The message arguments, <c>{0}</c> first (always the target, as <c>libbpf 1.7</c>, where the rule names it).</summary>
        public string[] Arguments { get; }

        /// <summary>The message, formatted exactly as Roslyn formats the diagnostic's.</summary>
        public string Message => string.Format(CultureInfo.CurrentCulture, Rule.MessageFormat, Arguments);

        /// <summary>Replacement section names, best first; the first is what a fix-all applies.</summary>
        public IReadOnlyList<string> Fixes { get; }

        /// <summary>Where the offending part starts in the name, or -1 when the finding is about the whole name.</summary>
        public int Start { get; }

        /// <summary>How long the offending part is; 0 when <see cref="Start"/> is -1.</summary>
        public int Length { get; }

        /// <summary>True when the finding is about the whole name rather than a part of it.</summary>
        public bool IsWholeName => Start < 0;

        /// <summary>What in the loader makes this finding moot: any one of the flags is enough.</summary>
        public LoaderWaiver WaivedBy { get; }

        /// <summary>
        /// For an unknown name that is no typo of anything: the <c>[assembly: BpfCustomSection]</c> that would declare it
        /// (<c>user+</c>), offered as a light-bulb-only action; null otherwise.
        /// </summary>
        public string? CustomSection { get; }

        /// <summary>
        /// True for a finding about the name that is not reported while an attach-target warning or error stands, which
        /// says the same and more ('fentry/': BPF0016 "no BTF type ''" rather than BPF0003 "loads, but the target is empty").
        /// </summary>
        public bool YieldsToAttachTarget { get; }

        /// <summary>True when a loader that does <paramref name="loader"/> does not have this problem.</summary>
        public bool IsWaivedBy(LoaderWaiver loader) => (WaivedBy & loader) != 0;

        /// <summary>This finding with every <paramref name="placeholder"/> in its arguments replaced by <paramref name="value"/>.</summary>
        internal Finding Replace(string placeholder, string value)
        {
            string[]? replaced = null;
            for (int i = 0; i < Arguments.Length; i++)
            {
                if (Arguments[i].IndexOf(placeholder, StringComparison.Ordinal) >= 0)
                {
                    replaced ??= (string[])Arguments.Clone();
                    replaced[i] = Arguments[i].Replace(placeholder, value);
                }
            }

            return replaced is null ? this : new Finding(Rule, replaced, Fixes, Start, Length, WaivedBy, CustomSection, YieldsToAttachTarget);
        }

        public override string ToString() => $"{Id} [{Start},{Start + Length}): {Message}";
    }
}
