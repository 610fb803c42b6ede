using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers.ReferenceAnalyzer
{
    /// <summary>
    /// The floor a [BpfSection] analyzer cannot go below: a symbol action on methods, fields, properties and types
    /// that reads the compiler's bound <see cref="ISymbol.GetAttributes"/>, compares the attribute class name and
    /// reads the constant name. It reports nothing (a diagnostic it never raises keeps Roslyn from skipping it).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReferenceAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_never = new DiagnosticDescriptor(
            "BPFREF", "reference", "{0}", "Bench", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        private static int s_seen;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(Analyze, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property, SymbolKind.NamedType);
        }

        private static void Analyze(SymbolAnalysisContext context)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (SectionName(attribute) is string name && name.Length == int.MaxValue)
                {
                    context.ReportDiagnostic(Diagnostic.Create(s_never, Location.None, name));
                }
                else if (attribute.ConstructorArguments.Length > 0)
                {
                    // Keeps the read observable; a racy count is fine for a measuring stick.
                    s_seen++;
                }
            }
        }

        /// <summary>The constant name of a <c>[BpfSection("...")]</c>, or null for any other attribute: the walk both references make.</summary>
        internal static string? SectionName(AttributeData attribute) =>
            attribute.AttributeClass?.Name == "BpfSectionAttribute" && attribute.ConstructorArguments.Length > 0
                ? attribute.ConstructorArguments[0].Value as string
                : null;
    }
}
