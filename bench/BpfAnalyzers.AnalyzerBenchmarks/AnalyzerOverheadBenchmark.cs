using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Part 2: the analyzer's own time over whole compilations of 1,000, 10,000 and 100,000 <c>[BpfSection]</c> methods,
    /// against the no-op floor, side by side in one process: each repetition analyzes the same compilation with a
    /// fresh <see cref="CompilationWithAnalyzers"/> per analyzer, alternating which goes first.
    /// </summary>
    internal static class AnalyzerOverheadBenchmark
    {
        public const double FloorTarget = 1.2;
        public const double GrowthTarget = 11.0;

        public static async Task RunAsync(Settings settings)
        {
            var results = new Results(settings.ResultsDirectory, "2-analyzer");
            const string part = "2 analyzer";
            Console.WriteLine("== 2. analyzer overhead: SectionNameAnalyzer vs a no-op analyzer with the same callbacks");
            Console.WriteLine("   names: " + ProjectGenerator.Describe());
            await WarmUpAsync().ConfigureAwait(false);

            var ours = new Dictionary<int, double>();
            foreach (int size in settings.AnalyzerSizes)
            {
                GeneratedProject project = ProjectGenerator.Mixed(size);
                CSharpCompilation compilation = Compilations.Create(Compilations.Parse(project));
                int repetitions = size >= 100_000 ? settings.LargeRepetitions : settings.Repetitions;
                Console.WriteLine($"-- {Results.Count(size)} methods, {Results.Count(project.Lines)} lines, {project.Files.Count} files, {repetitions} repetitions");

                var oursTime = new Samples();
                var floorTime = new Samples();
                var oursWall = new Samples();
                var floorWall = new Samples();
                var oursAlloc = new Samples();
                var floorAlloc = new Samples();
                for (int rep = 0; rep < repetitions; rep++)
                {
                    // ABBA: neither analyzer always runs first (on a warmer heap, or after the other's garbage).
                    bool floorFirst = rep % 2 == 0;
                    for (int k = 0; k < 2; k++)
                    {
                        bool isFloor = floorFirst == (k == 0);
                        Collect();
                        AnalysisRun run = await Compilations.AnalyzeAsync(compilation, isFloor ? new NoOpAnalyzer() : new SectionNameAnalyzer()).ConfigureAwait(false);
                        Check(run, isFloor ? 0 : project.ExpectedDiagnostics, isFloor ? "no-op" : "ours");
                        (isFloor ? floorTime : oursTime).Add(run.AnalyzerTime);
                        (isFloor ? floorWall : oursWall).Add(run.WallTime);
                        (isFloor ? floorAlloc : oursAlloc).Add(run.AllocatedBytes);
                    }

                    Console.WriteLine($"   rep {rep + 1}: analyzer time ours {oursTime.Median:0.0} ms floor {floorTime.Median:0.0} ms (medians so far); wall ours {oursWall.Median:0} ms floor {floorWall.Median:0} ms");
                }

                ours[size] = oursTime.Median;
                string what = $"{Results.Count(size)} methods ({Results.Count(project.Lines)} lines, {Results.Count(project.ExpectedDiagnostics)} diagnostics)";
                double wallRatio = oursWall.Median / floorWall.Median;
                results.Row(part, $"{what}: analysis wall time, ours / no-op floor",
                    $"{Results.Ms(oursWall.Median)} / {Results.Ms(floorWall.Median)} = {Results.Ratio(wallRatio)}",
                    $"<= {Results.Ratio(FloorTarget)}", wallRatio <= FloorTarget);
                double callbackRatio = oursTime.Median / floorTime.Median;
                double perMethodUs = (oursTime.Median - floorTime.Median) * 1000.0 / size;
                results.Row(part, $"{what}: callback time only (telemetry), ours / no-op floor",
                    $"{Results.Ms(oursTime.Median)} / {Results.Ms(floorTime.Median)} = {Results.Ratio(callbackRatio)}; {perMethodUs:0.00} us/method above the floor",
                    $"<= {Results.Ratio(FloorTarget)}", callbackRatio <= FloorTarget);
                results.Row(part, $"{what}: allocated during analysis, ours / floor",
                    $"{Results.Mb((long)oursAlloc.Median)} / {Results.Mb((long)floorAlloc.Median)} (+{(oursAlloc.Median - floorAlloc.Median) / size:0} B/method)", "-", null);
            }

            // Linear: 10x the methods may cost at most 11x (scaled for the quick run's smaller step).
            int[] sizes = settings.AnalyzerSizes;
            int small = sizes[sizes.Length - 2];
            int large = sizes[sizes.Length - 1];
            double growth = ours[large] / ours[small];
            double target = GrowthTarget * large / small / 10.0;
            results.Row(part, $"growth: callback time at {Results.Count(large)} / at {Results.Count(small)} methods",
                $"{Results.Ms(ours[large])} / {Results.Ms(ours[small])} = {Results.Ratio(growth)}", $"<= {Results.Ratio(target)} (linear)", growth <= target);
        }

        /// <summary>
        /// JIT and metadata caches warm before anything is timed. The runtime's defaults stay (tiered compilation with
        /// dynamic PGO, as csc runs): enough warm-up runs that both analyzers and the compiler run their final code.
        /// </summary>
        internal static async Task WarmUpAsync()
        {
            GeneratedProject project = ProjectGenerator.Mixed(1_000);
            CSharpCompilation compilation = Compilations.Create(Compilations.Parse(project));
            for (int i = 0; i < 8; i++)
            {
                Check(await Compilations.AnalyzeAsync(compilation, new SectionNameAnalyzer()).ConfigureAwait(false), project.ExpectedDiagnostics, "ours (warm-up)");
                Check(await Compilations.AnalyzeAsync(compilation, new NoOpAnalyzer()).ConfigureAwait(false), 0, "no-op (warm-up)");
            }
        }

        /// <summary>The analyzer must have reported exactly one diagnostic per wrong name, or the timing means nothing.</summary>
        internal static void Check(AnalysisRun run, int expected, string what)
        {
            if (run.Diagnostics.Length != expected)
            {
                string sample = string.Join("\n", run.Diagnostics.Take(5).Select(d => d.ToString()));
                throw new InvalidOperationException($"{what}: expected {expected} diagnostics, got {run.Diagnostics.Length}:\n{sample}");
            }
        }

        internal static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
