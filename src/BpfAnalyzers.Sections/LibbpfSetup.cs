using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What the resolver answers for: a libbpf release and, where the release has it, whether the
    /// program called <c>libbpf_set_strict_mode(LIBBPF_STRICT_SEC_NAME)</c>.
    /// </summary>
    public readonly struct LibbpfSetup : IEquatable<LibbpfSetup>
    {
        /// <summary>
        /// <paramref name="strictSectionNames"/> exists from libbpf 0.6 (when <c>find_sec_def()</c>
        /// learned <c>SEC_SLOPPY_PFX</c>) to 0.8; from 1.0 on it is how libbpf always behaves, so it is
        /// accepted and changes nothing there.
        /// </summary>
        public LibbpfSetup(LibbpfVersion version, bool strictSectionNames = false)
        {
            if (strictSectionNames && !SupportsStrictMode(version))
            {
                throw new ArgumentException($"libbpf {version} has no LIBBPF_STRICT_SEC_NAME mode (it exists from 0.6 on).", nameof(strictSectionNames));
            }

            Version = version;
            StrictSectionNames = strictSectionNames || version >= LibbpfVersion.V1_0;
        }

        public LibbpfVersion Version { get; }

        /// <summary>True when legacy-prefix entries must match exactly (always true from 1.0 on).</summary>
        public bool StrictSectionNames { get; }

        public static LibbpfSetup Latest => new LibbpfSetup(LibbpfVersion.Latest);

        /// <summary>libbpf 0.6 added <c>LIBBPF_STRICT_SEC_NAME</c>.</summary>
        public static bool SupportsStrictMode(LibbpfVersion version) => version >= new LibbpfVersion(0, 6);

        /// <summary>libbpf 0.8 strips a leading <c>?</c> (do not autoload) when it opens an object.</summary>
        public bool SupportsNoAutoload => Version >= LibbpfVersion.V0_8;

        public bool Equals(LibbpfSetup other) => Version == other.Version && StrictSectionNames == other.StrictSectionNames;

        public override bool Equals(object? obj) => obj is LibbpfSetup other && Equals(other);

        public override int GetHashCode() => Version.GetHashCode() * 2 + (StrictSectionNames ? 1 : 0);

        public override string ToString() =>
            StrictSectionNames && Version < LibbpfVersion.V1_0 ? $"libbpf {Version} (strict section names)" : $"libbpf {Version}";
    }
}
