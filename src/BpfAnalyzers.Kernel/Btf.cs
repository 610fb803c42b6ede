using System;
using System.Collections.Generic;
using System.Text;

namespace BpfAnalyzers.Kernel
{
    /// <summary>The BTF kinds (<c>BTF_KIND_*</c> of the kernel's <c>include/uapi/linux/btf.h</c>).</summary>
    public enum BtfKind : byte
    {
        Unknown = 0,
        Int = 1,
        Ptr = 2,
        Array = 3,
        Struct = 4,
        Union = 5,
        Enum = 6,
        Fwd = 7,
        Typedef = 8,
        Volatile = 9,
        Const = 10,
        Restrict = 11,
        Func = 12,
        FuncProto = 13,
        Var = 14,
        DataSec = 15,
        Float = 16,
        DeclTag = 17,
        TypeTag = 18,
        Enum64 = 19,
    }

    /// <summary>A file that is not BTF, or BTF this reader cannot read: the message says which file and why.</summary>
    public sealed class BtfFormatException : Exception
    {
        public BtfFormatException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// A raw BTF blob (<c>/sys/kernel/btf/vmlinux</c>, a module's, a BTFhub file, an ELF's <c>.BTF</c> section), read
    /// as the kernel's <c>Documentation/bpf/btf.rst</c> lays it out: a header, then the type section (one
    /// <c>struct btf_type</c> each, with its kind's trailing data), then the string section. Module BTF is split BTF: its
    /// type ids and string offsets continue its base's (<c>btf__parse_split()</c>). Little-endian only, as every BTF
    /// libbpf reads on x86, arm64 and the other little-endian targets; types are indexed, not copied.
    /// </summary>
    public sealed class Btf
    {
        private const ushort Magic = 0xEB9F;
        private const int HeaderSize = 24;

        private readonly byte[] _data;
        private readonly int _typesStart;
        private readonly int _stringsStart;
        private readonly int _stringsLength;
        private readonly int[] _offsets;

        private Btf(string source, byte[] data, Btf? baseBtf, int typesStart, int stringsStart, int stringsLength, int[] offsets)
        {
            Source = source;
            _data = data;
            Base = baseBtf;
            _typesStart = typesStart;
            _stringsStart = stringsStart;
            _stringsLength = stringsLength;
            _offsets = offsets;
            FirstId = baseBtf is null ? 1 : baseBtf.FirstId + baseBtf.OwnTypeCount;
        }

        /// <summary>Where the BTF came from, as messages name it.</summary>
        public string Source { get; }

        /// <summary>The base this split BTF continues (vmlinux for a module), or null.</summary>
        public Btf? Base { get; }

        /// <summary>The id of this BTF's first own type: 1 for a base, the base's next id for split BTF.</summary>
        public int FirstId { get; }

        /// <summary>The types this BTF itself holds (not its base's).</summary>
        public int OwnTypeCount => _offsets.Length;

        /// <summary>One past the last type id, base included (libbpf's <c>btf__type_cnt()</c>).</summary>
        public int TypeCount => FirstId + OwnTypeCount;

        private int BaseStringsLength => Base is null ? 0 : Base.BaseStringsLength + Base._stringsLength;

        /// <summary>Parses <paramref name="data"/>; <paramref name="source"/> names it in errors.</summary>
        public static Btf Parse(byte[] data, string source, Btf? baseBtf = null)
        {
            if (data.Length < HeaderSize)
            {
                throw new BtfFormatException($"{source}: {data.Length} bytes is too short for a BTF header ({HeaderSize} bytes): not BTF, or truncated");
            }

            ushort magic = (ushort)(data[0] | (data[1] << 8));
            if (magic != Magic)
            {
                throw new BtfFormatException(magic == 0x9FEB
                    ? $"{source}: big-endian BTF, which this reader does not read"
                    : $"{source}: not BTF (the first two bytes are 0x{data[0]:x2} 0x{data[1]:x2}, where BTF starts with 0x9f 0xeb)");
            }

            if (data[2] != 1)
            {
                throw new BtfFormatException($"{source}: BTF version {data[2]}, where this reader knows version 1");
            }

            uint hdrLen = U32(data, 4), typeOff = U32(data, 8), typeLen = U32(data, 12), strOff = U32(data, 16), strLen = U32(data, 20);
            long typesStart = (long)hdrLen + typeOff, stringsStart = (long)hdrLen + strOff;
            if (hdrLen < HeaderSize || typesStart + typeLen > data.Length || stringsStart + strLen > data.Length)
            {
                throw new BtfFormatException($"{source}: its header describes {hdrLen + (long)Math.Max(typeOff + typeLen, strOff + strLen)} bytes, the file has {data.Length}: truncated");
            }

            var offsets = new List<int>();
            long end = typesStart + typeLen;
            for (long p = typesStart; p < end;)
            {
                if (p + 12 > end)
                {
                    throw new BtfFormatException($"{source}: the type section ends inside type {offsets.Count + 1}: truncated");
                }

                offsets.Add((int)p);
                uint info = U32(data, (int)p + 4);
                int size = 12 + TrailingSize((BtfKind)((info >> 24) & 0x1f), (int)(info & 0xffff), source, offsets.Count);
                p += size;
                if (p > end)
                {
                    throw new BtfFormatException($"{source}: type {offsets.Count} runs past the type section: truncated");
                }
            }

            return new Btf(source, data, baseBtf, (int)typesStart, (int)stringsStart, (int)strLen, offsets.ToArray());
        }

