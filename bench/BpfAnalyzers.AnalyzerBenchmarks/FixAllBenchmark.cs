using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Part 3: Fix All in Project over every BPF0001 of a project (1,000 and 10,000 diagnostics), as the IDE runs it:
    /// an <see cref="AdhocWorkspace"/>, the analyzer's diagnostics, and <see cref="CanonicalizeSectionFix"/>'s own
    /// Fix All provider (the batch fixer) with scope Project. Timed: computing the fix and the changed solution;
    /// the diagnostics come from the analyzer beforehand (part 2 times that).
    /// </summary>
    internal static class FixAllBenchmark
    {
        /// <summary>Fix All should grow at most linearly: 10x the diagnostics, at most 11x the time.</summary>
        public const double GrowthTarget = 11.0;

        public static async Task RunAsync(Settings settings)
        {
            var results = new Results(settings.ResultsDirectory, "3-fixall");
            const string part = "3 fix all";
            Console.WriteLine("== 3. Fix All in Project (CanonicalizeSectionFix, BatchFixer) over every BPF0001");

            // Warm-up: JIT, MEF composition of the workspace services.
            await MeasureAsync(ProjectGenerator.AllUnknown(500), 2).ConfigureAwait(false);

            var medians = new Dictionary<int, double>();
            foreach (int size in settings.FixAllSizes)
            {
                GeneratedProject project = ProjectGenerator.AllUnknown(size);
                (Samples time, int fixedCount) = await MeasureAsync(project, settings.FixAllRepetitions).ConfigureAwait(false);
                medians[size] = time.Median;
                results.Row(part, $"Fix All in Project, {Results.Count(fixedCount)} diagnostics ({project.Files.Count - 1} files)",
                    $"{Results.Ms(time.Median)} ({time.Median * 1000 / fixedCount:0} us per fix)", "-", null);
            }

            int small = settings.FixAllSizes.Min();
            int large = settings.FixAllSizes.Max();
            double growth = medians[large] / medians[small];
            double scale = (double)large / small;
            double target = GrowthTarget * scale / 10.0;
            results.Row(part, $"growth: Fix All of {Results.Count(large)} / of {Results.Count(small)} diagnostics",
                $"{Results.Ms(medians[large])} / {Results.Ms(medians[small])} = {Results.Ratio(growth)}", $"<= {Results.Ratio(target)} (linear)", growth <= target);
        }

        private static async Task<(Samples Time, int Fixed)> MeasureAsync(GeneratedProject generated, int repetitions)
        {
            using var workspace = new AdhocWorkspace();
            Project project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Generated", "Generated", LanguageNames.CSharp,
                compilationOptions: Compilations.Options, parseOptions: Compilations.ParseOptions, metadataReferences: Compilations.References));
            foreach (GeneratedFile file in generated.Files)
            {
                project = project.AddDocument(file.Path, SourceText.From(file.Text), filePath: "/gen/" + file.Path).Project;
            }

            if (!workspace.TryApplyChanges(project.Solution))
            {
                throw new InvalidOperationException("the workspace refused the generated project");
            }

            project = workspace.CurrentSolution.GetProject(project.Id)!;
            Compilation compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            AnalysisRun run = await Compilations.AnalyzeAsync(compilation, new SectionNameAnalyzer()).ConfigureAwait(false);
            AnalyzerOverheadBenchmark.Check(run, generated.ExpectedDiagnostics, "ours (before Fix All)");
            ImmutableArray<Diagnostic> unknown = run.Diagnostics.Where(d => d.Id == Rules.UnknownSection.Id).ToImmutableArray();
            var provider = new PrecomputedDiagnostics(project, unknown);

            var fix = new CanonicalizeSectionFix();
            FixAllProvider fixAll = fix.GetFixAllProvider() ?? throw new InvalidOperationException("no Fix All provider");
            string equivalenceKey = await BestFixKeyAsync(project, fix, unknown[0]).ConfigureAwait(false);
            var time = new Samples();
            Solution? changed = null;
            for (int rep = 0; rep < repetitions; rep++)
            {
                AnalyzerOverheadBenchmark.Collect();
                var context = new FixAllContext(project, fix, FixAllScope.Project, equivalenceKey, new[] { Rules.UnknownSection.Id }, provider, CancellationToken.None);
                var sw = Stopwatch.StartNew();
                CodeAction action = await fixAll.GetFixAsync(context).ConfigureAwait(false) ?? throw new InvalidOperationException("Fix All offered nothing");
                ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
                sw.Stop();
                time.Add(sw.Elapsed);
                Console.WriteLine($"   {Results.Count(unknown.Length)} diagnostics, rep {rep + 1}: {sw.Elapsed.TotalMilliseconds:0} ms");
            }

            // The fix must have fixed: no BPF0001 left.
            Compilation after = (await changed!.GetProject(project.Id)!.GetCompilationAsync().ConfigureAwait(false))!;
            AnalysisRun check = await Compilations.AnalyzeAsync(after, new SectionNameAnalyzer()).ConfigureAwait(false);
            int left = check.Diagnostics.Count(d => d.Id == Rules.UnknownSection.Id);
            if (left != 0)
            {
                throw new InvalidOperationException($"Fix All left {left} of {unknown.Length} BPF0001");
            }

            return (time, unknown.Length);
        }

        /// <summary>The equivalence key of the best fix the provider offers: the one Fix All applies everywhere.</summary>
        private static async Task<string> BestFixKeyAsync(Project project, CodeFixProvider fix, Diagnostic diagnostic)
        {
            Document document = project.GetDocument(diagnostic.Location.SourceTree) ?? throw new InvalidOperationException("no document for " + diagnostic);
            var actions = new List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
            return actions.FirstOrDefault()?.EquivalenceKey ?? throw new InvalidOperationException("no fix offered for " + diagnostic);
        }

        /// <summary>The diagnostics the analyzer reported, handed to Fix All as the IDE's diagnostic service would.</summary>
        private sealed class PrecomputedDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly Project _project;
            private readonly ILookup<SyntaxTree?, Diagnostic> _byTree;
            private readonly ImmutableArray<Diagnostic> _all;

            public PrecomputedDiagnostics(Project project, ImmutableArray<Diagnostic> diagnostics)
            {
                _project = project;
                _all = diagnostics;
                _byTree = diagnostics.ToLookup(d => d.Location.SourceTree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return tree is null ? Enumerable.Empty<Diagnostic>() : _byTree[tree];
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(project.Id == _project.Id ? _all : ImmutableArray<Diagnostic>.Empty);
        }
    }
}
