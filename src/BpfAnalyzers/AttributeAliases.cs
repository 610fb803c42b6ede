using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers
{
    /// <summary>
    /// Using aliases that may name a section attribute (<c>using S = BpfAnalyzers.BpfSectionAttribute;</c> then
    /// <c>[S("xdp")]</c>): the analyzer filters attributes by simple name before it binds one, and an alias hides the
    /// name. Read from the using directives only (the compilation unit's and its namespaces'), per tree, plus the
    /// compilation's global ones; the attribute is still bound before it counts.
    /// </summary>
    internal sealed class AttributeAliases
    {
        private readonly Compilation _compilation;
        private readonly ConditionalWeakTable<SyntaxTree, Dictionary<string, bool>> _perTree = new();
        private Dictionary<string, bool>? _global;

        public AttributeAliases(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>
        /// True when <paramref name="name"/> is an alias, visible in <paramref name="tree"/>, of a type whose name is a
        /// section attribute's; <paramref name="isCustom"/> tells which of the two.
        /// </summary>
        public bool TryGet(SyntaxTree tree, string name, CancellationToken cancellationToken, out bool isCustom)
        {
            Dictionary<string, bool> local = _perTree.GetValue(tree, t => Read(t, globalOnly: false, cancellationToken));
            if (local.TryGetValue(name, out isCustom))
            {
                return true;
            }

            Dictionary<string, bool> global = LazyInitializer.EnsureInitialized(ref _global, () => Global(cancellationToken))!;
            return global.TryGetValue(name, out isCustom);
        }

        private Dictionary<string, bool> Global(CancellationToken cancellationToken)
        {
            var all = new Dictionary<string, bool>();
            foreach (SyntaxTree tree in _compilation.SyntaxTrees)
            {
                foreach (KeyValuePair<string, bool> alias in Read(tree, globalOnly: true, cancellationToken))
                {
                    all[alias.Key] = alias.Value;
                }
            }

            return all;
        }

        private static Dictionary<string, bool> Read(SyntaxTree tree, bool globalOnly, CancellationToken cancellationToken)
        {
            var aliases = new Dictionary<string, bool>();
            if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
            {
                return aliases;
            }

            Add(unit.Usings, aliases, globalOnly);
            if (!globalOnly)
            {
                AddNamespaces(unit.Members, aliases);
            }

            return aliases;
        }

        private static void AddNamespaces(SyntaxList<MemberDeclarationSyntax> members, Dictionary<string, bool> aliases)
        {
            foreach (MemberDeclarationSyntax member in members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns)
                {
                    Add(ns.Usings, aliases, globalOnly: false);
                    AddNamespaces(ns.Members, aliases);
                }
            }
        }

        private static void Add(SyntaxList<UsingDirectiveSyntax> usings, Dictionary<string, bool> aliases, bool globalOnly)
        {
            foreach (UsingDirectiveSyntax u in usings)
            {
                if (u.Alias is null || (globalOnly && !u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) || RightmostName(u) is not string target)
                {
                    continue;
                }

                SectionAttributeKind kind = AttributeReading.KindOfName(target);
                if (kind != SectionAttributeKind.None)
                {
                    aliases[u.Alias.Name.Identifier.ValueText] = kind == SectionAttributeKind.CustomSection;
                }
            }
        }

        private static string? RightmostName(UsingDirectiveSyntax u) => u.NamespaceOrType switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
