using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// <c>[BpfSection]</c> on a field or property: a global or a map (DotnetEbpf emits <c>SEC("...")</c> for both). The Roslyn
    /// side only: what the member is (<see cref="DataMember.Of"/>, shared with the CLI) and where its uses are; the rules are
    /// <see cref="SectionChecker.CheckData"/>'s.
    /// </summary>
    internal static class DataMemberDiagnostics
    {
        /// <summary>dntc's renaming attributes: the C name libbpf prints (any namespace).</summary>
        internal const string CustomFieldNameAttribute = "CustomFieldNameAttribute";
        internal const string CustomFunctionNameAttribute = "CustomFunctionNameAttribute";

        /// <summary>dntc's attribute giving a C# type its C name (<c>[NativeType("struct stacktrace_event", "profile.h")]</c>).</summary>
        internal const string NativeTypeAttribute = "NativeTypeAttribute";

        public static void Report(SyntaxNodeAnalysisContext context, MemberDeclarationSyntax member, ExpressionSyntax argument, string? name, LibbpfSetup libbpf, SectionChecker checker)
        {
            ISymbol? symbol = member switch
            {
                BaseFieldDeclarationSyntax f when f.Declaration.Variables.Count > 0 =>
                    context.SemanticModel.GetDeclaredSymbol(f.Declaration.Variables[0], context.CancellationToken),
                PropertyDeclarationSyntax p => context.SemanticModel.GetDeclaredSymbol(p, context.CancellationToken),
                _ => null,
            };

            var uses = new ProgramUses(context.Compilation, context.CancellationToken);
            DataFindings found = checker.CheckData(name, libbpf, Describe(symbol, uses));
            if (found.Finding is Finding finding)
            {
                context.ReportDiagnostic(SectionNameAnalyzer.Create(finding, argument.GetLocation()));
            }
            else if (found.UsesFail is DataSectionEntry kept && symbol is not null)
            {
                ReportUses(context, symbol, kept, CName(symbol, CustomFieldNameAttribute), libbpf, uses);
            }
        }

        /// <summary>What the checks need to know of the member: its C name, whether it is read-only or a map, its type's shape.</summary>
        private static DataMember Describe(ISymbol? symbol, ProgramUses uses)
        {
            ITypeSymbol? type = symbol switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                IEventSymbol e => e.Type,
                _ => null,
            };
            if (symbol is null || type is null)
            {
                return DataMember.Unknown;
            }

            bool readOnly = symbol is IFieldSymbol { IsReadOnly: true } or IFieldSymbol { IsConst: true } or IPropertySymbol { SetMethod: null };
            DataTypeForm form = type.TypeKind switch
            {
                TypeKind.Array => DataTypeForm.Array,
                TypeKind.Pointer => DataTypeForm.Pointer,
                TypeKind.Enum => DataTypeForm.Enum,
                TypeKind.Struct when type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T => DataTypeForm.Nullable,
                TypeKind.Struct or TypeKind.Class => DataTypeForm.Named,
                _ => DataTypeForm.Other,
            };
            return DataMember.Of(
                CName(symbol, CustomFieldNameAttribute),
                readOnly,
                form,
                type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
                type.Name,
                type.SpecialType != SpecialType.None,
                () => uses.FirstProgramUsing(symbol) is IMethodSymbol program ? CName(program, CustomFunctionNameAttribute) : null,
                CStruct(type));
        }

        /// <summary>dntc's <c>[NativeType("struct T", header)]</c> on the type (any namespace): the C struct it is, <c>T</c>.</summary>
        private static string? CStruct(ITypeSymbol type) =>
            AttributeString(type, NativeTypeAttribute, c => c.StartsWith("struct ", System.StringComparison.Ordinal) && c.Length > 7)?.Substring(7).Trim();

        /// <summary>
        /// Programs that use (read or write) a global kept in <c>license</c> or <c>version</c>, in any file: each use is
        /// reported where it is, naming the program that reaches it. Only the rare member in such a section pays for this search.
        /// </summary>
        private static void ReportUses(SyntaxNodeAnalysisContext context, ISymbol member, DataSectionEntry entry, string variable, LibbpfSetup libbpf, ProgramUses uses)
        {
            foreach ((ExpressionSyntax use, IMethodSymbol program) in uses.Of(member))
            {
                if (SectionChecker.UseOfUnmappedGlobal(entry, variable, CName(program, CustomFunctionNameAttribute), libbpf) is Finding finding)
                {
                    context.ReportDiagnostic(SectionNameAnalyzer.Create(finding, use.GetLocation()));
                }
            }
        }

        /// <summary>The C name dntc gives <paramref name="symbol"/>: the string of its Custom*Name attribute, or its own name.</summary>
        public static string CName(ISymbol symbol, string attributeName) => AttributeString(symbol, attributeName, s => s.Length > 0) ?? symbol.Name;

        /// <summary>The first string argument of an attribute named <paramref name="attributeName"/> (any namespace) that <paramref name="accept"/> takes.</summary>
        private static string? AttributeString(ISymbol symbol, string attributeName, System.Func<string, bool> accept)
        {
            foreach (AttributeData a in symbol.GetAttributes())
            {
                if (a.AttributeClass?.Name == attributeName && a.ConstructorArguments.Length > 0 &&
                    a.ConstructorArguments[0].Value is string s && accept(s))
                {
                    return s;
                }
            }

            return null;
        }
    }
}