        /// <summary>The kind of type <paramref name="id"/> (0 is void: <see cref="BtfKind.Unknown"/>).</summary>
        public BtfKind Kind(int id)
        {
            if (id < FirstId)
            {
                return id == 0 || Base is null ? BtfKind.Unknown : Base.Kind(id);
            }

            return (BtfKind)((U32(_data, _offsets[id - FirstId] + 4) >> 24) & 0x1f);
        }

        /// <summary>The name of type <paramref name="id"/>, empty for anonymous types.</summary>
        public string Name(int id)
        {
            if (id < FirstId)
            {
                return id == 0 || Base is null ? string.Empty : Base.Name(id);
            }

            return StringAt(U32(_data, _offsets[id - FirstId]));
        }

        /// <summary>The referenced type of a PTR, TYPEDEF, FUNC, FUNC_PROTO (its return type), VAR or modifier.</summary>
        public int TypeOf(int id) => id < FirstId ? Base?.TypeOf(id) ?? 0 : (int)U32(_data, _offsets[id - FirstId] + 8);

        /// <summary>The parameter types of a FUNC_PROTO, in order.</summary>
        public IReadOnlyList<int> Parameters(int protoId)
        {
            if (protoId < FirstId)
            {
                return Base?.Parameters(protoId) ?? Array.Empty<int>();
            }

            int p = _offsets[protoId - FirstId];
            uint info = U32(_data, p + 4);
            if ((BtfKind)((info >> 24) & 0x1f) != BtfKind.FuncProto)
            {
                return Array.Empty<int>();
            }

            int count = (int)(info & 0xffff);
            var types = new int[count];
            for (int i = 0; i < count; i++)
            {
                types[i] = (int)U32(_data, p + 12 + (i * 8) + 4);
            }

            return types;
        }

        /// <summary>The enumerators of an ENUM or ENUM64, by name.</summary>
        public IReadOnlyList<string> Enumerators(int id)
        {
            if (id < FirstId)
            {
                return Base?.Enumerators(id) ?? Array.Empty<string>();
            }

            int p = _offsets[id - FirstId];
            uint info = U32(_data, p + 4);
            BtfKind kind = (BtfKind)((info >> 24) & 0x1f);
            int stride = kind == BtfKind.Enum ? 8 : kind == BtfKind.Enum64 ? 12 : 0;
            if (stride == 0)
            {
                return Array.Empty<string>();
            }

            int count = (int)(info & 0xffff);
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                names[i] = StringAt(U32(_data, p + 12 + (i * stride)));
            }

            return names;
        }

        /// <summary>The first own type of <paramref name="kind"/> named <paramref name="name"/>, or 0 (base types are not searched).</summary>
        public int FindOwn(string name, BtfKind kind)
        {
            for (int id = FirstId; id < TypeCount; id++)
            {
                if (Kind(id) == kind && Name(id) == name)
                {
                    return id;
                }
            }

            return 0;
        }

        private string StringAt(uint offset)
        {
            // Split BTF: offsets below the base's strings are the base's (btf__str_by_offset()).
            int baseLength = BaseStringsLength;
            if (offset < baseLength)
            {
                return Base!.StringAt(offset);
            }

            long start = _stringsStart + (offset - baseLength);
            if (offset - baseLength >= _stringsLength)
            {
                throw new BtfFormatException($"{Source}: a name at string offset {offset} lies past the string section ({_stringsLength} bytes)");
            }

            long stop = start;
            long limit = _stringsStart + _stringsLength;
            while (stop < limit && _data[stop] != 0)
            {
                stop++;
            }

            return Encoding.UTF8.GetString(_data, (int)start, (int)(stop - start));
        }

        private static int TrailingSize(BtfKind kind, int vlen, string source, int id) => kind switch
        {
            BtfKind.Int => 4,
            BtfKind.Array => 12,
            BtfKind.Struct or BtfKind.Union => 12 * vlen,
            BtfKind.Enum => 8 * vlen,
            BtfKind.FuncProto => 8 * vlen,
            BtfKind.Var => 4,
            BtfKind.DataSec => 12 * vlen,
            BtfKind.DeclTag => 4,
            BtfKind.Enum64 => 12 * vlen,
            BtfKind.Ptr or BtfKind.Fwd or BtfKind.Typedef or BtfKind.Volatile or BtfKind.Const or BtfKind.Restrict or
                BtfKind.Func or BtfKind.Float or BtfKind.TypeTag => 0,
            _ => throw new BtfFormatException($"{source}: type {id} has kind {(int)kind}, which no BTF version 1 defines"),
        };

        private static uint U32(byte[] data, int offset) =>
            (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
    }
}
