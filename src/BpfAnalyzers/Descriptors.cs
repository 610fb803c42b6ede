using System.Collections.Generic;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>
    /// The diagnostic descriptor of every rule, made of its record in <see cref="Rules"/> (BpfAnalyzers.Sections), where a
    /// rule's id, words, severity, category, help link and fixes are written once, so that the CLI says exactly what the
    /// analyzer says and nothing here can drift from it.
    /// </summary>
    public static class Descriptors
    {
        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = Build();

        /// <summary>Every descriptor, in identifier order.</summary>
        public static IReadOnlyList<DiagnosticDescriptor> All { get; } = BuildAll();

        /// <summary>The descriptor of <paramref name="rule"/>.</summary>
        public static DiagnosticDescriptor Of(Rule rule) => s_byId[rule.Id];

        internal static DiagnosticSeverity Severity(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => DiagnosticSeverity.Error,
            FindingSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };

        private static Dictionary<string, DiagnosticDescriptor> Build()
        {
            var byId = new Dictionary<string, DiagnosticDescriptor>(Rules.All.Count);
            foreach (Rule rule in Rules.All)
            {
                byId.Add(rule.Id, From(rule));
            }

            return byId;
        }

        private static IReadOnlyList<DiagnosticDescriptor> BuildAll()
        {
            var all = new DiagnosticDescriptor[Rules.All.Count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = s_byId[Rules.All[i].Id];
            }

            return all;
        }

        private static DiagnosticDescriptor From(Rule rule) => rule.IsCompilationEnd
            ? new DiagnosticDescriptor(rule.Id, rule.Title, rule.MessageFormat, rule.Category, Severity(rule.Severity), isEnabledByDefault: true, rule.Description, rule.HelpLink, WellKnownDiagnosticTags.CompilationEnd)
            : new DiagnosticDescriptor(rule.Id, rule.Title, rule.MessageFormat, rule.Category, Severity(rule.Severity), isEnabledByDefault: true, rule.Description, rule.HelpLink);
    }
}
