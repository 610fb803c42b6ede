using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using BpfAnalyzers.Sections.Tests;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Every libbpf message a diagnostic quotes must be one the release it names can print: the analyzer runs
    /// over a corpus of names under every release, every double-quoted text in its messages is pulled out, and
    /// each must match a format string of that release's <c>src/libbpf.c</c> (<c>data/libbpf/messages/</c>,
    /// extracted by <c>extract.py</c>), with <c>%s</c>, <c>%d</c>, ... matching any text. Nothing here lists the
    /// messages, so a message a new rule quotes is checked without editing this test.
    /// </summary>
    public sealed class QuotedLibbpfMessagesTests
    {
        private const int CorpusNames = 1000;

        /// <summary>Targets that steer libbpf's attach parsers (attach_kprobe(), attach_uprobe(), attach_usdt(), ...).</summary>
        private static readonly string[] s_targets =
        {
            "", "foo", "foo-bar", "foo+0x10", "foo+1", "foo+", "3", ".s", "/foo", "cat/", "cat/name", "/bin/sh", "/bin/sh:",
            "/bin/sh:f+0x5", "/bin/sh:f+x", ":f", "a:b", "a:b:c", "a:b:c:d", "*?", "tcp_*-x", "-x", "x\ny", "task", "do_unlinkat",
        };

        /// <summary>Sections libbpf reads as data (bpf_object__elf_collect()), which a program or a global may name.</summary>
        private static readonly string[] s_dataSections =
        {
            "maps", ".maps", "license", "version", ".data", ".data.foo", ".rodata", ".rodata.str1.1", ".bss", ".bss.x",
            ".kconfig", ".ksyms", ".struct_ops", ".struct_ops.link", "?.struct_ops", ".addr_space.1", ".jumptables", ".text", "xdp",
        };

        /// <summary>
        /// The words before a quote that present it as libbpf's output ("libbpf prints "...", "would fail to load
        /// the program: "..."", "... " then "..."") or cite its source ("libbpf 1.3: "..."").
        /// </summary>
        private const string PresentsOutput = @"(prints|says|warns|logs|load the program:|fail to load:|then|libbpf \d+\.\d+:) ""$";

        private readonly ITestOutputHelper _output;

        public QuotedLibbpfMessagesTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<string, bool> Settings()
        {
            var data = new TheoryData<string, bool>();
            foreach (LibbpfVersion v in SectionTable.Releases)
            {
                data.Add(v.ToString(), false);
                if (LibbpfSetup.SupportsStrictMode(v) && v < LibbpfVersion.V1_0)
                {
                    data.Add(v.ToString(), true);
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(Settings))]
        public async Task Every_quoted_libbpf_message_is_printed_by_the_release_it_names(string version, bool strict)
        {
            AnalysisRun run = await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(Source(Corpus())), AnalyzerHarness.Options(version, strict));
            run.AssertNoAnalyzerException("the message corpus");

            var checkedQuotes = new HashSet<(string Release, string Quote)>();
            var wrong = new List<string>();
            int diagnosticsWithQuotes = 0;
            foreach (Diagnostic d in run.Bpf)
            {
                string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                var quotes = Quotes(message).ToList();
                diagnosticsWithQuotes += quotes.Count > 0 ? 1 : 0;
                foreach ((int at, string quote) in quotes)
                {
                    if (!Regex.IsMatch(message.Substring(0, at), PresentsOutput))
                    {
                        // An explanation's C text (a sscanf format, a strcmp() operand) is one token. A sentence
                        // quoted without saying it is libbpf's output would escape this test: say "libbpf prints".
                        if (quote.Contains(' ', StringComparison.Ordinal))
                        {
                            wrong.Add($"{d.Id} quotes \"{quote}\" without presenting it as libbpf's output (\"libbpf prints \"...\"\"), so it cannot be checked:\n    {message}");
                        }

                        continue;
                    }

                    // A quote is what the target release prints, unless the text names another release for it:
                    // "libbpf 1.3: "..."" cites that release's source (a section_defs[] comment), "libbpf 1.5 prints "..."" its output.
                    Match named = Regex.Match(message.Substring(0, at), @"libbpf (\d+\.\d+)(:| prints) ""$");
                    string release = named.Success ? named.Groups[1].Value : version;
                    bool citesSource = named.Success && named.Groups[2].Value == ":";
                    if (checkedQuotes.Add((release, quote)) && !Formats.Prints(release, quote, citesSource))
                    {
                        wrong.Add($"{d.Id} quotes \"{quote}\", which libbpf {release} {(citesSource ? "does not say" : "never prints")}:\n    {message}");
                    }
                }
            }

            _output.WriteLine($"{run.Bpf.Count()} diagnostics, {diagnosticsWithQuotes} with quotes, {checkedQuotes.Count} distinct quotes checked against libbpf {version}");
            Assert.True(wrong.Count == 0, $"{wrong.Count} quoted messages are not libbpf's:\n" + string.Join("\n", wrong.Take(20)));
            // The corpus must reach the rules that quote libbpf, or this test checks nothing.
            Assert.True(checkedQuotes.Count >= 3, $"only {checkedQuotes.Count} distinct quotes under libbpf {version}");
            Assert.True(diagnosticsWithQuotes >= 100, $"only {diagnosticsWithQuotes} diagnostics quote libbpf under {version}");
        }

        [Fact]
        public void Quotes_are_found_as_a_reader_sees_them()
        {
            Assert.Equal(
                new[] { "prog 'P': missing BPF prog type, check ELF section name 'x'" },
                Quotes("libbpf 1.7 does not know section 'x' and would fail to load the program: \"prog 'P': missing BPF prog type, check ELF section name 'x'\"; did you mean 'xdp'?").Select(q => q.Text));
            // C calls in the explanation are not messages; a message may contain one.
            Assert.Equal(
                new[] { "invalid section 'usdt/a', expected SEC(\"usdt/<path>:<provider>:<name>\")" },
                Quotes("it reads sscanf(\"usdt/%m[^:]\"); libbpf prints \"invalid section 'usdt/a', expected SEC(\"usdt/<path>:<provider>:<name>\")\"").Select(q => q.Text));
            Assert.True(Formats.Prints("0.8", "SEC(\"xdp_devmap/\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details", false));
            Assert.False(Formats.Prints("1.7", "SEC(\"xdp_devmap/\") is deprecated, please see https://github.com/libbpf/libbpf/wiki/Libbpf-1.0-migration-guide#bpf-program-sec-annotation-deprecations for details", false));
            Assert.True(Formats.Prints("1.3", "deprecated / legacy, use tcx", true));
            Assert.False(Formats.Prints("1.3", "deprecated / legacy, use tcx", false));
        }

        /// <summary>
        /// The double-quoted texts of a message, with where each starts. A quote opens at a '"' not preceded by
        /// '(' and closes at the next '"' not preceded by '('; a '("' ... '")' pair inside or outside (a C call
        /// such as <c>SEC("...")</c> or <c>sscanf("...")</c>) is part of the text around it.
        /// </summary>
        internal static IEnumerable<(int At, string Text)> Quotes(string message)
        {
            int open = -1;
            for (int i = 0; i < message.Length; i++)
            {
                if (message[i] != '"')
                {
                    continue;
                }

                if (i > 0 && message[i - 1] == '(')
                {
                    int close = message.IndexOf("\")", i + 1, StringComparison.Ordinal);
                    i = close < 0 ? message.Length : close + 1;
                    continue;
                }

                if (open < 0)
                {
                    open = i + 1;
                }
                else
                {
                    yield return (open, message.Substring(open, i - open));
                    open = -1;
                }
            }
        }

        private static List<string> Corpus()
        {
            var names = new List<string>(SectionNameCorpus.Build().Take(CorpusNames));
            foreach (string type in SectionNameCorpus.EntryNames().Where(n => !n.EndsWith("/", StringComparison.Ordinal) && !n.EndsWith("+", StringComparison.Ordinal)))
            {
                names.AddRange(s_targets.Select(t => type + "/" + t));
            }

            names.AddRange(s_dataSections);
            return names.Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>Each name on a program and on a global, as DotnetEbpf writes both.</summary>
        private static string Source(IReadOnlyList<string> names)
        {
            var sb = new StringBuilder("using BpfAnalyzers;\nstatic class Quoted\n{\n");
            for (int i = 0; i < names.Count; i++)
            {
                string literal = SourceGen.Regular(names[i]);
                sb.Append("    [BpfSection(").Append(literal).Append(")] static int P").Append(i).Append("(object ctx) => 0;\n");
                sb.Append("    [BpfSection(").Append(literal).Append(")] static int G").Append(i).Append(" = 1;\n");
            }

            return sb.Append("}\n").ToString();
        }

        /// <summary>The format strings of each release, read from <c>data/libbpf/messages/vX.tsv</c>.</summary>
        private static class Formats
        {
            private static readonly Dictionary<string, List<(string Level, Regex Pattern)>> s_byRelease = Load();

            public static bool Prints(string release, string quote, bool citesSource)
            {
                Assert.True(s_byRelease.ContainsKey(release), $"no format strings for libbpf {release} in data/libbpf/messages");
                return s_byRelease[release].Any(f => (f.Level == "comment") == citesSource && f.Pattern.IsMatch(quote));
            }

            private static Dictionary<string, List<(string, Regex)>> Load()
            {
                string dir = Path.Combine(AppContext.BaseDirectory, "data", "libbpf", "messages");
                var result = new Dictionary<string, List<(string, Regex)>>(StringComparer.Ordinal);
                foreach (string file in Directory.GetFiles(dir, "*.tsv"))
                {
                    // vX.tsv per release, main.tsv for libbpf's main branch (once the tables have it).
                    if (!LibbpfVersion.TryParse(Path.GetFileNameWithoutExtension(file), out LibbpfVersion version))
                    {
                        continue;
                    }

                    result[version.ToString()] = File.ReadAllLines(file)
                        .Select(line => line.Split('\t', 2))
                        .Where(p => p[0] != "commit")
                        .Select(p => (p[0], new Regex("^" + Pattern(Unescape(p[1])) + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant)))
                        .ToList();
                }

                string[] missing = SectionTable.Releases.Select(v => v.ToString()).Where(v => !result.ContainsKey(v)).ToArray();
                Assert.True(missing.Length == 0, "data/libbpf/messages has no format strings for " + string.Join(", ", missing) + ": run extract.py");
                return result;
            }

            /// <summary>A printf format as a regex: each conversion matches any text, "%%" a '%'.</summary>
            private static string Pattern(string format) =>
                string.Concat(Regex.Split(format, @"(%%|%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp])")
                    .Select(part => part == "%%" ? "%" : part.StartsWith("%", StringComparison.Ordinal) && part.Length > 1 ? ".*" : Regex.Escape(part)));

            private static string Unescape(string s) =>
                Regex.Replace(s, @"\\(.)", m => m.Groups[1].Value switch { "n" => "\n", "t" => "\t", var c => c });
        }
    }
}
