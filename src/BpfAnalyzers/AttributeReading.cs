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
        /// <c>[assembly: BpfCustomSection("user+", ProgType = "...")]</c>: the project's analogue of libbpf's
        /// <c>libbpf_register_prog_handler()</c>. Sections libbpf could not register are left out (BPF0011 reports them).
        /// </summary>
        public static IReadOnlyList<SectionEntry> CustomSections(IAssemblySymbol assembly, CancellationToken cancellationToken)
        {
            var entries = new List<SectionEntry>();
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

                if (SectionEntry.TryCreateCustom(section, progType, out SectionEntry? entry))
                {
                    entries.Add(entry!);
                }
            }

            return entries;
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
}
