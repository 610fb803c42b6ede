using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Part 4: the editor's request after a keystroke: one changed document (the same 100-method file every time)
    /// analyzed in projects of 1,000, 10,000 and 100,000 methods. Each repetition makes the compilation an edit
    /// makes (the project with that document replaced: a new compilation, so the analyzer's compilation start runs
    /// again) and a fresh <see cref="CompilationWithAnalyzers"/>, then asks for that document's syntax and semantic
    /// diagnostics only. Ours and the no-op floor alternate.
    /// </summary>
    internal static class EditorPathBenchmark
    {
        /// <summary>Independent of project size: the largest project may cost at most this much more than the smallest.</summary>
        public const double SizeTarget = 1.5;

        public static async Task RunAsync(Settings settings)
        {
            var results = new Results(settings.ResultsDirectory, "4-editor");
            const string part = "4 editor";
            Console.WriteLine("== 4. editor path: one changed document's diagnostics, by project size");

            GeneratedFile original = ProjectGenerator.ChangedDocument(0);
            GeneratedFile edited = ProjectGenerator.ChangedDocument(1);
            int expected = ProjectGenerator.ChangedDocumentDiagnostics;

            await AnalyzerOverheadBenchmark.WarmUpAsync().ConfigureAwait(false);
            await MeasureAsync(1_000, original, edited, expected, 5).ConfigureAwait(false);

            var ours = new Dictionary<int, (double Analyzer, double Extra)>();
            foreach (int size in settings.EditorSizes)
            {
                (Samples oursAnalyzer, Samples oursWall, Samples floorWall) = await MeasureAsync(size, original, edited, expected, settings.EditorRepetitions).ConfigureAwait(false);
                double extra = oursWall.Median - floorWall.Median;
                ours[size] = (oursAnalyzer.Median, extra);
                results.Row(part, $"one changed document (100 methods) in a {Results.Count(size)}-method project",
                    $"analyzer {Results.Ms(oursAnalyzer.Median)}; request {Results.Ms(oursWall.Median)} vs {Results.Ms(floorWall.Median)} with the no-op ({(extra >= 0 ? "+" : string.Empty)}{Results.Ms(extra)})",
                    "-", null);
            }

            int small = settings.EditorSizes.Min();
            int large = settings.EditorSizes.Max();
            double growth = ours[large].Analyzer / ours[small].Analyzer;
            results.Row(part, $"size dependence: analyzer time at {Results.Count(large)} / at {Results.Count(small)} methods",
                $"{Results.Ms(ours[large].Analyzer)} / {Results.Ms(ours[small].Analyzer)} = {Results.Ratio(growth)}",
                $"<= {Results.Ratio(SizeTarget)} (flat)", growth <= SizeTarget);
        }

        private static async Task<(Samples OursAnalyzer, Samples OursWall, Samples FloorWall)> MeasureAsync(int size, GeneratedFile original, GeneratedFile edited, int expected, int repetitions)
        {
            GeneratedProject project = ProjectGenerator.Mixed(size);
            SyntaxTree before = Compilations.Parse(original);
            CSharpCompilation baseline = Compilations.Create(Compilations.Parse(project).Add(before));

            // The rest of the project has been compiled before the edit, as in an editor that has been open a while.
            _ = baseline.GetDeclarationDiagnostics();
            Console.WriteLine($"-- {Results.Count(size)}-method project ({project.Files.Count + 1} files), {repetitions} repetitions");

            var oursAnalyzer = new Samples();
            var oursWall = new Samples();
            var floorWall = new Samples();
            for (int rep = 0; rep < repetitions; rep++)
            {
                bool floorFirst = rep % 2 == 0;
                for (int k = 0; k < 2; k++)
                {
                    bool isFloor = floorFirst == (k == 0);
                    DiagnosticAnalyzer analyzer = isFloor ? new NoOpAnalyzer() : new SectionNameAnalyzer();
                    SyntaxTree after = Compilations.Parse(edited);
                    AnalyzerOverheadBenchmark.Collect();

                    var sw = Stopwatch.StartNew();
                    Compilation compilation = baseline.ReplaceSyntaxTree(before, after);
                    CompilationWithAnalyzers cwa = Compilations.WithAnalyzer(compilation, analyzer);
                    ImmutableArray<Diagnostic> syntax = await cwa.GetAnalyzerSyntaxDiagnosticsAsync(after, CancellationToken.None).ConfigureAwait(false);
                    SemanticModel model = compilation.GetSemanticModel(after);
                    ImmutableArray<Diagnostic> semantic = await cwa.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None).ConfigureAwait(false);
                    sw.Stop();

                    int found = syntax.Length + semantic.Length;
                    if (found != (isFloor ? 0 : expected))
                    {
                        throw new InvalidOperationException($"{analyzer.GetType().Name}: expected {(isFloor ? 0 : expected)} diagnostics in the changed document, got {found}");
                    }

                    if (isFloor)
                    {
                        floorWall.Add(sw.Elapsed);
                    }
                    else
                    {
                        AnalyzerTelemetryInfo info = await cwa.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                        oursAnalyzer.Add(info.ExecutionTime);
                        oursWall.Add(sw.Elapsed);
                    }
                }
            }

            Console.WriteLine($"   analyzer time ours {oursAnalyzer.Median:0.0} ms; request ours {oursWall.Median:0.0} ms, no-op {floorWall.Median:0.0} ms");
            return (oursAnalyzer, oursWall, floorWall);
        }
    }
}
