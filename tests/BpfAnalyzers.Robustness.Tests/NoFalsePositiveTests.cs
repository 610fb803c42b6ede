using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using BpfAnalyzers.Sections.Tests;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Never lies: every name of the differential corpus that real libbpf 1.1.2 accepts
    /// (<c>libbpf_prog_type_by_name()</c> succeeds), analyzed under target 1.1, raises no error, and only rules
    /// whose documented reason applies to a name that loads.
    /// </summary>
    public sealed class NoFalsePositiveTests
    {
        /// <summary>Names per generated file: enough to amortize a compilation, small enough to parse fast.</summary>
        private const int NamesPerFile = 2000;

        /// <summary>
        /// What the section-name rules may say of a name libbpf accepts, and why (see docs/rules): BPF0003, it loads
        /// but is not written as libbpf spells it (an empty target as in <c>kprobe/</c>, a NUL that cuts the C
        /// string as in <c>xdp\0x</c>, whitespace or control characters in a <c>type+</c> target); BPF0004, it is
        /// deprecated or legacy in the target release. Neither is an error.
        /// </summary>
        private static readonly string[] s_allowedForAcceptedNames = { "BPF0003", "BPF0004" };

        /// <summary>
        /// The categories of the section-name rules, which answer what <c>libbpf_prog_type_by_name()</c> answers.
        /// Rules of other categories (attach targets) judge what libbpf does later, when it loads or attaches the
        /// program (<c>tp_btf</c> without a BTF target fails to load): the type lookup says nothing about that, so
        /// they are counted in the table but not held to it.
        /// </summary>
        private static readonly string[] s_nameCategories = { Rules.SectionsCategory, Rules.ConfigurationCategory };

        private readonly ITestOutputHelper _output;

        public NoFalsePositiveTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Names_libbpf_1_1_accepts_raise_no_error_under_target_1_1()
        {
            LibbpfNative.Require();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<string> corpus = SectionNameCorpus.Build();
            var accepted = corpus.Where(n => LibbpfNative.ProgTypeByName(LibbpfNative.ToCString(n), out _, out _) == 0).ToList();
            // Enough accepted names that "no error on any of them" means something (about 6% of the corpus, 11,577 names).
            Assert.True(accepted.Count >= 5_000, $"only {accepted.Count:N0} of {corpus.Count:N0} corpus names are accepted by libbpf 1.1.2");
            TimeSpan oracle = clock.Elapsed;

            var sources = new List<(string Path, string Source)>();
            for (int start = 0; start < accepted.Count; start += NamesPerFile)
            {
                sources.Add(($"/corpus/Accepted{sources.Count}.cs", File(accepted, start, Math.Min(NamesPerFile, accepted.Count - start), sources.Count)));
            }

            // Every name must reach the analyzer as written: the escaping leaves no syntax error.
            Compilation compilation = AnalyzerHarness.Compile(sources);
            Assert.DoesNotContain(compilation.SyntaxTrees.SelectMany(t => t.GetDiagnostics()), d => d.Severity == DiagnosticSeverity.Error);
            TimeSpan compiled = clock.Elapsed;
            AnalysisRun run = await AnalyzerHarness.RunAsync(compilation, AnalyzerHarness.Options("1.1"));
            run.AssertNoAnalyzerException("the accepted corpus");

            var byRule = run.Bpf.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            _output.WriteLine($"{corpus.Count:N0} corpus names, {accepted.Count:N0} accepted by {LibbpfNative.Version().Text}, in {sources.Count} files; " +
                $"corpus and libbpf {oracle.TotalSeconds:F1} s, compiled by {compiled.TotalSeconds:F1} s, analyzed by {clock.Elapsed.TotalSeconds:F1} s");
            _output.WriteLine("rule     category          severity  count  example");
            foreach (IGrouping<string, Diagnostic> g in byRule)
            {
                Diagnostic first = g.First();
                _output.WriteLine($"{g.Key}  {first.Descriptor.Category,-16}  {first.Severity,-8}  {g.Count(),5}  {Shorten(first.GetMessage(System.Globalization.CultureInfo.InvariantCulture))}");
                foreach (IGrouping<string, Diagnostic> why in g.GroupBy(Reason).OrderByDescending(w => w.Count()).Where(w => w.Key != g.Key))
                {
                    _output.WriteLine($"{"",37}{why.Count(),5}  {why.Key}");
                }
            }

            // Names that load but are written oddly (kprobe/, xdp\0x) must reach the rules that may speak of them.
            Assert.True(run.Bpf.Count(d => d.Id == "BPF0003") >= 100, $"only {run.Bpf.Count(d => d.Id == "BPF0003")} BPF0003 on accepted names");
            Diagnostic[] nameRules = run.Bpf.Where(d => s_nameCategories.Contains(d.Descriptor.Category)).ToArray();
            Diagnostic[] errors = nameRules.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{errors.Length} errors on names libbpf 1.1.2 accepts, e.g.:\n" + string.Join("\n", errors.Take(10).Select(Describe)));

            Diagnostic[] unexplained = nameRules.Where(d => !s_allowedForAcceptedNames.Contains(d.Id)).ToArray();
            Assert.True(unexplained.Length == 0, $"{unexplained.Length} diagnostics from rules that have no reason to fire on a name that loads, e.g.:\n" + string.Join("\n", unexplained.Take(10).Select(Describe)));
        }

        private static string File(IReadOnlyList<string> names, int start, int count, int file)
        {
            var sb = new StringBuilder("using BpfAnalyzers;\nstatic class Accepted").Append(file).Append("\n{\n");
            for (int i = 0; i < count; i++)
            {
                sb.Append("    [BpfSection(").Append(SourceGen.Regular(names[start + i])).Append(")] static int P").Append(i).Append("(object ctx) => 0;\n");
            }

            return sb.Append("}\n").ToString();
        }

        /// <summary>The reason a message gives ("but the attach target after '/' is empty"), code points generalized.</summary>
        private static string Reason(Diagnostic d)
        {
            string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            int but = message.IndexOf(", but ", StringComparison.Ordinal);
            int write = message.LastIndexOf(": write", StringComparison.Ordinal);
            string reason = but >= 0 && write > but ? message.Substring(but + 6, write - but - 6) : d.Id;
            return System.Text.RegularExpressions.Regex.Replace(reason, "U\\+[0-9A-F]{4}", "U+XXXX");
        }

        private static string Describe(Diagnostic d) =>
            $"{d.Id} at {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1}: {Shorten(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))}";

        private static string Shorten(string s) => s.Length > 220 ? s.Substring(0, 220) + "…" : s;
    }
}
