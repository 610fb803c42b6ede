using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>What is wrong with one section name: the rule, its message arguments, and the fixes.</summary>
    internal sealed class SectionFinding
    {
        public SectionFinding(DiagnosticDescriptor descriptor, object[] messageArgs, IReadOnlyList<string> fixes, string? customSection = null)
        {
            Descriptor = descriptor;
            MessageArgs = messageArgs;
            Fixes = fixes;
            CustomSection = customSection;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public object[] MessageArgs { get; }

        /// <summary>Replacement names, best first (at most <see cref="SectionNameRules.MaxFixes"/>).</summary>
        public IReadOnlyList<string> Fixes { get; }

        /// <summary>
        /// For an unknown name that is no typo of anything: the <c>[assembly: BpfCustomSection]</c> that would
        /// declare it (<c>user+</c>), offered as a light-bulb-only action; null otherwise.
        /// </summary>
        public string? CustomSection { get; }
    }
}
