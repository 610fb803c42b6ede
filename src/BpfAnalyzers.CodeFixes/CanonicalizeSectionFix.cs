using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers.CodeFixes
{
    /// <summary>
    /// Rewrites a section name to one of the names the analyzer ranked (canonical form first), one code
    /// action each, at most three. The analyzer hands them over in the diagnostic's properties, so the
    /// fix never resolves again and both always agree.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CanonicalizeSectionFix)), Shared]
    public sealed class CanonicalizeSectionFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = Rules.Fixable(RuleFixes.Rename).ToImmutableArray();

        /// <summary>
        /// One key per rank, shared by every rule: "take the best suggestion" means the same thing for
        /// each. dotnet format fixes all diagnostics with the key of the first one it sees, whatever its
        /// rule, so a per-rule key left the other rules unfixed.
        /// </summary>
        private static readonly string[] EquivalenceKeys = { "BpfSection.Fix0", "BpfSection.Fix1", "BpfSection.Fix2" };

        /// <summary>The batch fixer, reading no key (dotnet format's, when its first diagnostic has no suggestion) as the best.</summary>
        private static readonly FixAllProvider FixAll = new BestSuggestionFixAllProvider(EquivalenceKeys[0]);

        public override FixAllProvider GetFixAllProvider() => FixAll;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
                {
                    continue;
                }

                for (int rank = 0; rank < SectionNameAnalyzer.FixKeys.Length; rank++)
                {
                    if (!diagnostic.Properties.TryGetValue(SectionNameAnalyzer.FixKeys[rank], out string? name) || name is null)
                    {
                        break;
                    }

                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Use '{name}'",
                            ct => ReplaceAsync(context.Document, expression, name, ct),
                            equivalenceKey: EquivalenceKeys[rank]),
                        diagnostic);
                }
            }
        }

        private static async Task<Solution> ReplaceAsync(Document document, ExpressionSyntax expression, string name, CancellationToken cancellationToken)
        {
            // The syntax root is usually cached, so GetSyntaxRootAsync() would not notice a cancelled token.
            cancellationToken.ThrowIfCancellationRequested();
            // A name taken from a const field declared in source is fixed where it is declared.
            if (expression is IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.GetSymbolInfo(expression, cancellationToken).Symbol is IFieldSymbol { IsConst: true } field &&
                    field.DeclaringSyntaxReferences.FirstOrDefault() is SyntaxReference reference &&
                    await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal } &&
                    document.Project.Solution.GetDocument(reference.SyntaxTree) is Document declaring)
                {
                    return await ReplaceNodeAsync(declaring, literal, StringLiterals.WithValue(literal, name), cancellationToken).ConfigureAwait(false);
                }
            }

            ExpressionSyntax replacement = expression is LiteralExpressionSyntax existing
                ? StringLiterals.WithValue(existing, name)
                : StringLiterals.Regular(name).WithTriviaFrom(expression);
            return await ReplaceNodeAsync(document, expression, replacement, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<Solution> ReplaceNodeAsync(Document document, SyntaxNode node, SyntaxNode replacement, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            return document.WithSyntaxRoot(root.ReplaceNode(node, replacement)).Project.Solution;
        }
    }
}
