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
        private readonly ConcurrentDictionary<(string Name, LibbpfSetup Target, bool Custom), IReadOnlyList<string>> _fixes = new();

        public bool TryGet(string name, LibbpfSetup libbpf, bool custom, out IReadOnlyList<string> fixes) =>
            _fixes.TryGetValue((name, libbpf, custom), out fixes!);

        public void Add(string name, LibbpfSetup libbpf, bool custom, IReadOnlyList<string> fixes) =>
            _fixes.TryAdd((name, libbpf, custom), fixes);
    }
}
