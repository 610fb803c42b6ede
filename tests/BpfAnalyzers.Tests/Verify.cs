using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// A few lines per test: source with diagnostic markup, optional settings, expected fix. Sources get
    /// <c>using BpfAnalyzers;</c> and the attribute assembly the package ships.
    /// </summary>
    internal static class Verify
    {
        public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Error);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        /// <summary>Analyzes <paramref name="source"/> under optional <c>.globalconfig</c> lines.</summary>
        public static Task Analyzer(string source, string? globalConfig = null, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.Configure(globalConfig);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Applies the code action of rank <paramref name="rank"/> (0 = best) and, by Fix All, every like it.</summary>
        public static Task Fix(string source, string fixedSource, int rank = 0, string? globalConfig = null, int iterations = 1)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionIndex = rank };
            test.Configure(globalConfig);
            test.NumberOfFixAllIterations = iterations;
            test.NumberOfFixAllInDocumentIterations = iterations;
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpCodeFixTest<SectionNameAnalyzer, CanonicalizeSectionFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location));
            }

            public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

            public void Configure(string? globalConfig)
            {
                if (globalConfig is not null)
                {
                    TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
                }
            }

            protected override ParseOptions CreateParseOptions() => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
        }
    }
}
