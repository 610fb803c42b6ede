using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using BpfAnalyzers.Sections;
using BpfAnalyzers.Sections.Tests;
using CsCheck;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// CsCheck generators of section names: arbitrary UTF-16 (lone surrogates, controls, NULs), the characters
    /// libbpf's grammar gives meaning to (<c>/ + : ?</c>), the names of every release's table mutated, and
    /// names of a megabyte.
    /// </summary>
    internal static class SectionNameGen
    {
        /// <summary>One mebibyte of characters: what a generated or pasted name might plausibly be at worst.</summary>
        public const int Huge = 1 << 20;

        /// <summary>Every section and bare type of every release (<c>kprobe+</c>, <c>kprobe</c>, <c>xdp_devmap/</c>).</summary>
        public static readonly string[] Entries = SectionNameCorpus.EntryNames().ToArray();

        /// <summary>Every release, and strict section names where the release has them (0.6 to 0.8).</summary>
        public static readonly LibbpfSetup[] Targets = SectionTable.Releases
            .SelectMany(v => LibbpfSetup.SupportsStrictMode(v) && v < LibbpfVersion.V1_0
                ? new[] { new LibbpfSetup(v), new LibbpfSetup(v, strictSectionNames: true) }
                : new[] { new LibbpfSetup(v) })
            .ToArray();

        /// <summary>Characters that mean something to libbpf, to C# or to Unicode, and some that only look like they do.</summary>
        private const string Interesting =
            "/+:?._- abcdkpxyzAXK0149*\"\\'{}()[]\0\t\n\r\u0001\u001f\u007f\u0085\u00a0\u00ad\u00e9\u0131\u017f" +
            "\u200b\u200c\u200d\u2028\u2029\u2060\u212a\ufeff\uff0f\uff58\ufffd\ufffe\uffff\ud800\udbff\udc00\udfff";

        private static readonly Gen<char> s_anyChar = Gen.Char[char.MinValue, char.MaxValue];
        private static readonly Gen<char> s_interestingChar = Gen.Char[Interesting];
        private static readonly Gen<char> s_char = Gen.Frequency<char>((3, s_interestingChar), (1, s_anyChar));

        /// <summary>Short strings of anything, mostly of the characters above.</summary>
        public static readonly Gen<string> Arbitrary = s_char.Array[0, 24].Select(a => new string(a));

        /// <summary>Names that are nearly right: an entry, maybe a separator and a target, then a few edits.</summary>
        public static readonly Gen<string> Mutated =
            from entry in Gen.OneOf(Entries)
            from separator in Gen.OneOf("", "/", "+", ":", "?", "//", "/?", "_", ".")
            from tail in Arbitrary
            from question in Gen.Frequency<string>((4, Gen.Const("")), (1, Gen.Const("?")), (1, Gen.Const("??")))
            from edits in Edit.Any.Array[0, 3]
            select edits.Aggregate(question + entry + separator + tail, (s, e) => e.Apply(s));

        /// <summary>A megabyte: a run of one character, an entry with a megabyte of target, or a pattern repeated.</summary>
        public static readonly Gen<string> Huge1M =
            from entry in Gen.OneOf(Entries)
            from c in s_char
            from pattern in Arbitrary
            from shape in Gen.Int[0, 4]
            select shape switch
            {
                0 => new string(c, Huge),
                1 => entry + "/" + new string(c, Huge),
                2 => entry + new string(c, Huge),
                3 => "?" + entry + Repeat(pattern.Length == 0 ? "/" : pattern, Huge),
                _ => Repeat(entry + pattern, Huge),
            };

        /// <summary>Empty, lone separators and the like.</summary>
        public static readonly Gen<string> Degenerate = Gen.OneOf(
            "", "/", "+", ":", "?", "??", "?/", "?+", "/+", "+/", "\0", "?\0", "\0xdp", " ", "\ud800", "\udc00", "\ud83d\ude00",
            "xdp\0", "kprobe/\0", "kprobe/x \0", "kprobes/x\u2060", "tc", "classifier", "action", "xdp_devmap/", "xdp_cpumap/x");

        /// <summary>All of the above, weighted toward names near real ones; a megabyte now and then.</summary>
        public static readonly Gen<string> Any = Gen.Frequency<string>(
            (40, Mutated),
            (20, Arbitrary),
            (8, Degenerate),
            (1, Huge1M));

        public static string Repeat(string pattern, int length)
        {
            var sb = new StringBuilder(length + pattern.Length);
            while (sb.Length < length)
            {
                sb.Append(pattern);
            }

            return sb.ToString(0, length);
        }

        /// <summary>Escapes a name for a diagnostic message or a C# literal: printable ASCII as is, the rest as <c>\uXXXX</c>.</summary>
        public static string Escape(string name, int max = 200)
        {
            var sb = new StringBuilder();
            foreach (char c in name.Length > max ? name.Substring(0, max) : name)
            {
                if (c >= ' ' && c < 0x7f && c != '"' && c != '\\')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            return name.Length > max ? sb.Append("...(" + name.Length + " chars)").ToString() : sb.ToString();
        }

        /// <summary>One random edit: insert, delete, replace, transpose, case, or duplicate a span.</summary>
        internal readonly struct Edit
        {
            private readonly int _kind;
            private readonly int _position;
            private readonly char _char;

            private Edit(int kind, int position, char c)
            {
                _kind = kind;
                _position = position;
                _char = c;
            }

            public static Gen<Edit> Any => CsCheck.Gen.Select(CsCheck.Gen.Int[0, 5], CsCheck.Gen.Int[0, 1000], s_char, (k, p, c) => new Edit(k, p, c));

            public string Apply(string s)
            {
                int at = s.Length == 0 ? 0 : _position % (s.Length + 1);
                switch (_kind)
                {
                    case 0:
                        return s.Insert(at, _char.ToString());
                    case 1:
                        return at < s.Length ? s.Remove(at, 1) : s;
                    case 2:
                        return at < s.Length ? s.Substring(0, at) + _char + s.Substring(at + 1) : s + _char;
                    case 3:
                        return at + 1 < s.Length ? s.Substring(0, at) + s[at + 1] + s[at] + s.Substring(at + 2) : s;
                    case 4:
                        return at < s.Length ? s.Substring(0, at) + char.ToUpperInvariant(s[at]) + s.Substring(at + 1) : s.ToUpperInvariant();
                    default:
                        return s.Substring(0, at) + s.Substring(at) + s.Substring(at);
                }
            }

            public override string ToString() => $"edit {_kind} at {_position} '{Escape(_char.ToString())}'";
        }
    }
}
