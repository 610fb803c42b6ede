using System;
using System.Globalization;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// A libbpf release, as far as the program section table is concerned. Patch releases share the
    /// table of their minor release (<c>1.1.2</c> reads the <c>1.1</c> table), so equality and ordering
    /// use major and minor only. <see cref="Main"/>, libbpf's main branch at the commit its table was
    /// read at (<see cref="SectionTable.MainCommit"/>), is newer than every release.
    /// </summary>
    public readonly struct LibbpfVersion : IEquatable<LibbpfVersion>, IComparable<LibbpfVersion>
    {
        // Main sorts after every numbered release; no release will ever be numbered this high.
        private const int MainMajor = int.MaxValue;

        public LibbpfVersion(int major, int minor)
        {
            Major = major;
            Minor = minor;
        }

        public int Major { get; }

        public int Minor { get; }

        /// <summary>The newest numbered release in the table; the default target.</summary>
        public static LibbpfVersion Latest => SectionTable.LatestVersion;

        /// <summary>
        /// libbpf's main branch (<c>BpfLibbpfVersion=main</c>): what projects that pin libbpf from git
        /// (bcc, bpftool, tracee) build with. Newer than every release.
        /// </summary>
        public static LibbpfVersion Main => new LibbpfVersion(MainMajor, 0);

        /// <summary>True for <see cref="Main"/>.</summary>
        public bool IsMain => Major == MainMajor;

        /// <summary>
        /// How a message names the first libbpf that has something: "libbpf 1.3 or newer", or
        /// "libbpf main (not yet released)" for what only the main branch has.
        /// </summary>
        public string AsFirstNeeded => IsMain ? "libbpf main (not yet released)" : "libbpf " + ToString() + " or newer";

        /// <summary>First release with <c>type+</c> entries, <c>SEC("?name")</c> and custom handlers.</summary>
        public static LibbpfVersion V0_8 => new LibbpfVersion(0, 8);

        /// <summary>First release without legacy prefix matching.</summary>
        public static LibbpfVersion V1_0 => new LibbpfVersion(1, 0);

        /// <summary>
        /// Parses <c>1.1</c>, <c>1.1.2</c>, <c>v1.1</c>, <c>latest</c> (the newest release) or <c>main</c>
        /// (also <c>master</c>, the branch's name in libbpf/libbpf; any case) into a version that has a
        /// table. A version that is not a known release (<c>0.9</c>, <c>1.9</c>, <c>abc</c>) fails; see
        /// <see cref="IsNewerThanEveryRelease"/> for the ones past the newest table.
        /// </summary>
        public static bool TryParse(string? text, out LibbpfVersion version)
        {
            version = default;
            string s = text?.Trim() ?? string.Empty;
            if (string.Equals(s, "latest", StringComparison.OrdinalIgnoreCase))
            {
                version = Latest;
                return true;
            }

            if (string.Equals(s, "main", StringComparison.OrdinalIgnoreCase) || string.Equals(s, "master", StringComparison.OrdinalIgnoreCase))
            {
                version = Main;
                return true;
            }

            if (!TryParseNumber(s, out LibbpfVersion candidate) || !SectionTable.HasRelease(candidate))
            {
                return false;
            }

            version = candidate;
            return true;
        }

        /// <summary>
        /// True when <paramref name="text"/> is a release number past the newest release with a table
        /// (<c>1.8</c>, <c>2.0</c> while the newest is 1.7). No table says what such a release accepts:
        /// it is cut from main, but main moves on, so callers report it rather than guess.
        /// </summary>
        public static bool IsNewerThanEveryRelease(string? text) =>
            TryParseNumber(text?.Trim() ?? string.Empty, out LibbpfVersion v) && v > Latest;

        private static bool TryParseNumber(string s, out LibbpfVersion version)
        {
            version = default;
            if (s.Length > 0 && (s[0] == 'v' || s[0] == 'V'))
            {
                s = s.Substring(1);
            }

            string[] parts = s.Split('.');
            if (parts.Length < 2 || parts.Length > 3)
            {
                return false;
            }

            foreach (string part in parts)
            {
                if (part.Length == 0 || part.Length > 4 || !IsDigits(part))
                {
                    return false;
                }
            }

            version = new LibbpfVersion(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture));
            return true;
        }

        public static LibbpfVersion Parse(string text) =>
            TryParse(text, out LibbpfVersion v)
                ? v
                : throw new FormatException($"'{text}' is not a libbpf release with a section table (known: {string.Join(", ", SectionTable.ReleaseNames)}).");

        private static bool IsDigits(string s)
        {
            foreach (char c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        public bool Equals(LibbpfVersion other) => Major == other.Major && Minor == other.Minor;

        public override bool Equals(object? obj) => obj is LibbpfVersion other && Equals(other);

        public override int GetHashCode() => unchecked((Major * 397) ^ Minor);

        public int CompareTo(LibbpfVersion other) =>
            Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

        public static bool operator ==(LibbpfVersion a, LibbpfVersion b) => a.Equals(b);

        public static bool operator !=(LibbpfVersion a, LibbpfVersion b) => !a.Equals(b);

        public static bool operator <(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) < 0;

        public static bool operator >(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) > 0;

        public static bool operator <=(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) <= 0;

        public static bool operator >=(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) >= 0;

        /// <summary><c>1.1</c> or <c>main</c>: the form the diagnostics and the CLI print.</summary>
        public override string ToString() => IsMain
            ? "main"
            : Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
    }
}
