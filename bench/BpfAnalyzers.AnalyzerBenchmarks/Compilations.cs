using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>In-memory compilations of generated projects, and one analysis run over them.</summary>
    internal static class Compilations
    {
        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);

        public static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: false);

        /// <summary>
        /// The running runtime's own assemblies (implementation, not reference, assemblies: the same types) and the
        /// attribute assembly the package ships.
        /// </summary>
        public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

        public static ImmutableArray<SyntaxTree> Parse(GeneratedProject project) =>
            project.Files.Select(Parse).ToImmutableArray();

        public static SyntaxTree Parse(GeneratedFile file) =>
            CSharpSyntaxTree.ParseText(file.Text, ParseOptions, path: "/gen/" + file.Path);

        public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees) =>
            CSharpCompilation.Create("Generated", trees, References, Options);

        /// <summary>
        /// A fresh <see cref="CompilationWithAnalyzers"/> (Roslyn caches results per instance), timing each analyzer
        /// callback. Single-threaded, compiler included (<see cref="Options"/>): on 2 cores the compiler's and the
        /// driver's threads preempt callbacks, and a callback's stopwatch would count that time as the analyzer's.
        /// </summary>
        public static CompilationWithAnalyzers WithAnalyzer(Compilation compilation, DiagnosticAnalyzer analyzer) =>
            compilation.WithAnalyzers(
                ImmutableArray.Create(analyzer),
                new CompilationWithAnalyzersOptions(
                    new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    onAnalyzerException: (e, a, d) => throw new InvalidOperationException($"{a} threw: {e}", e),
                    concurrentAnalysis: false,
                    logAnalyzerExecutionTime: true,
                    reportSuppressedDiagnostics: false));

        /// <summary>Whole-compilation analysis: every diagnostic the analyzer reports, its callbacks' time, and the wall time.</summary>
        public static async Task<AnalysisRun> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
        {
            CompilationWithAnalyzers cwa = WithAnalyzer(compilation, analyzer);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = System.Diagnostics.Stopwatch.StartNew();
            ImmutableArray<Diagnostic> diagnostics = await cwa.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            wall.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            AnalyzerTelemetryInfo info = await cwa.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            return new AnalysisRun(info.ExecutionTime, wall.Elapsed, diagnostics, allocated);
        }

        private static ImmutableArray<MetadataReference> LoadReferences()
        {
            string tpa = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? throw new InvalidOperationException("no TRUSTED_PLATFORM_ASSEMBLIES");
            var references = new List<MetadataReference>();
            foreach (string path in tpa.Split(Path.PathSeparator))
            {
                string file = Path.GetFileName(path);
                if (file.StartsWith("System.", StringComparison.Ordinal) || file == "netstandard.dll" || file == "mscorlib.dll")
                {
                    references.Add(MetadataReference.CreateFromFile(path));
                }
            }

            references.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location));
            return references.ToImmutableArray();
        }
    }

    internal sealed class AnalysisRun
    {
        public AnalysisRun(TimeSpan analyzerTime, TimeSpan wallTime, ImmutableArray<Diagnostic> diagnostics, long allocatedBytes)
        {
            AnalyzerTime = analyzerTime;
            WallTime = wallTime;
            Diagnostics = diagnostics;
            AllocatedBytes = allocatedBytes;
        }

        /// <summary>Roslyn's telemetry: the time spent inside the analyzer's callbacks.</summary>
        public TimeSpan AnalyzerTime { get; }

        /// <summary>The whole request: compiling, driving analyzers and the callbacks.</summary>
        public TimeSpan WallTime { get; }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        /// <summary>Bytes allocated by the process during the request (all threads).</summary>
        public long AllocatedBytes { get; }
    }
}
