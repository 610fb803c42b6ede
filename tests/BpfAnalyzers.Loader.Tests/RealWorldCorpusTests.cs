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

        /// <summary>Names a project writes that fail where its loader loads them: the analyzer's error is the point.</summary>
        private static readonly Dictionary<(string Project, string Name), (string Id, string Fix, string Why)> s_projectBugs = new()
        {
            [("scx", "tp_btf/hw_pressure_update?")] = ("BPF0016", "?tp_btf/hw_pressure_update",
                "libbpf reads '?' only in front, so it looks up btf_trace_hw_pressure_update? (scx_p2dq/src/main.rs turns autoload on " +
                "for it on ARM kernels with thermal pressure, where the load then fails; elsewhere it stays off)"),
        };

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
        public void The_corpus_has_at_least_16_projects_xdp_tools_scx_and_loaders_other_than_libbpf_among_them()
        {
            var projects = LoaderCorpus.RealWorld.Select(p => p.Project).Distinct(StringComparer.Ordinal).ToList();
            var loaders = LoaderCorpus.RealWorld.Select(p => p.LoadsWith).Distinct(StringComparer.Ordinal).OrderBy(l => l, StringComparer.Ordinal).ToList();
            _output.WriteLine($"{projects.Count} projects: {string.Join(", ", projects)}; loaded by {string.Join(", ", loaders)}");
            Assert.True(projects.Count >= 16, $"{projects.Count} projects");
            Assert.Contains("xdp-tools", projects);
            Assert.Contains("scx", projects);
            Assert.Equal(new[] { "aya", "cilium/ebpf", "ebpf-for-windows", "libbpf" }, loaders);
        }

        [Fact]
        public void No_error_on_a_global_its_project_loads()
        {
            // Each global of a libbpf-loaded project, as a C# field of the shape its section holds, read by a program when
            // the project's programs use it: at the project's libbpf, 1.7 and 1.1. libxdp's own sections are BPF0024 warnings.
            var targetOf = LoaderCorpus.RealWorld.GroupBy(p => p.Project).ToDictionary(g => g.Key, g => g.First().Target);
            var globals = LoaderCorpus.RealWorldGlobals.Where(g => g.LoadsWith == "libbpf").ToList();
            Assert.True(globals.Count >= 500, $"{globals.Count} globals");
            var errors = new List<string>();
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var perProject = new SortedDictionary<string, (int Globals, int Warnings)>(StringComparer.Ordinal);
            foreach (string target in new[] { "project", "1.7", "1.1" })
            {
                foreach (var byTarget in globals.GroupBy(g => target == "project" ? targetOf[g.Project] : target))
                {
                    var items = byTarget.ToList();
                    IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                        items.Select(g => new ProbeItem(g.Name, LoaderDeclaration.None, OnField: true, Unread: !g.Used, FieldType: FieldTypeFor(g.Name))).ToList(),
                        byTarget.Key);
                    for (int i = 0; i < items.Count; i++)
                    {
                        // 1.1 predates some sections these projects use (.addr_space.1 is 1.4): only their own release counts there.
                        bool newerThan11 = target == "1.1" && diagnostics[i].Any(d => d.Id == "BPF0005");
                        foreach (Diagnostic d in diagnostics[i].Where(d => d.Location.IsInSource))
                        {
                            string key = $"{d.Id} {d.Severity} at {byTarget.Key}";
                            counts[key] = counts.GetValueOrDefault(key) + 1;
                        }

                        if (target == "project")
                        {
                            string key = $"{items[i].Project}";
                            perProject[key] = (perProject.GetValueOrDefault(key).Globals + 1,
                                perProject.GetValueOrDefault(key).Warnings + diagnostics[i].Count(d => d.Severity == DiagnosticSeverity.Warning && d.Location.IsInSource));
                        }

                        if (!newerThan11 && diagnostics[i].Any(d => d.Severity == DiagnosticSeverity.Error))
                        {
                            errors.Add($"  {items[i].Name,-28} {items[i].Project,-22} {items[i].Variable} used={items[i].Used} at {byTarget.Key} {items[i].File}: {AnalyzerProbe.Describe(diagnostics[i])}");
                        }
                    }
                }
            }

            _output.WriteLine($"{globals.Count} globals of libbpf-loaded projects; diagnostics:");
            foreach (var c in counts)
            {
                _output.WriteLine($"  {c.Key}: {c.Value}");
            }

            _output.WriteLine("per project, at its own libbpf: globals, warnings");
            foreach (var p in perProject)
            {
                _output.WriteLine($"  {p.Key,-22} {p.Value.Globals,5} {p.Value.Warnings,5}");
            }

            _output.WriteLine($"errors: {errors.Count} (must be 0)");
            errors.ForEach(_output.WriteLine);
            Assert.True(errors.Count == 0, $"{errors.Count} errors on globals their projects load:\n" + string.Join("\n", errors.Take(40)));
        }

        /// <summary>The C# type a global of <paramref name="section"/> has: a string license, a u32 version, a struct map.</summary>
        private static string FieldTypeFor(string section) => section switch
        {
            "license" => "string",
            "version" => "uint",
            ".maps" or "maps" or ".struct_ops" or ".struct_ops.link" or "?.struct_ops" or "?.struct_ops.link" => "System.ValueTuple<int, int>",
            _ => "int",
        };

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
            // cilium/ebpf, aya and ebpf-for-windows have section tables of their own: the analyzer promises nothing there.
            List<RealWorldProgram> otherLoaders = LoaderCorpus.RealWorld.Where(p => !p.LoadedByLibbpf).ToList();
            _output.WriteLine($"not judged: {otherLoaders.Count} programs loaded by " +
                              string.Join(", ", otherLoaders.GroupBy(p => p.LoadsWith).Select(g => $"{g.Key} ({g.Count()})")));
            foreach (RealWorldProgram p in LoaderCorpus.RealWorld.Where(p => p.LoadedByLibbpf))
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

            _output.WriteLine($"per project (programs; findings over its targets): {"project",-22} {"programs",8} {"errors",6} {"warnings",8} {"info",5}");
            foreach (var project in results.GroupBy(r => r.Program.Project).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                int Count(DiagnosticSeverity severity) => project.Sum(r => r.Diagnostics.Count(d => d.Severity == severity && d.Location.IsInSource));
                _output.WriteLine($"  {project.Key,-22} {project.Select(r => r.Program).Distinct().Count(),8} {Count(DiagnosticSeverity.Error),6} {Count(DiagnosticSeverity.Warning),8} {Count(DiagnosticSeverity.Info),5}");
            }

            // The projects' own bugs, which the analyzer is right to flag, each checked to be flagged with its fix.
            foreach (var bug in s_projectBugs)
            {
                var flagged = results.Where(r => r.Program.Project == bug.Key.Project && r.Program.Name == bug.Key.Name).ToList();
                Assert.True(flagged.Count > 0, $"{bug.Key} is no longer in the corpus");
                foreach (var r in flagged)
                {
                    Diagnostic d = Assert.Single(r.Diagnostics, x => x.Severity == DiagnosticSeverity.Error);
                    Assert.Equal(bug.Value.Id, d.Id);
                    Assert.Equal(bug.Value.Fix, d.Properties["Fix0"]);
                }

                _output.WriteLine($"a bug of {bug.Key.Project}'s, flagged at {string.Join(", ", flagged.Select(r => r.Target))} with fix '{bug.Value.Fix}': {bug.Key.Name}: {bug.Value.Why}");
            }

            var errors = results
                .Where(r => !s_projectBugs.ContainsKey((r.Program.Project, r.Program.Name)))
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
