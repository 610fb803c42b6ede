using System;
using System.Collections.Generic;
using System.Text;

namespace BpfAnalyzers.Kernel
{
    /// <summary>
    /// One part of a kernel profile, compact: every name as written (<c>NAME</c> for vmlinux's, <c>MODULE:NAME</c> for a
    /// module's), as ASCII bytes one after another, each ended by <c>'\n'</c>, plus one sorted 32-bit hash of each bare
    /// name and where its entry starts. About 1.5 bytes of memory per byte of profile text, where a dictionary of strings
    /// took 4 (UTF-16, an object per name): a 7 MB profile stays near 10 MB in the compiler (issue 22's 2x budget).
    /// Lookups hash the bare name and compare bytes, with no allocation.
    /// </summary>
    internal sealed class NameSet
    {
        private const string Vmlinux = "vmlinux";

        private readonly byte[] _blob;
        private readonly uint[] _keys;
        private readonly int[] _starts;

        private NameSet(byte[] blob, uint[] keys, int[] starts)
        {
            _blob = blob;
            _keys = keys;
            _starts = starts;
        }

        /// <summary>How many names are written (a module's once, as <c>MODULE:NAME</c>).</summary>
        public int Count => _starts.Length;

        /// <summary>The set of <paramref name="written"/> names (duplicates count once).</summary>
        public static NameSet Of(IEnumerable<string> written)
        {
            var builder = new Builder(0);
            foreach (string name in written)
            {
                builder.Add(name, 0, name.Length);
            }

            return builder.Build();
        }

        /// <summary>
        /// Where <paramref name="name"/> is: <c>vmlinux</c>, a module's name, or null. A bare name is vmlinux's when vmlinux has
        /// it, else the first module's in name order (libbpf searches vmlinux, then the modules); <c>MODULE:NAME</c> is looked
        /// up in that module only, <c>vmlinux:NAME</c> in vmlinux only.
        /// </summary>
        public string? Find(string name)
        {
            int colon = name.IndexOf(':');
            int bareStart = colon + 1;
            int bareLength = name.Length - bareStart;
            uint key = Hash(name, bareStart, bareLength);
            int lo = LowerBound(key);
            string? module = null;
            int moduleStart = -1, moduleLength = 0;
            for (int i = lo; i < _keys.Length && _keys[i] == key; i++)
            {
                int start = _starts[i];
                int entryColon = ColonOf(start);
                int entryBare = entryColon < 0 ? start : entryColon + 1;
                if (!BytesEqual(entryBare, name, bareStart, bareLength))
                {
                    continue;
                }

                if (entryColon < 0)
                {
                    // vmlinux has it: the answer for a bare name and for vmlinux:NAME, never for another module's form.
                    if (colon < 0 || IsVmlinux(name, colon))
                    {
                        return Vmlinux;
                    }

                    continue;
                }

                int length = entryColon - start;
                if (colon >= 0)
                {
                    if (!IsVmlinux(name, colon) && length == colon && BytesEqual(start, name, 0, colon, whole: false))
                    {
                        return name.Substring(0, colon);
                    }

                    continue;
                }

                if (moduleStart < 0 || CompareBytes(start, length, moduleStart, moduleLength) < 0)
                {
                    moduleStart = start;
                    moduleLength = length;
                }
            }

            if (moduleStart >= 0)
            {
                module = Decode(moduleStart, moduleLength);
            }

            return module;
        }

        /// <summary>Every name as written, sorted ordinally.</summary>
        public List<string> Written()
        {
            var list = new List<string>(_starts.Length);
            foreach (int start in _starts)
            {
                list.Add(Decode(start, EndOf(start) - start));
            }

            list.Sort(StringComparer.Ordinal);
            return list;
        }

        /// <summary>Every bare name once (vmlinux's and each module's), in no order; only those starting with <paramref name="prefix"/>.</summary>
        public IEnumerable<string> Bare(string prefix)
        {
            for (int i = 0; i < _keys.Length; i++)
            {
                int start = _starts[i];
                int colon = ColonOf(start);
                int bare = colon < 0 ? start : colon + 1;
                int length = EndOf(bare) - bare;
                if (length < prefix.Length || !BytesEqual(bare, prefix, 0, prefix.Length, whole: false) || SeenBefore(i, bare, length))
                {
                    continue;
                }

                yield return Decode(bare, length);
            }
        }

