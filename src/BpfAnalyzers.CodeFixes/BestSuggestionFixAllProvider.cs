using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace BpfAnalyzers.CodeFixes
{
    /// <summary>
    /// The batch fixer, where no equivalence key means the best suggestion. <c>dotnet format</c> takes the
    /// key of the first action the fixer registers for the first diagnostic it found (SolutionCodeFixApplier);
    /// when that diagnostic has no suggestion (an unknown name that is no typo, such as an undeclared
    /// <c>user</c>), the key is null and the plain batch fixer would fix no diagnostic at all.
    /// </summary>
    internal sealed class BestSuggestionFixAllProvider : FixAllProvider
    {
        private readonly string _bestKey;

        public BestSuggestionFixAllProvider(string bestKey)
        {
            _bestKey = bestKey;
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            if (fixAllContext.CodeActionEquivalenceKey is not null)
            {
                return WellKnownFixAllProviders.BatchFixer.GetFixAsync(fixAllContext);
            }

            var diagnostics = new SameDiagnostics(fixAllContext);
            FixAllContext best = fixAllContext.Document is Document document
                ? new FixAllContext(document, fixAllContext.CodeFixProvider, fixAllContext.Scope, _bestKey, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken)
                : new FixAllContext(fixAllContext.Project, fixAllContext.CodeFixProvider, fixAllContext.Scope, _bestKey, fixAllContext.DiagnosticIds, diagnostics, fixAllContext.CancellationToken);
            return WellKnownFixAllProviders.BatchFixer.GetFixAsync(best);
        }

        /// <summary>The diagnostics the original context would have fixed.</summary>
        private sealed class SameDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext _original;

            public SameDiagnostics(FixAllContext original)
            {
                _original = original;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                await _original.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await _original.GetProjectDiagnosticsAsync(project).ConfigureAwait(false);

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                await _original.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
        }
    }
}
