using System;
using System.Collections.Generic;
using System.Numerics;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// A small, separate emulation of glibc's <c>sscanf()</c> for the directives libbpf's attach parsers
    /// use: literal characters, <c>%[set]</c> and <c>%m[set]</c> (ranges, <c>^</c>), <c>%li</c> and
    /// <c>%n</c>. Written from the C standard and glibc's <c>vfscanf-internal.c</c>, not from the parser
    /// under test, so the two can be compared.
    /// </summary>
    internal static class ScanfModel
    {
        /// <summary>The outcome of one call.</summary>
        internal sealed class Result
        {
            /// <summary>What sscanf returns: conversions assigned, or -1 (EOF) for an input failure before any.</summary>
            public int Returned { get; set; }

            /// <summary>The assigned values in order: strings for %[, longs for %li, ints for %n.</summary>
            public List<object> Values { get; } = new();

            /// <summary>Input consumed right after each assigned conversion (not %n).</summary>
            public List<int> EndOfConversion { get; } = new();

            /// <summary>Input consumed right after the last assigned conversion, or 0.</summary>
            public int EndOfLast => EndOfConversion.Count == 0 ? 0 : EndOfConversion[EndOfConversion.Count - 1];
        }

        public static Result Scan(string input, string format)
        {
            // A C string ends at NUL.
            int nul = input.IndexOf('\0');
            string s = nul < 0 ? input : input.Substring(0, nul);
            var result = new Result();
            int pos = 0;
            int assigned = 0;
            bool inputFailure = false;
            int f = 0;
            while (f < format.Length)
            {
                char fc = format[f];
                if (IsSpace(fc))
                {
                    while (pos < s.Length && IsSpace(s[pos]))
                    {
                        pos++;
                    }

                    f++;
                    continue;
                }

                if (fc != '%')
                {
                    if (pos >= s.Length)
                    {
                        inputFailure = true;
                        break;
                    }

                    if (s[pos] != fc)
                    {
                        break;
                    }

                    pos++;
                    f++;
                    continue;
                }

                f++;
                if (format[f] == 'm')
                {
                    f++;
                }

                if (format[f] == 'n')
                {
                    result.Values.Add(pos);
                    f++;
                    continue;
                }

                if (format[f] == '[')
                {
                    (Func<char, bool> member, int after) = ParseSet(format, f + 1);
                    f = after;
                    int start = pos;
                    while (pos < s.Length && member(s[pos]))
                    {
                        pos++;
                    }

                    if (pos == start)
                    {
                        inputFailure = start >= s.Length;
                        break;
                    }

                    result.Values.Add(s.Substring(start, pos - start));
                    result.EndOfConversion.Add(pos);
                    assigned++;
                    continue;
                }

                if (format[f] == 'l' && format[f + 1] == 'i')
                {
                    f += 2;
                    while (pos < s.Length && IsSpace(s[pos]))
                    {
                        pos++;
                    }

                    if (pos >= s.Length)
                    {
                        inputFailure = true;
                        break;
                    }

                    if (!ReadInteger(s, ref pos, out long value))
                    {
                        break;
                    }

                    result.Values.Add(value);
                    result.EndOfConversion.Add(pos);
                    assigned++;
                    continue;
                }

                throw new NotSupportedException("directive at " + f + " of " + format);
            }

            result.Returned = assigned == 0 && inputFailure ? -1 : assigned;
            return result;
        }

        /// <summary>A scanset after '[': returns membership and the index after the closing ']'.</summary>
        private static (Func<char, bool> Member, int After) ParseSet(string format, int i)
        {
            bool negate = false;
            if (format[i] == '^')
            {
                negate = true;
                i++;
            }

            var ranges = new List<(char Lo, char Hi)>();
            bool first = true;
            while (first || format[i] != ']')
            {
                char c = format[i];
                if (i + 2 < format.Length && format[i + 1] == '-' && format[i + 2] != ']')
                {
                    ranges.Add((c, format[i + 2]));
                    i += 3;
                }
                else
                {
                    ranges.Add((c, c));
                    i++;
                }

                first = false;
            }

            bool Member(char ch)
            {
                bool inSet = false;
                foreach ((char lo, char hi) in ranges)
                {
                    inSet |= ch >= lo && ch <= hi;
                }

                return inSet != negate;
            }

            return (Member, i + 1);
        }

        /// <summary>
        /// glibc's base-0 integer: sign, then "0x" (hex; the x is consumed even without digits after it, and
        /// the number is the 0 before it), "0" (octal) or decimal. Out-of-range values clamp, as strtol does.
        /// </summary>
        private static bool ReadInteger(string s, ref int pos, out long value)
        {
            value = 0;
            var digits = new System.Text.StringBuilder();
            bool negative = false;
            if (s[pos] == '+' || s[pos] == '-')
            {
                negative = s[pos] == '-';
                pos++;
            }

            int radix = 10;
            if (pos < s.Length && s[pos] == '0')
            {
                digits.Append('0');
                pos++;
                if (pos < s.Length && char.ToLowerInvariant(s[pos]) == 'x')
                {
                    radix = 16;
                    pos++;
                }
                else
                {
                    radix = 8;
                }
            }

            while (pos < s.Length && Digit(s[pos]) is int d && d < radix)
            {
                digits.Append(s[pos]);
                pos++;
            }

            if (digits.Length == 0)
            {
                return false;
            }

            BigInteger big = BigInteger.Zero;
            foreach (char c in digits.ToString())
            {
                big = big * radix + Digit(c)!.Value;
            }

            if (negative)
            {
                big = -big;
            }

            value = big > long.MaxValue ? long.MaxValue : big < long.MinValue ? long.MinValue : (long)big;
            return true;
        }

        private static int? Digit(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : null;

        private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
    }
}