        /// <summary>True when an earlier entry of the same hash run has the same bare name.</summary>
        private bool SeenBefore(int index, int bare, int length)
        {
            for (int j = index - 1; j >= 0 && _keys[j] == _keys[index]; j--)
            {
                int start = _starts[j];
                int colon = ColonOf(start);
                int other = colon < 0 ? start : colon + 1;
                if (EndOf(other) - other == length && CompareBytes(other, length, bare, length) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private int LowerBound(uint key)
        {
            int lo = 0, hi = _keys.Length;
            while (lo < hi)
            {
                int mid = (int)((uint)(lo + hi) >> 1);
                if (_keys[mid] < key)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private int EndOf(int start)
        {
            int end = Array.IndexOf(_blob, (byte)'\n', start);
            return end < 0 ? _blob.Length : end;
        }

        private int ColonOf(int start)
        {
            for (int i = start; i < _blob.Length && _blob[i] != '\n'; i++)
            {
                if (_blob[i] == ':')
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>
        /// True when the entry bytes at <paramref name="at"/> begin with <paramref name="s"/>'s span and, when
        /// <paramref name="whole"/>, end right after it (the name is that span exactly).
        /// </summary>
        private bool BytesEqual(int at, string s, int start, int length, bool whole = true)
        {
            if (at + length > _blob.Length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (_blob[at + i] != s[start + i])
                {
                    return false;
                }
            }

            return !whole || at + length == _blob.Length || _blob[at + length] == '\n';
        }

        private int CompareBytes(int a, int aLength, int b, int bLength)
        {
            int n = Math.Min(aLength, bLength);
            for (int i = 0; i < n; i++)
            {
                int d = _blob[a + i] - _blob[b + i];
                if (d != 0)
                {
                    return d;
                }
            }

            return aLength - bLength;
        }

        private static bool IsVmlinux(string name, int colon) => colon == Vmlinux.Length && string.CompareOrdinal(name, 0, Vmlinux, 0, colon) == 0;

        private string Decode(int start, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                chars[i] = (char)_blob[start + i];
            }

            return new string(chars);
        }

        /// <summary>FNV-1a of the bare name's characters (ASCII: the same as of its bytes).</summary>
        private static uint Hash(string s, int start, int length)
        {
            uint h = 2166136261;
            for (int i = 0; i < length; i++)
            {
                h = (h ^ s[start + i]) * 16777619;
            }

            return h;
        }

        /// <summary>
        /// Collects one part's names as a profile is read: bytes appended, a hash and a start per name. One builder serves
        /// every part of a profile in turn (<see cref="Reset"/>): its buffers grow once, to the largest part, where a builder
        /// per part doubled its way up from 4 KB for each (a seventh of a cold 7 MB parse; issue 23).
        /// </summary>
        internal sealed class Builder
        {
            private byte[] _bytes;
            private int _length;
            private uint[] _keys;
            private int[] _starts;
            private int _count;

            /// <param name="expectedBytes">The text still to read: no part holds more bytes than that.</param>
            public Builder(int expectedBytes)
            {
                // At most 16 MB up front (the largest real part, Debian 12's vmlinux and module functions, is 6 MB): a huge
                // file that fails on its first bad line must not cost its size in memory first.
                expectedBytes = Math.Min(expectedBytes, 16 << 20);
                _bytes = new byte[Math.Max(4096, expectedBytes)];
                // Names of kernel functions average 20-25 characters: a guess that rarely needs to grow.
                _keys = new uint[Math.Max(256, expectedBytes / 16)];
                _starts = new int[_keys.Length];
            }

            /// <summary>Empties the builder for the next part (what <see cref="Build"/> made is a copy).</summary>
            public void Reset()
            {
                _length = 0;
                _count = 0;
            }

            /// <summary>
            /// Adds the written name <paramref name="line"/>[<paramref name="start"/>, +<paramref name="length"/>]; false when it
            /// holds a character no kernel name has (not printable ASCII), which the caller reports.
            /// </summary>
            public bool Add(string line, int start, int length)
            {
                if (_length + length + 1 > _bytes.Length)
                {
                    Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + length + 1));
                }

                int colon = -1;
                for (int i = 0; i < length; i++)
                {
                    char c = line[start + i];
                    if (c <= ' ' || c > '~')
                    {
                        return false;
                    }

                    if (c == ':' && colon < 0)
                    {
                        colon = i;
                    }

                    _bytes[_length + i] = (byte)c;
                }

                if (_count == _keys.Length)
                {
                    Array.Resize(ref _keys, _count * 2);
                    Array.Resize(ref _starts, _count * 2);
                }

                _keys[_count] = Hash(line, start + colon + 1, length - colon - 1);
                _starts[_count] = _length;
                _count++;
                _length += length;
                _bytes[_length++] = (byte)'\n';
                return true;
            }

            /// <summary>
            /// Adds the names on the lines of <paramref name="text"/> from <paramref name="pos"/> up to the next part header
            /// (a line starting with '[') or the end, skipping blank lines and '#' comments, without making a string per
            /// line: the one loop a profile's parse spends its time in. Returns where it stopped; a line that is not one
            /// name of printable ASCII stops it too, and is given in <paramref name="badStart"/> and <paramref name="badEnd"/>.
            /// </summary>
            // (AggressiveOptimization measured slower here: 150-170 ms cold against 116-120 without.)
            public int AddLines(string text, int pos, ref int lineNo, out int badStart, out int badEnd)
            {
                badStart = badEnd = -1;
                while (pos < text.Length)
                {
                    int nl = text.IndexOf('\n', pos);
                    int end = nl < 0 ? text.Length : nl;
                    int stop = end > pos && text[end - 1] == '\r' ? end - 1 : end;
                    if (stop > pos && text[pos] == '[')
                    {
                        return pos;
                    }

                    lineNo++;
                    if (stop > pos && text[pos] != '#' && !Add(text, pos, stop - pos))
                    {
                        badStart = pos;
                        badEnd = stop;
                        return pos;
                    }

                    pos = nl < 0 ? text.Length : nl + 1;
                }

                return pos;
            }

            public NameSet Build()
            {
                byte[] blob = new byte[_length];
                Buffer.BlockCopy(_bytes, 0, blob, 0, _length);
                // Each (hash, start) as one ulong, sorted as plain numbers: CoreLib's sort of a primitive array is
                // precompiled, where Array.Sort(keys, items) over a uint/int pair is generic code a cold compiler
                // JIT-compiled first (47-58 ms of a 250,000-name part in a fresh process, against 17 ms; issue 23).
                // Equal hashes end up in the order of their starts, as before. Starts are below 2^31.
                var packed = new ulong[_count];
                for (int i = 0; i < _count; i++)
                {
                    packed[i] = ((ulong)_keys[i] << 32) | (uint)_starts[i];
                }

                Array.Sort(packed);
                uint[] keys = new uint[_count];
                int[] starts = new int[_count];
                for (int i = 0; i < _count; i++)
                {
                    keys[i] = (uint)(packed[i] >> 32);
                    starts[i] = (int)(uint)packed[i];
                }

                var set = new NameSet(blob, keys, starts);
                return set.WithoutDuplicates();
            }
        }

        /// <summary>The set with each name written twice kept once (a hand-edited profile may repeat a line).</summary>
        private NameSet WithoutDuplicates()
        {
            int duplicates = 0;
            for (int i = 1; i < _keys.Length; i++)
            {
                if (IsDuplicate(i))
                {
                    duplicates++;
                }
            }

            if (duplicates == 0)
            {
                return this;
            }

            uint[] keys = new uint[_keys.Length - duplicates];
            int[] starts = new int[keys.Length];
            for (int i = 0, j = 0; i < _keys.Length; i++)
            {
                if (i == 0 || !IsDuplicate(i))
                {
                    keys[j] = _keys[i];
                    starts[j++] = _starts[i];
                }
            }

            return new NameSet(_blob, keys, starts);
        }

        private bool IsDuplicate(int index)
        {
            // Almost every name's hash differs from the one before: no need to find where the name ends.
            if (index == 0 || _keys[index - 1] != _keys[index])
            {
                return false;
            }

            int start = _starts[index];
            int length = EndOf(start) - start;
            for (int j = index - 1; j >= 0 && _keys[j] == _keys[index]; j--)
            {
                int other = _starts[j];
                if (EndOf(other) - other == length && CompareBytes(other, length, start, length) == 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
