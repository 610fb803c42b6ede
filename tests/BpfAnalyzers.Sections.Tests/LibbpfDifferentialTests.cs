using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The resolver against the real libbpf installed here (Debian's 1.1.2, <c>libbpf.so.1</c>), name by name,
    /// through <c>libbpf_prog_type_by_name()</c>. These tests fail, never skip, when libbpf cannot be loaded.
    /// </summary>
    [Collection(RealLibbpfCollection.Name)]
    public class LibbpfDifferentialTests
    {
        private static readonly LibbpfSetup s_libbpf11 = new LibbpfSetup(LibbpfVersion.Parse("1.1"));
        private static readonly Lazy<IReadOnlyList<string>> s_corpus = new Lazy<IReadOnlyList<string>>(SectionNameCorpus.Build);
        private readonly ITestOutputHelper _output;

        public LibbpfDifferentialTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Loaded_libbpf_is_release_1_1()
        {
            (uint major, uint minor, string text) = LibbpfNative.Version();
            Assert.True(
                major == 1 && minor == 1,
                $"{LibbpfNative.LibraryName} reports {text} ({major}.{minor}); these tests compare with libbpf 1.1.x (Debian's libbpf1 1.1.2).");
        }

        [Fact]
        public void Resolver_agrees_with_libbpf_1_1_on_every_name_of_the_corpus()
        {
            LibbpfNative.Require();
            IReadOnlyList<string> corpus = s_corpus.Value;
            _output.WriteLine($"corpus: {corpus.Count:N0} distinct names (seed 0x{SectionNameCorpus.Seed:x})");
            Assert.True(corpus.Count >= 100_000, $"the corpus should hold at least 100,000 names, it holds {corpus.Count:N0}");

            var clock = Stopwatch.StartNew();
            int valid = 0;
            var wrong = new List<string>();
            foreach (string name in corpus)
            {
                SectionResolution r = SectionResolver.Resolve(name, s_libbpf11);
                string expected = OracleFormat.Line(name, r);
                string actual = name + "\t" + LibbpfNative.Answer(name);
                valid += r.IsMatch ? 1 : 0;
                if (expected != actual)
                {
                    wrong.Add($"{Show(name)}: libbpf [{Tail(actual)}], resolver [{Tail(expected)}]");
                }
            }

            _output.WriteLine($"compared with {LibbpfNative.Version().Text} in {clock.ElapsedMilliseconds} ms: {valid:N0} valid, {corpus.Count - valid:N0} unknown, {wrong.Count:N0} disagreements");
            Assert.True(
                wrong.Count == 0,
                $"{wrong.Count:N0} of {corpus.Count:N0} names disagree with libbpf 1.1 (first 30):\n" + string.Join("\n", wrong.Take(30)));
            // Both answers must be well represented, or agreement says little.
            Assert.True(valid >= 5_000 && corpus.Count - valid >= 5_000, $"{valid:N0} valid and {corpus.Count - valid:N0} unknown names: each should be at least 5,000");
        }

        [Fact]
        public void Attachable_entries_agree_with_libbpf_attach_type_by_name_on_every_name_of_the_corpus()
        {
            LibbpfNative.Require();
            IReadOnlyList<string> corpus = s_corpus.Value;
            var wrong = new List<string>();
            foreach (string name in corpus)
            {
                string expected = AttachTypeByName.Of(SectionResolver.Resolve(name, s_libbpf11).Entry);
                string actual = LibbpfNative.AttachAnswer(name);
                if (expected != actual)
                {
                    wrong.Add($"{Show(name)}: libbpf [{actual}], resolver [{expected}]");
                }
            }

            Assert.True(
                wrong.Count == 0,
                $"{wrong.Count:N0} of {corpus.Count:N0} names disagree with libbpf 1.1's libbpf_attach_type_by_name() (first 30):\n" + string.Join("\n", wrong.Take(30)));
        }

        [Fact]
        public void Corpus_is_deterministic_and_distinct()
        {
            IReadOnlyList<string> first = s_corpus.Value;
            IReadOnlyList<string> second = SectionNameCorpus.Build();
            Assert.Equal(SectionNameCorpus.Size, first.Count);
            Assert.True(first.SequenceEqual(second, StringComparer.Ordinal), "two builds of the corpus differ");
            Assert.Equal(first.Count, new HashSet<string>(first, StringComparer.Ordinal).Count);
        }

        [Fact]
        public void Corpus_holds_every_entry_and_each_kind_of_mutation()
        {
            var corpus = new HashSet<string>(s_corpus.Value, StringComparer.Ordinal);
            string[] musts =
            {
                string.Empty, "xdp", "xdp/", "kprobe+", "kprobe/do_sys_open", "uprobe//bin/bash:readline", "usdt/./a.out:p:n",
                "tp/sched/sched_switch", "xdpblah", "xdp_devmap_omg", "?xdp", " xdp", "XDP", "kprobes", "kpobe", "kprboe",
                "cgroup_sock", "cgroup.sock", "xdp\0blah", "xdp\u00e9", "kprobe/" + new string('a', 1 << 20),
            };

            Assert.Empty(musts.Where(m => !corpus.Contains(m)).Select(Show));
            foreach (LibbpfVersion v in SectionTable.Releases)
            {
                Assert.Empty(SectionTable.For(v).Where(e => !corpus.Contains(e.Section) || !corpus.Contains(e.Type)).Select(e => $"{v}: {e.Section}"));
            }
        }

        private static string Tail(string line) => line.Substring(line.LastIndexOf('\t', line.LastIndexOf('\t') - 1) + 1).Replace('\t', ' ');

        /// <summary>A name as a C# literal, cut to 80 characters: NULs, whitespace and non-ASCII stay visible.</summary>
        internal static string Show(string name)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in name.Length > 80 ? name.Substring(0, 80) : name)
            {
                if (c >= ' ' && c < 0x7f && c != '"' && c != '\\')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
            }

            sb.Append('"');
            return name.Length > 80 ? sb.Append($"... ({name.Length:N0} chars)").ToString() : sb.ToString();
        }
    }
}
