using BenchmarkDotNet.Attributes;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Benchmarks
{
    /// <summary>
    /// A 1 MB section name (a typo'd type, then a megabyte of target): the resolver and the suggester must stay
    /// linear, never quadratic, in the name's length.
    /// </summary>
    [MemoryDiagnoser]
    public class HugeNameBenchmarks
    {
        private static readonly LibbpfSetup s_target = new LibbpfSetup(LibbpfVersion.Parse("1.1"));

        private readonly string _huge = "kprobes/" + new string('a', 1 << 20);

        [Benchmark]
        public bool Resolve_1MB() => SectionResolver.Resolve(_huge, s_target).IsMatch;

        [Benchmark]
        public int Suggest_1MB() => SectionSuggester.Suggest(_huge, s_target).Count;
    }
}
