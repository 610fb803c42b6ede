using System.Collections.Concurrent;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The fixes suggested for a wrong name, computed once per compilation for each distinct (name, target, custom
    /// sections or not). Suggesting ranks the whole section table by edit distance (about 0.4 ms a name, issue 13), and a
    /// real project repeats the same mistake in many programs: the 1,000th <c>kprobes/x</c> costs a dictionary lookup.
    /// </summary>
    internal sealed class SuggestionCache
    {
        // Per libbpf setup, with and without custom sections: name -> fixes.
        private readonly PerLibbpf<ConcurrentDictionary<string, IReadOnlyList<string>>[]> _fixes = new(() => new[]
        {
            new ConcurrentDictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal),
            new ConcurrentDictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal),
        });

        public bool TryGet(string name, LibbpfSetup libbpf, bool custom, out IReadOnlyList<string> fixes) =>
            _fixes.For(libbpf)[custom ? 1 : 0].TryGetValue(name, out fixes!);

        public void Add(string name, LibbpfSetup libbpf, bool custom, IReadOnlyList<string> fixes) =>
            _fixes.For(libbpf)[custom ? 1 : 0].TryAdd(name, fixes);
    }
}
