using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>
    /// Issue 12: every SEC() program name of public BPF projects (<c>data/real-world/sections.tsv</c>, how it was
    /// gathered in <c>data/real-world/README.md</c>), each on a method that declares what the project's loader does
    /// in code (<c>[BpfLoader(...)]</c>), analyzed at the libbpf the project builds against, at 1.7 and at 1.1: code
    /// those projects load and attach every day gets no error (at 1.1, names that release does not know are left out).
    /// </summary>
    public sealed class RealWorldCorpusTests
    {
        private readonly ITestOutputHelper _output;

        public RealWorldCorpusTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void The_corpus_has_at_least_500_distinct_names_from_at_least_five_projects()
        {
            IReadOnlyList<RealWorldProgram> corpus = LoaderCorpus.RealWorld;
            int names = corpus.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count();
            int projects = corpus.Select(p => p.Project).Distinct(StringComparer.Ordinal).Count();
            _output.WriteLine($"{corpus.Count} programs, {names} distinct names, {projects} projects");
            Assert.True(names >= 500 && projects >= 5, $"{names} names from {projects} projects");
        }

        [Fact]
        public void No_error_on_a_name_its_project_loads_with_its_loader_declared()
        {
            // At 1.1 the real loader says which names that release does not know at all ("missing BPF prog type"):
            // an error there is right unless the project's loader sets the type itself.
            var unknownTo11 = new HashSet<string>(
                LoaderMeasurements.Programs.Where(o => o.Verdict.Reason == LoaderVerdicts.UnknownSection).Select(o => o.Name),
                StringComparer.Ordinal);
            var cases = new List<(RealWorldProgram Program, string Target)>();
            int skipped11 = 0;
            foreach (RealWorldProgram p in LoaderCorpus.RealWorld)
            {
                foreach (string target in new[] { p.Target, "1.7", "1.1" }.Distinct(StringComparer.Ordinal))
                {
                    if (target == "1.1" && unknownTo11.Contains(p.Name) && !p.SetsType)
                    {
                        skipped11++;
                        continue;
                    }

                    cases.Add((p, target));
                }
            }

            _output.WriteLine($"at 1.1: {skipped11} programs left out, their names unknown to libbpf 1.1.2 (measured) and their type not set in code");

            var results = new List<(RealWorldProgram Program, string Target, IReadOnlyList<Diagnostic> Diagnostics)>();
            foreach (var byTarget in cases.GroupBy(c => c.Target))
            {
                // One method per name per compilation: two methods in one section would be BPF0008.
                foreach (var bucket in byTarget
                             .GroupBy(c => c.Program.Name, StringComparer.Ordinal)
                             .SelectMany(g => g.Select((c, i) => (c, i)))
                             .GroupBy(x => x.i, x => x.c))
                {
                    var items = bucket.ToList();
                    IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                        items.Select(c => new ProbeItem(c.Program.Name, new LoaderDeclaration(c.Program.AttachesInCode, c.Program.SetsType, c.Program.SetsAttachTarget))).ToList(),
                        byTarget.Key);
                    results.AddRange(items.Select((c, i) => (c.Program, c.Target, diagnostics[i])));
                }
            }

            string[] targets = results.Select(r => r.Target).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToArray();
            _output.WriteLine($"{results.Count} (program, target) cases; diagnostics per rule, severity and target:");
            _output.WriteLine($"  {"rule",-8} {"severity",-8} " + string.Join(" ", targets.Select(t => $"{t,6}")));
            foreach (var rule in results.SelectMany(r => r.Diagnostics.Select(d => (d.Id, d.Severity, r.Target)))
                         .GroupBy(x => (x.Id, x.Severity)).OrderBy(g => g.Key.Id))
            {
                _output.WriteLine($"  {rule.Key.Id,-8} {rule.Key.Severity,-8} " + string.Join(" ", targets.Select(t => $"{rule.Count(x => x.Target == t),6}")));
            }

            _output.WriteLine($"  {"none",-8} {"",-8} " + string.Join(" ", targets.Select(t => $"{results.Count(r => r.Target == t && r.Diagnostics.Count == 0),6}")));

            // A configuration error (no place in source: BPF0010 for a target the analyzer has no table of) is one
            // finding per target, not one per program.
            List<string> configErrors = results.SelectMany(r => r.Diagnostics.Where(d => !d.Location.IsInSource).Select(d => (r.Target, Text: $"{d.Id} {d.Severity}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")))
                .GroupBy(x => x).Select(g => $"at {g.Key.Target}: on every one of {g.Count()} programs: {g.Key.Text}").ToList();
            configErrors.ForEach(_output.WriteLine);

            var errors = results
                .Where(r => r.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                .Select(r => $"  {AnalyzerProbe.CSharpString(r.Program.Name),-45} {r.Program.Project,-22} at {r.Target,-4} [{r.Program.Loader}] {r.Program.File}: " +
                             AnalyzerProbe.Describe(r.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource)))
                .ToList();
            _output.WriteLine($"errors: {errors.Count} of {results.Count} cases (must be 0)");
            List<string> placed = errors.Where(e => !e.EndsWith(": ", StringComparison.Ordinal)).ToList();
            placed.ForEach(_output.WriteLine);
            Assert.True(errors.Count == 0, $"{errors.Count} errors on names their projects load:\n" + string.Join("\n", configErrors.Concat(placed.Take(60))));
        }
    }
}
