using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// dotnet format runs Fix All with the equivalence key of the first action registered for the first
    /// diagnostic. An undeclared 'user' first in the file has no suggestion, so the key is null: the other
    /// names must still get their best suggestion, and 'user' must be left alone.
    /// </summary>
    public class BestSuggestionFixAllTests
    {
        private const string Source = """
            using BpfAnalyzers;

            static class Programs
            {
                [BpfSection("user")] static int A() => 0;
                [BpfSection("xdpblah")] static int B() => 0;
                [BpfSection("kprobes/do_unlinkat")] static int C() => 0;
            }
            """;

        [Fact]
        public async Task Fix_all_without_an_equivalence_key_applies_the_best_suggestions_and_leaves_user_alone()
        {
            Document document = await DocumentAsync(Source);
            ImmutableArray<Diagnostic> diagnostics = await DiagnosticsAsync(document);
            Assert.Equal(new[] { "BPF0001", "BPF0001", "BPF0001" }, diagnostics.Select(d => d.Id));

            var fixer = new CanonicalizeSectionFix();
            var context = new FixAllContext(
                document,
                fixer,
                FixAllScope.Solution,
                null!,
                new[] { Rules.UnknownSection.Id },
                new Known(diagnostics),
                CancellationToken.None);
            CodeAction? fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);

            // Why the provider exists: the plain batch fixer matches a null key with no action, and fixes nothing.
            Assert.Null(await WellKnownFixAllProviders.BatchFixer.GetFixAsync(context));
            Assert.NotNull(fixAll);
            Solution changed = (await fixAll!.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single().ChangedSolution;
            string text = (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
            Assert.Equal(Source.Replace("\"xdpblah\"", "\"xdp\"").Replace("kprobes/", "kprobe/"), text);
        }

        private static async Task<Document> DocumentAsync(string source)
        {
            ImmutableArray<MetadataReference> references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var workspace = new AdhocWorkspace();
            ProjectId id = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                id,
                VersionStamp.Default,
                "Consumer",
                "Consumer",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
                metadataReferences: references.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location))));
            DocumentId documentId = DocumentId.CreateNewId(id);
            return solution.AddDocument(documentId, "Programs.cs", SourceText.From(source), filePath: "/src/Programs.cs").GetDocument(documentId)!;
        }

        private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document)
        {
            Compilation compilation = (await document.Project.GetCompilationAsync())!;
            ImmutableArray<Diagnostic> all = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SectionNameAnalyzer()))
                .GetAnalyzerDiagnosticsAsync();
            return all.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        private sealed class Known : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public Known(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(Enumerable.Empty<Diagnostic>());

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }
    }
}
