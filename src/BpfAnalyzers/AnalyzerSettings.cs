using System;
using System.Collections.Concurrent;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// The target libbpf release, from (first found wins) the <c>bpf_libbpf_version</c> key of
    /// <c>.editorconfig</c>/<c>.globalconfig</c>, the <c>BpfLibbpfVersion</c> MSBuild property (made
    /// visible by the package's <c>CompilerVisibleProperty</c>), or the newest release in the table.
    /// <c>main</c> targets libbpf's main branch; a release newer than every table (<c>1.8</c>) is a
    /// BPF0010 error, checked against main meanwhile.
    /// Strict section names (libbpf 0.6–0.8) likewise from <c>bpf_strict_section_names</c> or
    /// <c>BpfStrictSectionNames</c>.
    /// </summary>
    internal sealed class AnalyzerSettings
    {
        private readonly AnalyzerConfigOptionsProvider _provider;
        // Reference-type keys and values only: a value-type instantiation is JIT-compiled anew in every fresh csc (issue 23).
        private readonly ConcurrentDictionary<string, Parsed> _parsed = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<SyntaxTree, Parsed> _byTree = new();

        public AnalyzerSettings(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        /// <summary>Every configuration error seen, reported once at the end of the compilation.</summary>
        public ConcurrentDictionary<string, bool> Errors { get; } = new(StringComparer.Ordinal);

        public LibbpfSetup LibbpfFor(SyntaxTree tree) =>
            // Once per file: four option lookups per attribute were a tenth of the analyzer's callback time (issue 13).
            (_byTree.TryGetValue(tree, out Parsed? known) ? known : _byTree.GetOrAdd(tree, Compute(tree))).Libbpf;

        private Parsed Compute(SyntaxTree tree)
        {
            // Parsed once per distinct pair of values: most projects have one.
            (string? version, string? strict) = ProjectSettings.Read(_provider, tree);
            Parsed parsed = _parsed.GetOrAdd(version + "\u0000" + strict, _ => new Parsed(LibbpfSettings.Parse(version, strict, out string? error), error));
            if (parsed.Error is not null)
            {
                Errors.TryAdd(parsed.Error, true);
            }

            return parsed;
        }

        private sealed class Parsed
        {
            public Parsed(LibbpfSetup libbpf, string? error)
            {
                Libbpf = libbpf;
                Error = error;
            }

            public LibbpfSetup Libbpf { get; }

            public string? Error { get; }
        }
    }
}
