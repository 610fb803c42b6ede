namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The target libbpf release as a project states it: the <c>bpf_libbpf_version</c> /
    /// <c>bpf_strict_section_names</c> keys of <c>.editorconfig</c>/<c>.globalconfig</c>, else the
    /// <c>BpfLibbpfVersion</c> / <c>BpfStrictSectionNames</c> MSBuild properties. One reading of them for
    /// the analyzer and the completion provider, so both check against the same table.
    /// </summary>
    public static class LibbpfSettings
    {
        public const string VersionKey = "bpf_libbpf_version";
        public const string StrictKey = "bpf_strict_section_names";
        public const string VersionProperty = "build_property.BpfLibbpfVersion";
        public const string StrictProperty = "build_property.BpfStrictSectionNames";

        /// <summary>
        /// The target for the raw setting values (null when unset), and the configuration error (BPF0010)
        /// they make, if any. An invalid value still yields the target the analyzer checks against.
        /// </summary>
        public static LibbpfSetup Parse(string? version, string? strict, out string? error)
        {
            LibbpfVersion v = LibbpfVersion.Latest;
            error = null;
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
                else if (isStrict && !LibbpfSetup.SupportsStrictMode(v))
                {
                    error ??= $"BpfStrictSectionNames is true, but libbpf {v} has no LIBBPF_STRICT_SEC_NAME mode (it exists from 0.6)";
                    isStrict = false;
                }
            }

            return new LibbpfSetup(v, isStrict);
        }
    }
}
