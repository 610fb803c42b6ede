using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Applies the package's code fixes as an IDE does: a workspace document, a <see cref="CodeFixContext"/> per
    /// diagnostic and provider, the operations of each registered action, and Fix All through the provider's
    /// <see cref="FixAllProvider"/>.
    /// </summary>
    internal static class FixHarness
    {
        /// <summary>Every code fix the package ships (found in its assembly, so a new fix is fuzzed too), by name.</summary>
        public static readonly ImmutableArray<CodeFixProvider> Providers = typeof(CanonicalizeSectionFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        /// <summary>One workspace for every test: solutions are immutable snapshots, so documents never meet.</summary>
        private static readonly AdhocWorkspace s_workspace = new AdhocWorkspace();

        public static Document Document(string source, string path = "/src/Program.cs")
        {
            ProjectId id = ProjectId.CreateNewId();
            Solution solution = s_workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                id,
                VersionStamp.Default,
                "Fuzzed",
                "Fuzzed",
                LanguageNames.CSharp,
                compilationOptions: AnalyzerHarness.CompilationOptions,
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: AnalyzerHarness.References));
            DocumentId documentId = DocumentId.CreateNewId(id);
            solution = solution.AddDocument(documentId, "Program.cs", SourceText.From(source), filePath: path);
            return solution.GetDocument(documentId)!;
        }

        /// <summary>The analyzer's diagnostics in <paramref name="document"/>, after asserting it did not throw.</summary>
        public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, AnalyzerOptions options, CancellationToken cancellationToken = default)
        {
            Compilation compilation = (await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            AnalysisRun run = await AnalyzerHarness.RunAsync(compilation, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            run.AssertNoAnalyzerException(document.FilePath ?? document.Name);
            return run.Bpf.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
        }

        /// <summary>Every code action any provider registers for <paramref name="diagnostic"/>, in rank order.</summary>
        public static async Task<IReadOnlyList<Fix>> ActionsAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
        {
            var actions = new List<Fix>();
            foreach (CodeFixProvider provider in Providers)
            {
                if (provider.FixableDiagnosticIds.Contains(diagnostic.Id))
                {
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(new Fix(provider, action)), cancellationToken);
                    await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                }
            }

            return actions;
        }

        /// <summary>Whether any provider offers to fix diagnostics of <paramref name="id"/>.</summary>
        public static bool IsFixable(string id) => Providers.Any(p => p.FixableDiagnosticIds.Contains(id));

        /// <summary>The document after applying <paramref name="action"/>.</summary>
        public static async Task<Document> ApplyAsync(Document document, CodeAction action, CancellationToken cancellationToken = default)
        {
            ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            Solution solution = document.Project.Solution;
            foreach (CodeActionOperation operation in operations)
            {
                if (operation is ApplyChangesOperation apply)
                {
                    solution = apply.ChangedSolution;
                }
            }

            return solution.GetDocument(document.Id)!;
        }

        /// <summary>Fix All in the document for one equivalence key, as the IDE's "Fix all occurrences in document".</summary>
        public static Task<Document> FixAllAsync(Document document, CodeFixProvider fixer, string diagnosticId, string equivalenceKey, AnalyzerOptions options, CancellationToken cancellationToken = default) =>
            FixAllAsync(document, fixer, diagnosticId, equivalenceKey, new AnalyzerDiagnosticProvider(options), cancellationToken);

        /// <summary>Fix All over diagnostics computed beforehand, so that only the fixes run.</summary>
        public static Task<Document> FixAllAsync(Document document, CodeFixProvider fixer, string diagnosticId, string equivalenceKey, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken = default) =>
            FixAllAsync(document, fixer, diagnosticId, equivalenceKey, new KnownDiagnosticProvider(diagnostics), cancellationToken);

        private static async Task<Document> FixAllAsync(Document document, CodeFixProvider fixer, string diagnosticId, string equivalenceKey, FixAllContext.DiagnosticProvider provider, CancellationToken cancellationToken)
        {
            FixAllProvider? fixAllProvider = fixer.GetFixAllProvider();
            if (fixAllProvider is null)
            {
                return document;
            }

            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Document,
                equivalenceKey,
                new[] { diagnosticId },
                provider,
                cancellationToken);
            CodeAction? fixAll = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
            return fixAll is null ? document : await ApplyAsync(document, fixAll, cancellationToken).ConfigureAwait(false);
        }

        public static async Task<string> TextAsync(Document document) => (await document.GetTextAsync().ConfigureAwait(false)).ToString();

        private sealed class KnownDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly IEnumerable<Diagnostic> _diagnostics;

            public KnownDiagnosticProvider(IEnumerable<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult(_diagnostics);
        }

        /// <summary>Feeds Fix All the analyzer's own diagnostics.</summary>
        private sealed class AnalyzerDiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly AnalyzerOptions _options;

            public AnalyzerDiagnosticProvider(AnalyzerOptions options) => _options = options;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return (await DiagnosticsAsync(document, _options, cancellationToken).ConfigureAwait(false)).Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            {
                var all = new List<Diagnostic>();
                foreach (Document document in project.Documents)
                {
                    all.AddRange(await GetDocumentDiagnosticsAsync(document, cancellationToken).ConfigureAwait(false));
                }

                return all;
            }
        }
    }

    /// <summary>A code action and the provider that offered it (Fix All goes through that provider).</summary>
    internal sealed class Fix
    {
        public Fix(CodeFixProvider provider, CodeAction action)
        {
            Provider = provider;
            Action = action;
        }

        public CodeFixProvider Provider { get; }

        public CodeAction Action { get; }

        public string Title => Action.Title;

        public string? EquivalenceKey => Action.EquivalenceKey;
    }
}
