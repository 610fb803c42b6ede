using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// <c>[BpfSection]</c> on a field or property: a global or a map (DotnetEbpf emits <c>SEC("...")</c> for both), checked
    /// against libbpf's data sections (<see cref="DataSectionChecker"/>) instead of its program sections.
    /// </summary>
    internal static class DataMemberDiagnostics
    {
        /// <summary>dntc's renaming attributes: the C name libbpf prints (any namespace).</summary>
        internal const string CustomFieldNameAttribute = "CustomFieldNameAttribute";
        internal const string CustomFunctionNameAttribute = "CustomFunctionNameAttribute";

        /// <summary>The member the attribute list decorates when it is data (field, property, event field), else null.</summary>
        public static MemberDeclarationSyntax? DataMember(AttributeSyntax attribute) => attribute.Parent?.Parent switch
        {
            BaseFieldDeclarationSyntax f => f,
            PropertyDeclarationSyntax p => p,
            _ => null,
        };

        public static void Report(SyntaxNodeAnalysisContext context, MemberDeclarationSyntax member, ExpressionSyntax argument, string? name, SectionTarget target, IReadOnlyList<SectionEntry> custom)
        {
            ISymbol? symbol = member switch
            {
                BaseFieldDeclarationSyntax f when f.Declaration.Variables.Count > 0 =>
                    context.SemanticModel.GetDeclaredSymbol(f.Declaration.Variables[0], context.CancellationToken),
                PropertyDeclarationSyntax p => context.SemanticModel.GetDeclaredSymbol(p, context.CancellationToken),
                _ => null,
            };

            string variable = symbol is null ? DataSectionChecker.VariablePlaceholder : CName(symbol, CustomFieldNameAttribute);
            ITypeSymbol? type = symbol switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                IEventSymbol e => e.Type,
                _ => null,
            };
            bool readOnly = symbol is IFieldSymbol { IsReadOnly: true } or IFieldSymbol { IsConst: true } or IPropertySymbol { SetMethod: null };
            bool mapLike = type is { TypeKind: TypeKind.Struct or TypeKind.Class } && type.SpecialType == SpecialType.None && type.Name.IndexOf("Map", System.StringComparison.Ordinal) >= 0;

            DataSectionCheck check = DataSectionChecker.Check(name, target, custom, variable, DataSectionChecker.ProgramPlaceholder, readOnly, mapLike);
            if (check.IsError && symbol is not null)
            {
                // Only on the error path: name the program that reads the global, as libbpf's message would.
                check = DataSectionChecker.Check(name, target, custom, variable, ReaderOf(symbol, context.CancellationToken), readOnly, mapLike);
            }
            string display = SectionNameRules.Display(check.Name);
            var fixes = check.Suggestions.Select(s => s.Name).ToList();
            string says = string.Join("\" then \"", check.LibbpfSays);
            Diagnostic? diagnostic = check.Verdict switch
            {
                DataSectionVerdict.Valid => null,
                DataSectionVerdict.Malformed => Create(Descriptors.MalformedSectionName, target.ToString(), name is null ? "is null" : $"'{display}' {SectionNameRules.Malformation(name)}"),
                DataSectionVerdict.Deprecated => Create(Descriptors.DeprecatedSection, target.ToString(), display, $"deprecated for legacy maps (libbpf prints \"{says}\")", "a BTF-defined map in '.maps'"),
                DataSectionVerdict.NeedsNewer => Create(Descriptors.SectionNeedsNewerLibbpf, target.ToString(), display, check.Entry!.FirstRelease.AsFirstNeeded, says, string.Empty),
                DataSectionVerdict.ProgramSection => Create(Descriptors.ProgramSectionOnData, target.ToString(), display, ProgramType(name!, target, custom), variable, check.LibbpfSays[check.LibbpfSays.Count - 1], Quoted(fixes)),
                DataSectionVerdict.NotForDefinitions => Create(Descriptors.DataSectionMisfit, target.ToString(), variable, display, check.Explanation, Says(check.LibbpfSays)),
                _ => Create(Descriptors.UnknownDataSection, target.ToString(), display, variable, check.Explanation, says, fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes) + "?"),
            };

            if (diagnostic is not null)
            {
                context.ReportDiagnostic(diagnostic);
                return;
            }

            if (check.Entry is DataSectionEntry entry && type is not null &&
                DataSectionChecker.ShapeProblem(entry, Shape(type), ByteSize(type), variable, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), target.Version, out IReadOnlyList<string> shapeSays) is string problem)
            {
                context.ReportDiagnostic(Create(Descriptors.DataSectionMisfit, target.ToString(), variable, display, problem, Says(shapeSays)));
            }
            else if (check.Entry is { Kind: DataSectionKind.License or DataSectionKind.KernelVersion } kept && symbol is not null)
            {
                ReportReads(context, symbol, kept, variable, target);
            }

            Diagnostic Create(DiagnosticDescriptor descriptor, params object[] args) =>
                Diagnostic.Create(descriptor, argument.GetLocation(), SectionNameAnalyzer.FixProperties(descriptor == Descriptors.DataSectionMisfit ? new List<string>() : fixes), args);
        }

        /// <summary>
        /// Programs that use (read or write) a global kept in <c>license</c> or <c>version</c>: libbpf makes no map of those sections, so
        /// <c>bpf_program__record_reloc()</c> fails the open ("bad map relo"). Only the rare member in such a section pays for
        /// this search: the programs of its own type, in the tree the semantic model at hand covers.
        /// </summary>
        private static void ReportReads(SyntaxNodeAnalysisContext context, ISymbol member, DataSectionEntry entry, string variable, SectionTarget target)
        {
            foreach (ISymbol candidate in member.ContainingType?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
            {
                if (candidate is not IMethodSymbol method || SectionOf(method) is null)
                {
                    continue;
                }

                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree != context.Node.SyntaxTree)
                    {
                        continue;
                    }

                    foreach (IdentifierNameSyntax id in reference.GetSyntax(context.CancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        ExpressionSyntax use = id.Parent is MemberAccessExpressionSyntax access && access.Name == id ? access : id;
                        // A write relocates against the variable as a read does; nameof() does not relocate at all.
                        if (id.Identifier.ValueText != member.Name || InNameof(use) ||
                            !SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetSymbolInfo(id, context.CancellationToken).Symbol, member) ||
                            DataSectionChecker.ReadFailure(entry, variable, CName(method, CustomFunctionNameAttribute), target.Version) is not IReadOnlyList<string> says)
                        {
                            continue;
                        }

                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.DataSectionMisfit,
                            use.GetLocation(),
                            target.ToString(),
                            variable,
                            entry.Name,
                            $"libbpf makes no map of '{entry.Name}', so a program cannot use '{variable}'; the object fails to open",
                            Says(says)));
                    }
                }
            }
        }

        private static bool InNameof(ExpressionSyntax use) =>
            use.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };

        /// <summary>
        /// The first program (a method with a section attribute) of the member's type whose body names the member; libbpf's
        /// "bad map relo" names that program. A syntactic search, done only when there is an error to report.
        /// </summary>
        private static string ReaderOf(ISymbol member, System.Threading.CancellationToken cancellationToken)
        {
            foreach (ISymbol candidate in member.ContainingType?.GetMembers() ?? ImmutableArray<ISymbol>.Empty)
            {
                if (candidate is not IMethodSymbol method || SectionOf(method) is null)
                {
                    continue;
                }

                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    SyntaxNode body = reference.GetSyntax(cancellationToken);
                    if (body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == member.Name))
                    {
                        return CName(method, CustomFunctionNameAttribute);
                    }
                }
            }

            return "<program>";
        }

        /// <summary>The C name dntc gives <paramref name="symbol"/>: the string of its Custom*Name attribute, or its own name.</summary>
        public static string CName(ISymbol symbol, string attributeName)
        {
            foreach (AttributeData a in symbol.GetAttributes())
            {
                if (a.AttributeClass?.Name == attributeName && a.ConstructorArguments.Length > 0 &&
                    a.ConstructorArguments[0].Value is string s && s.Length > 0)
                {
                    return s;
                }
            }

            return symbol.Name;
        }

        private static string? SectionOf(ISymbol symbol)
        {
            foreach (AttributeData a in symbol.GetAttributes())
            {
                if (a.AttributeClass?.Name == SectionNameAnalyzer.SectionAttributeName && a.ConstructorArguments.Length > 0 &&
                    a.ConstructorArguments[0].Value is string s)
                {
                    return s;
                }
            }

            return null;
        }

        private static DataMemberShape Shape(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Pointer)
            {
                return DataMemberShape.Scalar;
            }

            if (type.TypeKind == TypeKind.Array || type.SpecialType == SpecialType.System_String)
            {
                return DataMemberShape.Sequence;
            }

            if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_Double)
            {
                return DataMemberShape.Scalar;
            }

            return type.TypeKind is TypeKind.Struct or TypeKind.Class ? DataMemberShape.Aggregate : DataMemberShape.Unknown;
        }

        private static int? ByteSize(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
            SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char => 2,
            SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
            SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double => 8,
            _ => null,
        };

        private static string ProgramType(string name, SectionTarget target, IReadOnlyList<SectionEntry> custom) =>
            SectionResolver.ResolveProgram(name, target, custom).Entry?.ProgTypeName ?? "program";

        private static string Says(IReadOnlyList<string> says) =>
            says.Count == 0 ? string.Empty : "; libbpf prints \"" + string.Join("\" then \"", says) + "\"";

        private static string Quoted(IReadOnlyList<string> names) =>
            names.Count == 0 ? "a data section such as '.data'" : string.Join(" or ", names.Select(n => "'" + n + "'"));
    }
}
