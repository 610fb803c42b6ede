using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>What is wrong with one section name: the rule, its message arguments, and the fixes.</summary>
    internal sealed class SectionFinding
    {
        public SectionFinding(DiagnosticDescriptor descriptor, object[] messageArgs, IReadOnlyList<string> fixes)
        {
            Descriptor = descriptor;
            MessageArgs = messageArgs;
            Fixes = fixes;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public object[] MessageArgs { get; }

        /// <summary>Replacement names, best first (at most <see cref="SectionNameRules.MaxFixes"/>).</summary>
        public IReadOnlyList<string> Fixes { get; }
    }
}
