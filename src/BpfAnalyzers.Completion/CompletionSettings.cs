using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// The release and custom sections the analyzer checks this document against, read by the analyzer's
    /// own code (src/BpfAnalyzers/ProjectSettings.cs and AttributeReading.cs, linked): <c>bpf_libbpf_version</c> of
    /// <c>.editorconfig</c> first, then the <c>BpfLibbpfVersion</c> property, else the newest release;
    /// a value the analyzer rejects (BPF0010) falls back as it does (<see cref="LibbpfSettings"/>).
    /// </summary>
    internal static class CompletionSettings
    {
        public static LibbpfSetup For(Document document, SyntaxTree tree) =>
            ProjectSettings.LibbpfOf(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, tree, out _);

        /// <summary><c>[assembly: BpfCustomSection("user+", ProgType = "...")]</c> of the project.</summary>
        public static async Task<IReadOnlyList<SectionEntry>> CustomSectionsAsync(Document document, CancellationToken cancellationToken)
        {
            Compilation? compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            return compilation is null
                ? System.Array.Empty<SectionEntry>()
                : AttributeReading.CustomSections(compilation.Assembly, cancellationToken);
        }

    }
}
