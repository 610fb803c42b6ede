using System.Collections.Generic;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers
{
    /// <summary>
    /// How the package reads its attributes from C#: compiled into the analyzer and, as a linked file, into the completion
    /// provider (its own assembly, on the editor's Roslyn), so that both read a project exactly alike.
    /// </summary>
    internal static class AttributeReading
    {
        /// <summary>Any attribute class of this name whose first constructor parameter is a string counts (DotnetEbpf has its own).</summary>
        internal const string SectionAttributeName = "BpfSectionAttribute";
        internal const string CustomSectionAttributeName = "BpfCustomSectionAttribute";

        /// <summary>
        /// What an attribute's name says it may be, before it is bound: <c>BpfSection</c>, <c>BpfSectionAttribute</c>, or
        /// qualified (<c>global::</c>, <c>DotnetEbpf.Core.</c>) forms of them. An alias hides the name (<see cref="AttributeAliases"/>).
        /// </summary>
        public static SectionAttributeKind KindOfName(string simpleName) => simpleName switch
        {
            "BpfSection" or SectionAttributeName => SectionAttributeKind.Section,
            "BpfCustomSection" or CustomSectionAttributeName => SectionAttributeKind.CustomSection,
            _ => SectionAttributeKind.None,
        };

        /// <summary>
        /// What the bound attribute is: a section attribute of any namespace (its class named <see cref="SectionAttributeName"/>
        /// or <see cref="CustomSectionAttributeName"/>) whose constructor takes the name as its first, string, parameter.
        /// </summary>
        public static SectionAttributeKind KindOf(IMethodSymbol? constructor)
        {
            if (constructor is null || constructor.Parameters.Length == 0 || constructor.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return SectionAttributeKind.None;
            }

            return constructor.ContainingType.Name switch
            {
                SectionAttributeName => SectionAttributeKind.Section,
                CustomSectionAttributeName => SectionAttributeKind.CustomSection,
                _ => SectionAttributeKind.None,
            };
        }

        /// <summary>
        /// What a section attribute places, read from what it decorates (as dntc emits <c>SEC()</c>): a method or local function is a
        /// program; a field, event field or property is data (a global or a map); an attribute on a type, or aimed elsewhere
        /// (<c>[return: ...]</c>, <c>[param: ...]</c>, the assembly), places nothing.
        /// </summary>
        public static SectionPlace PlaceOf(AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax list)
            {
                return SectionPlace.Elsewhere;
            }

            string? target = list.Target?.Identifier.ValueText;
            return list.Parent switch
            {
                MethodDeclarationSyntax when target is null or "method" => SectionPlace.Program,
                LocalFunctionStatementSyntax when target is null => SectionPlace.Program,
                BaseFieldDeclarationSyntax when target is null or "field" or "event" => SectionPlace.Data,
                PropertyDeclarationSyntax when target is null or "field" or "property" => SectionPlace.Data,
                _ => SectionPlace.Elsewhere,
            };
        }

        /// <summary>
        /// <c>[assembly: BpfCustomSection("user+", ProgType = "...")]</c>: the project's analogue of libbpf's
        /// <c>libbpf_register_prog_handler()</c>. Sections libbpf could not register are left out (BPF0011 reports them).
        /// </summary>
        public static IReadOnlyList<SectionEntry> CustomSections(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            var declarations = new List<(string? Section, string? ProgType)>();
            foreach (AttributeData attribute in assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.Name != CustomSectionAttributeName ||
                    attribute.ConstructorArguments.Length == 0 ||
                    attribute.ConstructorArguments[0].Value is not string section)
                {
                    continue;
                }

                string? progType = null;
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                {
                    if (named.Key == "ProgType" && named.Value.Value is string p)
                    {
                        progType = p;
                    }
                }

                declarations.Add((section, progType));
            }

            return SectionEntry.CustomEntries(declarations);
        }

        /// <summary>The argument bound to the constructor's first parameter: positional, or by name.</summary>
        public static AttributeArgumentSyntax? FirstArgument(AttributeSyntax attribute, string parameterName)
        {
            if (attribute.ArgumentList is null)
            {
                return null;
            }

            int position = 0;
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals is not null)
                {
                    continue;
                }

                if (argument.NameColon is not null)
                {
                    if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                    {
                        return argument;
                    }

                    continue;
                }

                if (position++ == 0)
                {
                    return argument;
                }
            }

            return null;
        }
    }

    /// <summary>Which of the package's attributes an attribute is.</summary>
    internal enum SectionAttributeKind
    {
        None,

        /// <summary><c>[BpfSection("...")]</c>: the section of a program or of a global.</summary>
        Section,

        /// <summary><c>[assembly: BpfCustomSection("user+")]</c>: a section the loader registers.</summary>
        CustomSection,
    }

    /// <summary>What a <c>[BpfSection]</c> places in its section (<see cref="AttributeReading.PlaceOf"/>).</summary>
    internal enum SectionPlace
    {
        /// <summary>Nothing dntc emits a <c>SEC()</c> for.</summary>
        Elsewhere,

        /// <summary>A BPF program: the name is a program section.</summary>
        Program,

        /// <summary>A global or a map: the name is a data section.</summary>
        Data,
    }
}
