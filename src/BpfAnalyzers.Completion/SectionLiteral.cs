using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers.Completion
{
    /// <summary>What the string under the caret names, when it is a section name (a constant may be both).</summary>
    [System.Flags]
    internal enum SectionKind
    {
        None = 0,

        /// <summary>On a method (or local function): a program section.</summary>
        Program = 1,

        /// <summary>On a field or property: a data section (globals, maps, license).</summary>
        Data = 2,
    }

    /// <summary>
    /// Finds the string literal the caret is in and whether it is a <c>[BpfSection]</c> name: the argument
    /// of the constructor's first (string) parameter, positional or named, of an attribute class named
    /// <c>BpfSectionAttribute</c> in any namespace (as the analyzer recognises it), or the value of a
    /// <c>const string</c> field such an argument uses.
    /// </summary>
    internal sealed class SectionLiteral
    {

        private SectionLiteral(TextSpan content, SectionKind kind)
        {
            Content = content;
            Kind = kind;
        }

        /// <summary>The characters between the quotes.</summary>
        public TextSpan Content { get; }

        public SectionKind Kind { get; }

        public static async Task<SectionLiteral?> FindAsync(Document document, int position, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            SyntaxToken token = root.FindToken(position);
            if (ContentOf(token, position) is not TextSpan content ||
                token.Parent is not LiteralExpressionSyntax literal)
            {
                return null;
            }

            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }

            if (literal.Parent is AttributeArgumentSyntax argument)
            {
                SectionKind kind = KindOfArgument(argument, model, cancellationToken);
                return kind == SectionKind.None ? null : new SectionLiteral(content, kind);
            }

            // const string Name = "..."; used as [BpfSection(Name)]: the kinds of its uses.
            if (literal.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } &&
                declarator.Parent?.Parent is FieldDeclarationSyntax field &&
                field.Modifiers.Any(SyntaxKind.ConstKeyword) &&
                model.GetDeclaredSymbol(declarator, cancellationToken) is IFieldSymbol constant)
            {
                SectionKind kind = await KindOfUsesAsync(constant, document.Project.Solution, cancellationToken).ConfigureAwait(false);
                return kind == SectionKind.None ? null : new SectionLiteral(content, kind);
            }

            return null;
        }

        /// <summary>
        /// The span between the quotes when <paramref name="position"/> is inside them: regular
        /// (<c>"..."</c>), verbatim (<c>@"..."</c>) and raw (<c>"""..."""</c>, one line) literals, also
        /// while still unterminated.
        /// </summary>
        private static TextSpan? ContentOf(SyntaxToken token, int position)
        {
            string text = token.Text;
            int open;
            int close;
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken:
                    open = text.StartsWith("@", System.StringComparison.Ordinal) ? 2 : 1;
                    close = text.Length > open && text[text.Length - 1] == '"' ? 1 : 0;
                    break;
                case SyntaxKind.SingleLineRawStringLiteralToken:
                    open = 0;
                    while (open < text.Length && text[open] == '"')
                    {
                        open++;
                    }

                    close = 0;
                    while (close < text.Length - open && text[text.Length - 1 - close] == '"')
                    {
                        close++;
                    }

                    break;
                default:
                    return null;
            }

            int start = token.SpanStart + open;
            int end = token.Span.End - close;
            if (position < start || position > end || end < start)
            {
                return null;
            }

            return TextSpan.FromBounds(start, end);
        }

        private static SectionKind KindOfArgument(AttributeArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
        {
            if (argument.NameEquals is not null ||
                argument.Parent is not AttributeArgumentListSyntax { Parent: AttributeSyntax attribute })
            {
                return SectionKind.None;
            }

            // What the analyzer reads (AttributeReading): the place the attribute decorates, then the bound constructor.
            SectionKind kind = AttributeReading.PlaceOf(attribute) switch
            {
                SectionPlace.Program => SectionKind.Program,
                SectionPlace.Data => SectionKind.Data,
                _ => SectionKind.None,
            };
            if (kind == SectionKind.None)
            {
                return SectionKind.None;
            }

            SymbolInfo info = model.GetSymbolInfo(attribute, cancellationToken);
            IMethodSymbol? constructor = info.Symbol as IMethodSymbol;
            if (constructor is null && info.CandidateSymbols.Length == 1)
            {
                constructor = info.CandidateSymbols[0] as IMethodSymbol;
            }

            if (AttributeReading.KindOf(constructor) != SectionAttributeKind.Section ||
                AttributeReading.FirstArgument(attribute, constructor!.Parameters[0].Name) != argument)
            {
                return SectionKind.None;
            }

            return kind;
        }

        private static async Task<SectionKind> KindOfUsesAsync(IFieldSymbol constant, Solution solution, CancellationToken cancellationToken)
        {
            SectionKind kind = SectionKind.None;
            foreach (ReferencedSymbol referenced in await SymbolFinder.FindReferencesAsync(constant, solution, cancellationToken).ConfigureAwait(false))
            {
                foreach (ReferenceLocation location in referenced.Locations)
                {
                    SyntaxNode? root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    SyntaxNode? node = root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);

                    // The argument is the constant itself (Name, or Type.Name), not an expression that uses it.
                    while (node?.Parent is MemberAccessExpressionSyntax access && access.Name == node)
                    {
                        node = access;
                    }

                    if (node?.Parent is AttributeArgumentSyntax argument &&
                        await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is SemanticModel model)
                    {
                        kind |= KindOfArgument(argument, model, cancellationToken);
                    }
                }
            }

            return kind;
        }
    }
}
