using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// The same input gives the same diagnostics, with the same messages and fixes, whether the host analyzes on
    /// one thread or many, and every time. On one thread the host returns them in the same sequence every run; with
    /// concurrent analysis it returns them in the order callbacks finished, so they are compared in the order every
    /// host shows them (by file and position), where they must again be identical.
    /// </summary>
    public sealed class DeterminismTests
    {
        private readonly ITestOutputHelper _output;

        public DeterminismTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Diagnostics_are_the_same_on_one_thread_or_many_and_every_run()
        {
            var run = new PropertyRun(_output, "determinism");
            long diagnostics = 0;

            // Several files, and target 0.1 half the time, where duplicate sections are compared across files
            // at the end of the compilation.
            await Gen.Select(SourceGen.Damaged.Array[2, 5], Gen.OneOf("0.1", "0.7", "1.1", "1.7")).SampleAsync(
                async input =>
                {
                    (string[] files, string version) = input;
                    run.Input();
                    Compilation compilation = AnalyzerHarness.Compile(files);
                    var options = AnalyzerHarness.Options(version);
                    IReadOnlyList<string> first = Render(await AnalyzerHarness.RunAsync(compilation, options, concurrent: false));
                    System.Threading.Interlocked.Add(ref diagnostics, first.Count);
                    run.Outcome("diagnostic", first.Count);
                    run.Outcome(first.Count > 0 ? "input with diagnostics" : "input without");
                    for (int i = 0; i < 4; i++)
                    {
                        bool concurrent = i % 2 == 0;

                        // A fresh compilation each time: Roslyn caches analyzer results per compilation.
                        AnalysisRun next = await AnalyzerHarness.RunAsync(compilation.Clone(), options, concurrent);
                        IReadOnlyList<string> again = concurrent ? Render(next, byPosition: true) : Render(next);
                        run.Checked();
                        if (!again.SequenceEqual(concurrent ? Sorted(first) : first))
                        {
                            throw new InvalidOperationException(
                                $"run {i + 2} ({(concurrent ? "concurrent" : "one thread")}) differs from the first (one thread):\n" +
                                string.Join("\n", Diff(first, again)));
                        }
                    }
                },
                writeLine: run.WriteLine,
                iter: 60,
                threads: 1,
                print: t => $"target {t.Item2}:\n" + string.Join("\n// ---- next file\n", t.Item1.Select(SourceGen.Preview)));
            run.Report($"{diagnostics:N0} diagnostics compared 4 times each");
            run.Require(60, ("diagnostic", 100), ("input with diagnostics", 20));
        }

        [Fact]
        public async Task A_big_file_gives_the_same_diagnostics_on_one_thread_or_many()
        {
            var sources = Enumerable.Range(0, 4).Select(i => ($"/src/Big{i}.cs", SourceGen.Big(500, i).Replace("class Programs", "class Programs" + i))).ToArray();
            foreach (string version in new[] { "0.1", "1.7" })
            {
                var options = AnalyzerHarness.Options(version);
                IReadOnlyList<string> serial = Render(await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(sources), options, concurrent: false));
                IReadOnlyList<string> parallel = Render(await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(sources), options, concurrent: true), byPosition: true);
                _output.WriteLine($"target {version}: {serial.Count:N0} diagnostics over {sources.Length} files");
                Assert.NotEmpty(serial);
                Assert.True(Sorted(serial).SequenceEqual(parallel), string.Join("\n", Diff(Sorted(serial), parallel)));
            }
        }

        /// <summary>
        /// Everything a user or a fixer sees of each diagnostic, in the order the host returned them, or by file and
        /// position (a stable sort: diagnostics at one place keep the host's order).
        /// </summary>
        private static IReadOnlyList<string> Render(AnalysisRun run, bool byPosition = false)
        {
            run.AssertNoAnalyzerException("a determinism input");
            IEnumerable<Diagnostic> diagnostics = run.Diagnostics;
            if (byPosition)
            {
                diagnostics = diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath ?? "", StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Location.SourceSpan.End);
            }

            return diagnostics
                .Select(d =>
                {
                    FileLinePositionSpan span = d.Location.GetLineSpan();
                    string properties = string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
                    return $"{span.Path}\t{span.Span.Start.Line:D6}:{span.Span.Start.Character:D6}-{span.Span.End.Line:D6}:{span.Span.End.Character:D6}\t{d.Id} {d.Severity} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} [{properties}]";
                })
                .ToList();
        }

        /// <summary>A rendering by file and position (the rendering starts with them, zero-padded), stable for ties.</summary>
        private static IReadOnlyList<string> Sorted(IReadOnlyList<string> rendered) =>
            rendered.OrderBy(r => r.Substring(0, r.IndexOf('\t', r.IndexOf('\t') + 1)), StringComparer.Ordinal).ToList();

        private static IEnumerable<string> Diff(IReadOnlyList<string> a, IReadOnlyList<string> b)
        {
            for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
            {
                string x = i < a.Count ? a[i] : "(none)";
                string y = i < b.Count ? b[i] : "(none)";
                if (x != y)
                {
                    yield return $"#{i}\n  first: {SectionNameGen.Escape(x, 300)}\n  again: {SectionNameGen.Escape(y, 300)}";
                }
            }
        }
    }
}
