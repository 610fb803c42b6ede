using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BpfAnalyzers.Sections;
using BpfAnalyzers.Sections.Tests;

namespace BpfAnalyzers.Benchmarks
{
    /// <summary>
    /// The resolver and the suggester on batches of names from the differential tests' corpus, and real libbpf
    /// (Debian's 1.1.2) on the same names. Each benchmark handles <see cref="Batch"/> names per invocation and
    /// says so with <c>OperationsPerInvoke</c>, so Mean and Allocated are per name; libbpf is the baseline of its
    /// category, so Ratio is resolver time / libbpf time on the same 100,000 names.
    /// </summary>
    /// <remarks>
    /// Fairness: libbpf is called through P/Invoke in a tight loop on names encoded to C strings beforehand, so it
    /// pays only the transition (a few ns, no marshalling) on top of its lookup; the resolver gets the same names as
    /// .NET strings. The corpus has 11,540 distinct valid names of at most 64 characters and far more invalid
    /// ones: the valid batch repeats each valid name about nine times, the invalid batch has no repeats.
    /// </remarks>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class SectionNameBenchmarks
    {
        public const int Batch = 100_000;

        private static readonly LibbpfSetup s_target = new LibbpfSetup(LibbpfVersion.Parse("1.1"));

        private string[] _valid = null!;
        private string[] _invalid = null!;
        private byte[][] _validC = null!;
        private byte[][] _invalidC = null!;

        [GlobalSetup]
        public void Setup()
        {
            LibbpfNative.Require();

            // Ordinary lengths only (the 1 MB case has its own benchmark), spread evenly over the corpus.
            List<string> names = SectionNameCorpus.Build().Where(n => n.Length <= 64).ToList();
            _valid = Spread(names.Where(n => SectionResolver.Resolve(n, s_target).IsMatch).ToList());
            _invalid = Spread(names.Where(n => !SectionResolver.Resolve(n, s_target).IsMatch).ToList());

            // libbpf gets its names already as UTF-8 NUL-terminated bytes, encoded here once and outside the
            // measurement, so both sides are timed on the lookup alone (a C caller has its C strings already).
            _validC = _valid.Select(LibbpfNative.ToCString).ToArray();
            _invalidC = _invalid.Select(LibbpfNative.ToCString).ToArray();
        }

        [Benchmark(OperationsPerInvoke = Batch)]
        [BenchmarkCategory("valid")]
        public int Resolve_valid()
        {
            int matched = 0;
            foreach (string name in _valid)
            {
                matched += SectionResolver.Resolve(name, s_target).IsMatch ? 1 : 0;
            }

            return matched;
        }

        [Benchmark(OperationsPerInvoke = Batch)]
        [BenchmarkCategory("invalid")]
        public int Resolve_invalid()
        {
            int matched = 0;
            foreach (string name in _invalid)
            {
                matched += SectionResolver.Resolve(name, s_target).IsMatch ? 1 : 0;
            }

            return matched;
        }

        [Benchmark(OperationsPerInvoke = Batch)]
        [BenchmarkCategory("valid")]
        public int ResolveProgram_valid()
        {
            int matched = 0;
            foreach (string name in _valid)
            {
                matched += SectionResolver.ResolveProgram(name, s_target).IsMatch ? 1 : 0;
            }

            return matched;
        }

        [Benchmark(OperationsPerInvoke = Batch)]
        [BenchmarkCategory("invalid")]
        public int Suggest_invalid()
        {
            int suggested = 0;
            foreach (string name in _invalid)
            {
                suggested += SectionSuggester.Suggest(name, s_target).Count;
            }

            return suggested;
        }

        [Benchmark(OperationsPerInvoke = Batch, Baseline = true)]
        [BenchmarkCategory("valid")]
        public int Libbpf_valid()
        {
            int matched = 0;
            foreach (byte[] name in _validC)
            {
                matched += LibbpfNative.ProgTypeByName(name, out _, out _) == 0 ? 1 : 0;
            }

            return matched;
        }

        /// <summary>
        /// libbpf's own cost on a miss includes <c>libbpf_get_type_names()</c>: it builds (and frees) the list of
        /// every section name for a debug message, even when nothing prints it.
        /// </summary>
        [Benchmark(OperationsPerInvoke = Batch, Baseline = true)]
        [BenchmarkCategory("invalid")]
        public int Libbpf_invalid()
        {
            int matched = 0;
            foreach (byte[] name in _invalidC)
            {
                matched += LibbpfNative.ProgTypeByName(name, out _, out _) == 0 ? 1 : 0;
            }

            return matched;
        }

        private static string[] Spread(List<string> names)
        {
            var batch = new string[Batch];
            for (int i = 0; i < Batch; i++)
            {
                batch[i] = names[(int)((long)i * names.Count / Batch)];
            }

            return batch;
        }
    }
}
