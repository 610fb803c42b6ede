using System;
using System.Globalization;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// A libbpf release, as far as the program section table is concerned. Patch releases share the
    /// table of their minor release (<c>1.1.2</c> reads the <c>1.1</c> table), so equality and ordering
    /// use major and minor only.
    /// </summary>
    public readonly struct LibbpfVersion : IEquatable<LibbpfVersion>, IComparable<LibbpfVersion>
    {
        public LibbpfVersion(int major, int minor)
        {
            Major = major;
            Minor = minor;
        }

        public int Major { get; }

        public int Minor { get; }

        /// <summary>The newest release in the table; the default target.</summary>
        public static LibbpfVersion Latest => SectionTable.LatestVersion;

        /// <summary>First release with <c>type+</c> entries, <c>SEC("?name")</c> and custom handlers.</summary>
        public static LibbpfVersion V0_8 => new LibbpfVersion(0, 8);

        /// <summary>First release without legacy prefix matching.</summary>
        public static LibbpfVersion V1_0 => new LibbpfVersion(1, 0);

        /// <summary>
        /// Parses <c>1.1</c>, <c>1.1.2</c>, <c>v1.1</c> or <c>latest</c> into a release that has a table.
        /// A version that is not a known release (<c>1.9</c>, <c>abc</c>) fails.
        /// </summary>
        public static bool TryParse(string? text, out LibbpfVersion version)
        {
            version = default;
            if (text is null)
            {
                return false;
            }

            string s = text.Trim();
            if (s.Length == 0)
            {
                return false;
            }

            if (string.Equals(s, "latest", StringComparison.OrdinalIgnoreCase))
            {
                version = Latest;
                return true;
            }

            if (s[0] == 'v' || s[0] == 'V')
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

            var candidate = new LibbpfVersion(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture));
            if (!SectionTable.HasRelease(candidate))
            {
                return false;
            }

            version = candidate;
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

        public override int GetHashCode() => (Major * 397) ^ Minor;

        public int CompareTo(LibbpfVersion other) =>
            Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

        public static bool operator ==(LibbpfVersion a, LibbpfVersion b) => a.Equals(b);

        public static bool operator !=(LibbpfVersion a, LibbpfVersion b) => !a.Equals(b);

        public static bool operator <(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) < 0;

        public static bool operator >(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) > 0;

        public static bool operator <=(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) <= 0;

        public static bool operator >=(LibbpfVersion a, LibbpfVersion b) => a.CompareTo(b) >= 0;

        /// <summary><c>1.1</c>: the form the diagnostics and the CLI print.</summary>
        public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
    }
}
