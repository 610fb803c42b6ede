namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The two pieces of glibc's <c>sscanf</c> that libbpf's attach parsers depend on, for one C string
    /// (a .NET string up to <c>end</c>): a <c>%[set]</c> run and a <c>%li</c> conversion.
    /// </summary>
    internal static class CScanf
    {
        /// <summary><c>[a-zA-Z0-9_.]</c>: a function name to <c>attach_kprobe()</c> (and <c>attach_uprobe()</c> 0.8–1.2).</summary>
        public static bool IsSymbolChar(char c) =>
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';

        /// <summary><c>[a-zA-Z0-9_.*?]</c>: a glob to <c>attach_kprobe_multi()</c>.</summary>
        public static bool IsPatternChar(char c) => IsSymbolChar(c) || c == '*' || c == '?';

        /// <summary>C's <c>isspace()</c> in the "C" locale.</summary>
        public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

        /// <summary>
        /// <c>%li</c> at <paramref name="i"/>, as glibc reads it: leading white space, a sign, then a
        /// base-0 integer (<c>0x</c> hex, <c>0</c> octal, else decimal). glibc consumes the <c>x</c> of a
        /// <c>0x</c> even when no hex digit follows, and then converts just the <c>0</c>.
        /// </summary>
        /// <returns>False when no number is there (a matching or input failure).</returns>
        public static bool TryReadLong(string s, int i, int end, out int next, out bool nonZero)
        {
            next = i;
            nonZero = false;
            while (i < end && IsSpace(s[i]))
            {
                i++;
            }

            if (i < end && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            int digits = 0;
            int radix = 10;
            if (i < end && s[i] == '0')
            {
                i++;
                digits++;
                if (i < end && (s[i] == 'x' || s[i] == 'X'))
                {
                    i++;
                    radix = 16;
                }
                else
                {
                    radix = 8;
                }
            }

            while (i < end && DigitValue(s[i]) is int d && d < radix)
            {
                nonZero |= d != 0;
                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            next = i;
            return true;
        }

        /// <summary>
        /// The value of the <c>%li</c> that <see cref="TryReadLong"/> found at <paramref name="i"/>, as glibc's
        /// <c>strtol()</c> gives it: out-of-range values saturate to <c>LONG_MIN</c>/<c>LONG_MAX</c> (64-bit).
        /// </summary>
        public static long ReadLongValue(string s, int i, int end)
        {
            while (i < end && IsSpace(s[i]))
            {
                i++;
            }

            bool negative = i < end && s[i] == '-';
            if (i < end && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            int radix = 10;
            if (i < end && s[i] == '0')
            {
                i++;
                radix = 8;
                if (i < end && (s[i] == 'x' || s[i] == 'X'))
                {
                    i++;
                    radix = 16;
                }
            }

            // Accumulate as a negative number, which reaches LONG_MIN without overflowing.
            long value = 0;
            bool saturated = false;
            while (i < end && DigitValue(s[i]) is int d && d < radix)
            {
                if (!saturated)
                {
                    if (value < (long.MinValue + d) / radix)
                    {
                        saturated = true;
                    }
                    else
                    {
                        value = (value * radix) - d;
                    }
                }

                i++;
            }

            if (negative)
            {
                return saturated ? long.MinValue : value;
            }

            return saturated || value == long.MinValue ? long.MaxValue : -value;
        }

        private static int? DigitValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' :
            c >= 'a' && c <= 'f' ? c - 'a' + 10 :
            c >= 'A' && c <= 'F' ? c - 'A' + 10 :
            null;
    }
}
