using Xunit;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Tests that assert a time bound run alone, after the others: on a 2-core machine a parallel neighbour
    /// compiling thousands of attributes would otherwise be measured too.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class TimingCollection
    {
        public const string Name = "Time bounds";
    }
}
