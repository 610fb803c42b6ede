using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// The one reading of a file's settings, compiled into the analyzer (<see cref="AnalyzerSettings"/> caches it) and, as a
    /// linked file, into completion: for each setting the <c>.editorconfig</c>/<c>.globalconfig</c> key first, then the
    /// MSBuild property the package makes visible (<c>CompilerVisibleProperty</c>); blank counts as unset.
    /// </summary>
    internal static class ProjectSettings
    {
        /// <summary>The libbpf release and strict-names values written for <paramref name="tree"/>, unparsed (null: unset).</summary>
        public static (string? Version, string? Strict) Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        {
            AnalyzerConfigOptions options = provider.GetOptions(tree);
            return (Read(provider, options, LibbpfSettings.VersionKey, LibbpfSettings.VersionProperty),
                    Read(provider, options, LibbpfSettings.StrictKey, LibbpfSettings.StrictProperty));
        }

        /// <summary>The target <paramref name="tree"/> is checked against; a value the analyzer rejects (BPF0010) falls back as it does.</summary>
        public static LibbpfSetup LibbpfOf(AnalyzerConfigOptionsProvider provider, SyntaxTree tree, out string? error)
        {
            (string? version, string? strict) = Read(provider, tree);
            return LibbpfSettings.Parse(version, strict, out error);
        }

        private static string? Read(AnalyzerConfigOptionsProvider provider, AnalyzerConfigOptions options, string key, string property)
        {
            if (options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }

            return provider.GlobalOptions.TryGetValue(property, out value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        }
    }
}
