using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers.ReferenceAnalyzer
{
    /// <summary>
    /// The floor of an analyzer that reports what BpfAnalyzers reports: <see cref="ReferenceAnalyzer"/>'s walk, plus one
    /// error on the string literal of each name bench/build_cost.py generates as wrong (its four WRONG names, known here
    /// by heart: no table). What Roslyn charges for having a diagnostic reported (its filter, suppression and severity
    /// checks) lands in this analyzer's row too, so the 10 %-wrong rows can be read against it. An error, as BPF0001 is:
    /// a sampled trace of the warm server put Roslyn's reporting of 1,000 errors at 22-26 ms, of 1,000 warnings at ~1 ms.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReportingReferenceAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_wrong = new DiagnosticDescriptor(
            "BPFREF2", "reference: wrong name", "'{0}' is one of the benchmark's wrong names", "Bench", DiagnosticSeverity.Error, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_wrong);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterSymbolAction(Analyze, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property, SymbolKind.NamedType);
        }

        private static void Analyze(SymbolAnalysisContext context)
        {
            foreach (AttributeData attribute in context.Symbol.GetAttributes())
            {
                if (ReferenceAnalyzer.SectionName(attribute) is string name &&
                    (name == "xdpblah" || name == "kprobes/do_unlinkat" || name == "cgroup_sock" || name == "tracepoints/sched/sched_switch") &&
                    attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax syntax &&
                    syntax.ArgumentList is { Arguments.Count: > 0 } arguments)
                {
                    context.ReportDiagnostic(Diagnostic.Create(s_wrong, arguments.Arguments[0].Expression.GetLocation(), name));
                }
            }
        }
    }
}
