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
        public static IReadOnlyList<SectionEntry> Read(Compilation compilation, CancellationToken cancellationToken) =>
            AttributeReading.CustomSections(compilation.Assembly, cancellationToken);

        public static void Check(SyntaxNodeAnalysisContext context, ExpressionSyntax argument, string? section, LibbpfSetup libbpf)
        {
            if (SectionChecker.CheckCustomSection(section, libbpf) is Finding finding)
            {
                context.ReportDiagnostic(SectionNameAnalyzer.Create(finding, argument.GetLocation()));
            }
        }
    }
}
