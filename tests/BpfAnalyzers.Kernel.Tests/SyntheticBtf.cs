using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace BpfAnalyzers.Kernel.Tests
{
    /// <summary>Writes small BTF blobs by hand, as <c>Documentation/bpf/btf.rst</c> lays them out: for split BTF and odd cases.</summary>
    internal sealed class SyntheticBtf
    {
        private readonly MemoryStream _types = new();
        private readonly MemoryStream _strings = new();
        private readonly int _baseStrings;

        /// <param name="baseStringsLength">For split BTF: the base's string section length, where this one's offsets start.</param>
        public SyntheticBtf(int baseStringsLength = 0)
        {
            _baseStrings = baseStringsLength;
            if (baseStringsLength == 0)
            {
                _strings.WriteByte(0);
            }
        }

        public int StringsLength => (int)_strings.Length;

        /// <param name="firstId">For split BTF: the base's <c>btf__type_cnt()</c>, the id this one's first type gets.</param>
        public SyntheticBtf(int baseStringsLength, int firstId)
            : this(baseStringsLength)
        {
            _count = firstId - 1;
        }

        public int Int(string name) => Type(name, BtfKind.Int, 0, 4, new uint[] { 32 });

        /// <summary>A FUNC_PROTO returning <paramref name="returns"/> with unnamed parameters of <paramref name="parameters"/>.</summary>
        public int FuncProto(int returns, params int[] parameters)
        {
            var trailing = new List<uint>();
            foreach (int p in parameters)
            {
                trailing.Add(0);
                trailing.Add((uint)p);
            }

            return Type(string.Empty, BtfKind.FuncProto, parameters.Length, (uint)returns, trailing.ToArray());
        }

        public int Struct(string name) => Type(name, BtfKind.Struct, 0, 0, Array.Empty<uint>());

        public int Ptr(int to) => Type(string.Empty, BtfKind.Ptr, 0, (uint)to, Array.Empty<uint>());

        /// <summary>A FUNC whose prototype is the type id <paramref name="proto"/>.</summary>
        public int Func(string name, int proto) => Type(name, BtfKind.Func, 0, (uint)proto, Array.Empty<uint>());

        public int Typedef(string name, int type) => Type(name, BtfKind.Typedef, 0, (uint)type, Array.Empty<uint>());

        private uint Str(string s)
        {
            uint offset = (uint)(_baseStrings + _strings.Length);
            byte[] b = Encoding.UTF8.GetBytes(s);
            _strings.Write(b, 0, b.Length);
            _strings.WriteByte(0);
            return offset;
        }

        private int _count;

        private int Type(string name, BtfKind kind, int vlen, uint sizeOrType, uint[] trailing)
        {
            uint nameOff = name.Length == 0 ? 0 : Str(name);
            W(_types, nameOff);
            W(_types, ((uint)kind << 24) | (uint)vlen);
            W(_types, sizeOrType);
            foreach (uint t in trailing)
            {
                W(_types, t);
            }

            return ++_count;
        }

        public byte[] ToArray()
        {
            var all = new MemoryStream();
            all.WriteByte(0x9f);
            all.WriteByte(0xeb);
            all.WriteByte(1);
            all.WriteByte(0);
            W(all, 24);
            W(all, 0);
            W(all, (uint)_types.Length);
            W(all, (uint)_types.Length);
            W(all, (uint)_strings.Length);
            _types.WriteTo(all);
            _strings.WriteTo(all);
            return all.ToArray();
        }

        private static void W(Stream s, uint v)
        {
            s.WriteByte((byte)v);
            s.WriteByte((byte)(v >> 8));
            s.WriteByte((byte)(v >> 16));
            s.WriteByte((byte)(v >> 24));
        }
    }
}
