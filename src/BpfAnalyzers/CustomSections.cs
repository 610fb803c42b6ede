using System.Collections.Generic;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// <c>[assembly: BpfCustomSection("user+")]</c>: the project's analogue of libbpf's
    /// <c>libbpf_register_prog_handler()</c>. Custom entries are tried before the built-in table.
    /// </summary>
    internal static class CustomSections
    {
        public static IReadOnlyList<SectionEntry> Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var entries = new List<SectionEntry>();
            foreach (AttributeData attribute in compilation.Assembly.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.AttributeClass?.Name != SectionNameAnalyzer.CustomSectionAttributeName ||
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

        public static void Check(SyntaxNodeAnalysisContext context, ExpressionSyntax argument, string? section, SectionTarget target)
        {
            if (SectionChecker.CheckCustomSection(section, target) is Finding finding)
            {
                context.ReportDiagnostic(SectionNameAnalyzer.Create(finding, argument.GetLocation()));
            }
        }
    }
}
