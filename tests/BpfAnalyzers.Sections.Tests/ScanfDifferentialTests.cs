using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The sscanf emulations (<see cref="ScanfModel"/> in the tests, <see cref="CScanf"/> in the product) against
    /// glibc's real <c>sscanf()</c>, on generated inputs, for every format string the attach rules and their
    /// property tests model: the return value and every assigned field must agree.
    /// </summary>
    public class ScanfDifferentialTests
    {
        private const long Iterations = 20_000;

        /// <summary>
        /// Every format libbpf's attach functions pass to sscanf, in any release 0.1 .. 1.7
        /// (<c>git show vX:src/libbpf.c | grep sscanf</c>: attach_kprobe, attach_kprobe_multi, attach_uprobe,
        /// attach_uprobe_multi, attach_usdt).
        /// </summary>
        private static readonly string[] s_libbpfFormats =
        {
            "%m[a-zA-Z0-9_.]+%li",
            "%m[a-zA-Z0-9_.*?]",
            "%m[^/]/%m[^:]:%m[^\n]",
            "+%li%n",
            "%m[^/]/%m[^:]:%m[a-zA-Z0-9_.]+%li",
            "usdt/%m[^:]:%m[^:]:%m[^:]",
        };

        /// <summary>
        /// The formats quoted by the attach parsers (<c>src/BpfAnalyzers.Sections/AttachTargets/</c>) and run through
        /// the model by the property tests, read from the sources so a format added there is checked here without
        /// editing this test.
        /// </summary>
        public static IReadOnlyList<string> ModelledFormats()
        {
            string rules = string.Concat(
                Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "BpfAnalyzers.Sections", "AttachTargets"), "*.cs")
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .Select(File.ReadAllText));
            string properties = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "BpfAnalyzers.Sections.Tests", "AttachTargetScanfPropertyTests.cs"));
            var found = new List<string>();
            // In comments: sscanf(func_name, "FMT", ...); in messages: sscanf(\"FMT\").
            foreach (Match m in Regex.Matches(rules, @"sscanf\((?:[\w>.-]+, )?\\?""(?<f>(?:[^""\\]|\\[\\n])*)\\?"""))
            {
                found.Add(m.Groups["f"].Value);
            }

            foreach (Match m in Regex.Matches(properties, @"ScanfModel\.Scan\([^,()]+, ""(?<f>(?:[^""\\]|\\[\\n])*)""\)"))
            {
                found.Add(m.Groups["f"].Value);
            }

            return found
                .Select(f => f.Replace("\\\\", "\\").Replace("\\n", "\n"))
                .Where(f => !f.Contains("...", StringComparison.Ordinal))
                .Concat(s_libbpfFormats)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
        }

        public static TheoryData<string> Formats()
        {
            var data = new TheoryData<string>();
            foreach (string f in ModelledFormats())
            {
                data.Add(f);
            }

            return data;
        }

        [Fact]
        public void The_formats_are_read_from_the_rules_and_property_tests()
        {
            IReadOnlyList<string> all = ModelledFormats();
            // Each of libbpf's formats is named by the rules or driven through the model by a property test,
            // and the sources quote formats beyond libbpf's own (e.g. the model's own spot checks).
            Assert.True(all.Count > s_libbpfFormats.Length, "found only: " + string.Join(" | ", all));
        }

        [Theory]
        [MemberData(nameof(Formats))]
        public void The_model_reads_every_input_as_glibc_does(string format)
        {
            int conversions = Glibc.Directives(format).Count(k => k != 'n');
            var returned = new ConcurrentDictionary<int, int>();
            long cases = 0;
            Input(format).Sample(
                input =>
                {
                    ScanfModel.Result model = ScanfModel.Scan(input, format);
                    Glibc.Result real = Glibc.Scan(input, format);
                    string shown = Show(input);
                    Assert.True(real.Returned == model.Returned, $"sscanf(\"{Show(format)}\") on \"{shown}\": glibc returned {real.Returned}, the model {model.Returned}");
                    Assert.True(
                        real.Values.SequenceEqual(model.Values),
                        $"sscanf(\"{Show(format)}\") on \"{shown}\": glibc assigned [{string.Join(", ", real.Values.Select(Show))}], the model [{string.Join(", ", model.Values.Select(Show))}]");
                    returned.AddOrUpdate(real.Returned, 1, (_, n) => n + 1);
                    System.Threading.Interlocked.Increment(ref cases);
                },
                iter: Iterations);

            Assert.True(cases >= Iterations, $"{cases} cases ran");
            // Every outcome from EOF (-1) to all conversions assigned, often enough to matter.
            for (int r = -1; r <= conversions; r++)
            {
                Assert.True(
                    returned.TryGetValue(r, out int n) && n >= 20,
                    $"\"{Show(format)}\": the generator reached return value {r} {n} times ({string.Join(", ", returned.OrderBy(kv => kv.Key).Select(kv => kv.Key + "=" + kv.Value))})");
            }
        }

        [Fact]
        public void CScanf_reads_a_long_as_glibc_does()
        {
            var outcomes = new ConcurrentDictionary<string, int>();
            Body("").Sample(
                input =>
                {
                    int end = input.IndexOf('\0') is int nul && nul >= 0 ? nul : input.Length;
                    Glibc.Result real = Glibc.Scan(input, "%li%n");
                    bool ok = CScanf.TryReadLong(input, 0, end, out int next, out bool nonZero);
                    Assert.True(ok == (real.Returned == 1), $"\"{Show(input)}\": glibc returned {real.Returned}, CScanf.TryReadLong {ok}");
                    if (ok)
                    {
                        Assert.True(next == (int)real.Values[1], $"\"{Show(input)}\": glibc read {real.Values[1]} characters, CScanf {next}");
                        Assert.True(nonZero == ((long)real.Values[0] != 0), $"\"{Show(input)}\": glibc read {real.Values[0]}, CScanf nonZero={nonZero}");
                    }

                    outcomes.AddOrUpdate(!ok ? "none" : nonZero ? "nonzero" : "zero", 1, (_, n) => n + 1);
                },
                iter: Iterations);
            foreach (string o in new[] { "none", "zero", "nonzero" })
            {
                Assert.True(outcomes.TryGetValue(o, out int n) && n >= 100, $"'{o}' reached {n} times");
            }
        }

        [Fact]
        public void CScanf_character_sets_are_glibcs_scansets()
        {
            for (char c = '\u0001'; c < '\u0080'; c++)
            {
                string s = c.ToString();
                Assert.True(CScanf.IsSymbolChar(c) == (Glibc.Scan(s, "%m[a-zA-Z0-9_.]").Returned == 1), $"IsSymbolChar('{Show(s)}')");
                Assert.True(CScanf.IsPatternChar(c) == (Glibc.Scan(s, "%m[a-zA-Z0-9_.*?]").Returned == 1), $"IsPatternChar('{Show(s)}')");
                // A space in the format skips exactly the characters isspace() accepts.
                Assert.True(c == 'x' || CScanf.IsSpace(c) == (Glibc.Scan(s + "x", " %m[x]").Returned == 1), $"IsSpace('{Show(s)}')");
            }

            Assert.False(CScanf.IsSymbolChar('é'));
            Assert.Equal(0, Glibc.Scan("é", "%m[a-zA-Z0-9_.]").Returned);
        }

        /// <summary>
        /// Inputs shaped by the format half of the time (each literal usually present, each directive given a
        /// short run of characters or a number), random strings of the characters that matter otherwise.
        /// </summary>
        private static Gen<string> Input(string format)
        {
            var pieces = new List<Gen<string>>();
            for (int f = 0; f < format.Length; f++)
            {
                if (format[f] != '%')
                {
                    pieces.Add(Gen.Frequency((9, Gen.Const(format[f].ToString())), (1, s_char.Select(c => c.ToString()))));
                    continue;
                }

                f++;
                if (format[f] == 'm')
                {
                    f = format.IndexOf(']', f + (format[f + 2] == '^' ? 4 : 3));
                    pieces.Add(s_char.Array[0, 5].Select(a => new string(a)));
                }
                else if (format[f] == 'l')
                {
                    f++;
                    string[] numbers = { "0", "12", "-3", " 7", "0x1f", "0x", "08", "+5", "99999999999999999999", "", "z" };
                    pieces.Add(Gen.Int[0, numbers.Length - 1].Select(i => numbers[i]));
                }
            }

            Gen<string> shaped = pieces.Aggregate(Gen.Const(string.Empty), (acc, p) => Gen.Select(acc, p, (a, b) => a + b));
            Gen<string> guided = Gen.Select(shaped, s_char.Array[0, 3], (a, tail) => a + new string(tail));
            return Gen.Frequency((1, guided), (1, Body(format.Substring(0, format.IndexOf('%')))));
        }

        private static readonly Gen<char> s_char = Gen.Frequency(
            (6, Gen.Char["abfx_.09Z"]),
            (3, Gen.Char["+-:/"]),
            (1, Gen.Char["xX0 \t\n\v*?@é\0"]));

        private static Gen<string> Body(string lead) =>
            Gen.Select(
                Gen.Frequency((3, Gen.Const(lead)), (1, Gen.Const(string.Empty)), (1, Gen.Const(lead.Length > 1 ? lead.Substring(0, lead.Length - 1) : "+"))),
                s_char.Array[0, 14],
                (l, a) => l + new string(a));

        private static string Show(object o) => o is string s ? Show(s) : o.ToString()!;

        private static string Show(string s) => s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\0", "\\0").Replace("\t", "\\t").Replace("\v", "\\v");
    }
}
