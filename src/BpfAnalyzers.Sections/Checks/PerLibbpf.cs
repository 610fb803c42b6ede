using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// One <typeparamref name="T"/> per libbpf setup (a compilation sees one or two): the per-name caches hang off it and
    /// are keyed by the name alone. Cache keys of value tuples over <see cref="LibbpfSetup"/> made the JIT compile a
    /// ConcurrentDictionary of its own for each key shape in every fresh csc (about 50 methods, issue 23); dictionaries
    /// keyed and valued by reference types share the code the compiler has already compiled.
    /// </summary>
    internal sealed class PerLibbpf<T>
        where T : class
    {
        private readonly Func<T> _make;
        private readonly object _gate = new();
        private Entry[] _entries = new Entry[0];

        public PerLibbpf(Func<T> make)
        {
            _make = make;
        }

        public T For(LibbpfSetup libbpf)
        {
            Entry[] entries = _entries;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i].Key.Equals(libbpf))
                {
                    return entries[i].Value;
                }
            }

            // Not the delegate: a cached static lambda is shared by every instance, and so would the lock be.
            lock (_gate)
            {
                foreach (Entry e in _entries)
                {
                    if (e.Key.Equals(libbpf))
                    {
                        return e.Value;
                    }
                }

                var grown = new Entry[_entries.Length + 1];
                Array.Copy(_entries, grown, _entries.Length);
                grown[_entries.Length] = new Entry(libbpf, _make());
                _entries = grown;
                return grown[grown.Length - 1].Value;
            }
        }

        private sealed class Entry
        {
            public Entry(LibbpfSetup key, T value)
            {
                Key = key;
                Value = value;
            }

            public LibbpfSetup Key { get; }

            public T Value { get; }
        }
    }
}
