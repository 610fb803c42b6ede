using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers
{
    /// <summary>
    /// Which programs use a global, over the whole compilation: a use (read, write, <c>ref</c>; not <c>nameof()</c>) in a
    /// program (a method with a section attribute) or in a method that a program calls, directly or through others. libbpf
    /// relocates each such instruction against the global's section ("bad map relo" when it has no map). A search, made
    /// only for the rare member whose section libbpf skips or makes no map of: trees are read in file order, and only
    /// the trees that hold the name as an identifier are bound.
    /// </summary>
    internal sealed class ProgramUses
    {
        /// <summary>How many calls deep a use is followed back to a program.</summary>
        private const int MaxCallDepth = 6;

        private readonly Compilation _compilation;
        private readonly CancellationToken _cancellationToken;
        // Made on the first search only: every data member gets a ProgramUses, few ever search.
        private Dictionary<SyntaxTree, SemanticModel>? _models;

        public ProgramUses(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Each use of <paramref name="member"/> that a program reaches, with that program, in file and position order.</summary>
        public IEnumerable<(ExpressionSyntax Use, IMethodSymbol Program)> Of(ISymbol member)
        {
            foreach ((ExpressionSyntax use, IMethodSymbol? container) in References(member))
            {
                if (container is not null && ProgramReaching(container, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0) is IMethodSymbol program)
                {
                    yield return (use, program);
                }
            }
        }

        /// <summary>The first program that uses <paramref name="member"/>, or null when none does.</summary>
        public IMethodSymbol? FirstProgramUsing(ISymbol member)
        {
            foreach ((_, IMethodSymbol program) in Of(member))
            {
                return program;
            }

            return null;
        }

        /// <summary>True when <paramref name="method"/> carries a section attribute: it is a BPF program.</summary>
        public static bool IsProgram(IMethodSymbol method)
        {
            foreach (AttributeData a in method.GetAttributes())
            {
                if (a.AttributeClass?.Name == AttributeReading.SectionAttributeName)
                {
                    return true;
                }
            }

            return false;
        }

        private IMethodSymbol? ProgramReaching(IMethodSymbol method, HashSet<ISymbol> seen, int depth)
        {
            if (IsProgram(method))
            {
                return method;
            }

            if (depth >= MaxCallDepth || !seen.Add(method))
            {
                return null;
            }

            foreach ((_, IMethodSymbol? caller) in References(method))
            {
                if (caller is not null && ProgramReaching(caller, seen, depth + 1) is IMethodSymbol program)
                {
                    return program;
                }
            }

            return null;
        }

        /// <summary>Every bound reference to <paramref name="symbol"/> in the compilation, with the method it is in (null outside one).</summary>
        private IEnumerable<(ExpressionSyntax Use, IMethodSymbol? Container)> References(ISymbol symbol)
        {
            string name = symbol.Name;
            ISymbol target = symbol.OriginalDefinition;
            foreach (SyntaxTree tree in _compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode root = tree.GetRoot(_cancellationToken);
                foreach (SyntaxToken token in root.DescendantTokens())
                {
                    if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != name || token.Parent is not IdentifierNameSyntax id)
                    {
                        continue;
                    }

                    ExpressionSyntax use = id.Parent is MemberAccessExpressionSyntax access && access.Name == id ? access : id;
                    if (InNameof(use))
                    {
                        continue;
                    }

                    SemanticModel model = ModelOf(tree);
                    ISymbol? bound = model.GetSymbolInfo(id, _cancellationToken).Symbol;
                    if (bound is null || !SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition, target))
                    {
                        continue;
                    }

                    yield return (use, ContainingMethod(model.GetEnclosingSymbol(id.SpanStart, _cancellationToken)));
                }
            }
        }

        private SemanticModel ModelOf(SyntaxTree tree)
        {
            _models ??= new Dictionary<SyntaxTree, SemanticModel>();
            if (!_models.TryGetValue(tree, out SemanticModel? model))
            {
                // Only for the rare member whose section libbpf skips (ProgramUses' summary): the other trees' uses decide
                // whether its program fails to open, and no analyzer callback hands over another tree's model.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
                model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                _models.Add(tree, model);
            }

            return model;
        }

        /// <summary>The ordinary method (or accessor) a use sits in: lambdas and local functions belong to their method.</summary>
        private static IMethodSymbol? ContainingMethod(ISymbol? symbol)
        {
            for (ISymbol? s = symbol; s is not null; s = s.ContainingSymbol)
            {
                if (s is IMethodSymbol m && m.MethodKind != MethodKind.AnonymousFunction && m.MethodKind != MethodKind.LocalFunction)
                {
                    return m;
                }

                if (s is INamedTypeSymbol)
                {
                    return null;
                }
            }

            return null;
        }

        private static bool InNameof(ExpressionSyntax use) =>
            use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };
    }
}
