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
using Microsoft.CodeAnalysis.Formatting;

namespace BpfAnalyzers.CodeFixes
{
    /// <summary>
    /// For an unknown section name that is no typo of anything (BPF0001 with no suggestion, libbpf 0.8+):
    /// adds <c>[assembly: BpfCustomSection("user+")]</c>, for a loader that registers the program type
    /// itself with <c>libbpf_register_prog_handler()</c>. Light bulb only: declaring a program type is a
    /// decision about the loader, so this provider has no Fix All provider, and <c>dotnet format</c>
    /// (which applies only fixers that support Fix All in Solution) and Fix All never apply it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareCustomSectionFix)), Shared]
    public sealed class DeclareCustomSectionFix : CodeFixProvider
    {
        private const string AttributeTypeName = "BpfCustomSectionAttribute";
        private const string AttributeShortName = "BpfCustomSection";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = Rules.Fixable(RuleFixes.DeclareCustomSection).ToImmutableArray();

        /// <summary>None: never part of Fix All or <c>dotnet format</c>.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Compilation? compilation = null;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SectionNameAnalyzer.CustomSectionKey, out string? section) || section is null)
                {
                    continue;
                }

                compilation ??= await context.Document.Project.GetCompilationAsync(context.CancellationToken).ConfigureAwait(false);
                if (compilation is null || AttributeType(compilation, context.Document, diagnostic, context.CancellationToken) is not INamedTypeSymbol attributeType)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Declare custom section '{section}' ([assembly: {AttributeShortName}], for a loader that calls libbpf_register_prog_handler())",
                        ct => DeclareAsync(context.Document, compilation, attributeType, section, ct),
                        equivalenceKey: Rules.UnknownSection.Id + ".DeclareCustomSection"),
                    diagnostic);
            }
        }

        /// <summary>
        /// The custom-section attribute the analyzer reads (any class named <c>BpfCustomSectionAttribute</c>):
        /// the one beside the section attribute of the flagged name, or else the only one there is.
        /// </summary>
        private static INamedTypeSymbol? AttributeType(Compilation compilation, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = diagnostic.Location.SourceTree;
            AttributeSyntax? attribute = tree?.GetRoot(cancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
            INamespaceSymbol? near = attribute is null || tree is null
                ? null
                : (compilation.GetSemanticModel(tree).GetSymbolInfo(attribute, cancellationToken).Symbol as IMethodSymbol)?.ContainingType.ContainingNamespace;
            if (near?.GetTypeMembers(AttributeTypeName).FirstOrDefault(IsUsableAttribute) is INamedTypeSymbol beside)
            {
                return beside;
            }

            INamedTypeSymbol[] all = compilation.GetSymbolsWithName(AttributeTypeName, SymbolFilter.Type, cancellationToken).OfType<INamedTypeSymbol>()
                .Concat(compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>().SelectMany(a => TypesNamed(a.GlobalNamespace)))
                .Where(IsUsableAttribute)
                .Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default)
                .ToArray();
            return all.Length == 1 ? all[0] : null;
        }

        private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> TypesNamed(INamespaceSymbol ns)
        {
            foreach (INamedTypeSymbol t in ns.GetTypeMembers(AttributeTypeName))
            {
                yield return t;
            }

            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                foreach (INamedTypeSymbol t in TypesNamed(child))
                {
                    yield return t;
                }
            }
        }

        private static bool IsUsableAttribute(INamedTypeSymbol t) =>
            t.DeclaredAccessibility == Accessibility.Public &&
            t.InstanceConstructors.Any(c => c.Parameters.Length >= 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_String);

        /// <summary>
        /// Where the project already declares custom sections, the new one goes after the last of them;
        /// otherwise into the flagged document, after its assembly attributes, usings and extern aliases
        /// (where C# wants assembly attributes, also before a file-scoped namespace).
        /// </summary>
        private static async Task<Solution> DeclareAsync(Document document, Compilation compilation, INamedTypeSymbol attributeType, string section, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Document target = document;
            AttributeListSyntax? after = null;
            foreach (AttributeData existing in compilation.Assembly.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(existing.AttributeClass, attributeType) &&
                    existing.ApplicationSyntaxReference is SyntaxReference reference &&
                    document.Project.Solution.GetDocument(reference.SyntaxTree) is Document declaring &&
                    (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false)).Parent is AttributeListSyntax list)
                {
                    target = declaring;
                    after = list;
                }
            }

            var root = (CompilationUnitSyntax)(await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            SemanticModel model = (await target.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

            // The short name where the namespace is in scope at the top level of the file (its usings and
            // global usings; not those inside a file-scoped namespace, which an assembly attribute precedes);
            // else a using for it. Inside a using directive the usings do not apply, so ask at the first member.
            int position = root.Members.FirstOrDefault()?.SpanStart ?? root.EndOfFileToken.SpanStart;
            bool inScope = SymbolEqualityComparer.Default.Equals(
                model.GetSpeculativeSymbolInfo(position, SyntaxFactory.IdentifierName(AttributeTypeName), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol,
                attributeType);
            string ns = attributeType.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

            // The file's own line ending: the formatter keeps an elastic CRLF as it is.
            SyntaxTrivia? firstBreak = root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).Cast<SyntaxTrivia?>().FirstOrDefault();
            SyntaxTrivia newline = SyntaxFactory.ElasticEndOfLine(firstBreak?.ToString() ?? "\n");

            AttributeListSyntax declaration = SyntaxFactory.AttributeList(
                    SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.AssemblyKeyword)),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(
                        SyntaxFactory.IdentifierName(AttributeShortName),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.AttributeArgument(StringLiterals.Regular(section)))))))
                .WithTrailingTrivia(newline)
                .WithAdditionalAnnotations(Formatter.Annotation);

            CompilationUnitSyntax updated;
            if (after is not null && root.AttributeLists.Contains(after))
            {
                updated = root.InsertNodesAfter(after, new[] { declaration.WithTrailingTrivia(after.GetTrailingTrivia()) });
            }
            else if (root.AttributeLists.Count > 0)
            {
                AttributeListSyntax last = root.AttributeLists.Last();
                updated = root.InsertNodesAfter(last, new[] { declaration.WithTrailingTrivia(last.GetTrailingTrivia()) });
            }
            else
            {
                updated = root.AddAttributeLists(declaration);
            }

            if (!inScope && !attributeType.ContainingNamespace.IsGlobalNamespace)
            {
                updated = updated.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns.Replace("global::", string.Empty)))
                    .WithTrailingTrivia(newline)
                    .WithAdditionalAnnotations(Formatter.Annotation));
            }

            return target.WithSyntaxRoot(updated).Project.Solution;
        }
    }
}
