using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// The floor: registers what <see cref="SectionNameAnalyzer"/> registers (compilation start, a syntax node action
    /// on Attribute, compilation end, the same generated-code flags) and does nothing in them. What it costs is what Roslyn charges any analyzer of
    /// this shape; the difference to ours is ours.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_never = new DiagnosticDescriptor(
            "BENCH0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(s_never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.Attribute);
                start.RegisterCompilationEndAction(_ => { });
            });
        }
    }
}
