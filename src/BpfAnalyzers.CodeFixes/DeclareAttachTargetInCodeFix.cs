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
    /// For a BTF-attached program without a target in its section (BPF0015): adds
    /// <c>AttachTargetSetInCode = true</c> to the attribute, for programs that call
    /// <c>bpf_program__set_attach_target()</c> before load. Offered only when the attribute class has
    /// that property.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareAttachTargetInCodeFix)), Shared]
    public sealed class DeclareAttachTargetInCodeFix : CodeFixProvider
    {
        private const string Property = "AttachTargetSetInCode";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = Rules.Fixable(RuleFixes.DeclareAttachTargetInCode).ToImmutableArray();

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                AttributeSyntax? attribute = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                    .AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
                if (attribute is null || model is null || !HasProperty(model, attribute, context.CancellationToken))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare that the attach target is set in code ({Property} = true)",
                        ct => DeclareAsync(context.Document, attribute, ct),
                        equivalenceKey: Rules.BtfAttachTargetMissing.Id + "." + Property),
                    diagnostic);
            }
        }

        private static bool HasProperty(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken) =>
            model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol ctor &&
            ctor.ContainingType.GetMembers(Property).OfType<IPropertySymbol>().Any(p =>
                p.Type.SpecialType == SpecialType.System_Boolean && p.SetMethod is { DeclaredAccessibility: Accessibility.Public });

        private static async Task<Document> DeclareAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            // The syntax root is usually cached, so GetSyntaxRootAsync() would not notice a cancelled token.
            cancellationToken.ThrowIfCancellationRequested();
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            LiteralExpressionSyntax yes = SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
            AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            AttributeArgumentSyntax? existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == Property);
            AttributeArgumentListSyntax updated = existing is not null
                ? arguments.ReplaceNode(existing, existing.WithExpression(yes.WithTriviaFrom(existing.Expression)))
                : arguments.AddArguments(SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(Property)),
                    null,
                    yes));
            return document.WithSyntaxRoot(root.ReplaceNode(attribute, attribute.WithArgumentList(updated)));
        }
    }
}
