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
        public const string VersionKey = "bpf_libbpf_version";
        public const string StrictKey = "bpf_strict_section_names";
        public const string VersionProperty = "build_property.BpfLibbpfVersion";
        public const string StrictProperty = "build_property.BpfStrictSectionNames";

        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<(string?, string?), (SectionTarget Target, string? Error)> _parsed = new();

        public AnalyzerSettings(AnalyzerConfigOptionsProvider provider)
        {
            _provider = provider;
        }

        /// <summary>Every configuration error seen, reported once at the end of the compilation.</summary>
        public ConcurrentDictionary<string, bool> Errors { get; } = new(StringComparer.Ordinal);

        public SectionTarget TargetFor(SyntaxTree tree)
        {
            AnalyzerConfigOptions options = _provider.GetOptions(tree);
            string? version = Read(options, VersionKey, VersionProperty);
            string? strict = Read(options, StrictKey, StrictProperty);
            (SectionTarget target, string? error) = _parsed.GetOrAdd((version, strict), key => Parse(key.Item1, key.Item2));
            if (error is not null)
            {
                Errors.TryAdd(error, true);
            }

            return target;
        }

        private string? Read(AnalyzerConfigOptions options, string key, string property)
        {
            if (options.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }

            return _provider.GlobalOptions.TryGetValue(property, out value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        }

        internal static (SectionTarget Target, string? Error) Parse(string? version, string? strict)
        {
            LibbpfVersion v = LibbpfVersion.Latest;
            string? error = null;
            if (version is not null && !LibbpfVersion.TryParse(version, out v))
            {
                if (LibbpfVersion.IsNewerThanEveryRelease(version))
                {
                    // A release past the newest table is cut from main, so main's table is the nearest
                    // guess; but main moves on, so say so instead of passing silently.
                    v = LibbpfVersion.Main;
                    error = $"BpfLibbpfVersion '{version}' is newer than every libbpf release with a section table (the newest is {LibbpfVersion.Latest}); " +
                            $"set it to 'main' (libbpf's main branch at {SectionTable.MainCommit.Substring(0, 12)}, {SectionTable.MainCommitDate}) or to '{LibbpfVersion.Latest}'; checking against libbpf main";
                }
                else
                {
                    v = LibbpfVersion.Latest;
                    error = $"BpfLibbpfVersion '{version}' is not a libbpf release with a section table (0.1 to {LibbpfVersion.Latest}, or main); checking against libbpf {LibbpfVersion.Latest}";
                }
            }

            bool isStrict = false;
            if (strict is not null)
            {
                if (!bool.TryParse(strict.Trim(), out isStrict))
                {
                    error ??= $"BpfStrictSectionNames '{strict}' is not 'true' or 'false'";
                }
                else if (isStrict && !SectionTarget.SupportsStrictMode(v))
                {
                    error ??= $"BpfStrictSectionNames is true, but libbpf {v} has no LIBBPF_STRICT_SEC_NAME mode (it exists from 0.6)";
                    isStrict = false;
                }
            }

            return (new SectionTarget(v, isStrict), error);
        }
    }
}
