using System;
using System.Runtime.InteropServices;
using System.Text;

namespace BpfAnalyzers.Kernel.Tests
{
    /// <summary>
    /// libbpf's own BTF parser (<c>libbpf.so.1</c>, Debian's 1.1.2): <c>btf__parse()</c>, <c>btf__parse_split()</c>,
    /// <c>btf__type_by_id()</c>, <c>btf__find_by_name_kind()</c>. The reference the reader is checked against.
    /// </summary>
    internal sealed unsafe class LibbpfBtf : IDisposable
    {
        private const string Library = "libbpf.so.1";

        private IntPtr _btf;

        private LibbpfBtf(IntPtr btf) => _btf = btf;

        [DllImport(Library)]
        private static extern IntPtr btf__parse(byte* path, IntPtr ext);

        [DllImport(Library)]
        private static extern IntPtr btf__parse_split(byte* path, IntPtr baseBtf);

        [DllImport(Library)]
        private static extern void btf__free(IntPtr btf);

        [DllImport(Library)]
        private static extern uint btf__type_cnt(IntPtr btf);

        [DllImport(Library)]
        private static extern uint* btf__type_by_id(IntPtr btf, uint id);

        [DllImport(Library)]
        private static extern byte* btf__name_by_offset(IntPtr btf, uint offset);

        [DllImport(Library)]
        private static extern int btf__find_by_name_kind(IntPtr btf, byte* name, uint kind);

        /// <summary>Parses <paramref name="path"/> (split against <paramref name="baseBtf"/> when given); throws when libbpf cannot.</summary>
        public static LibbpfBtf Parse(string path, LibbpfBtf? baseBtf = null)
        {
            byte[] c = CString(path);
            IntPtr btf;
            try
            {
                fixed (byte* p = c)
                {
                    btf = baseBtf is null ? btf__parse(p, IntPtr.Zero) : btf__parse_split(p, baseBtf._btf);
                }
            }
            catch (DllNotFoundException e)
            {
                throw new InvalidOperationException($"{Library} could not be loaded ({e.Message}): the BTF oracle tests compare with real libbpf and never skip; apt-get install libbpf1", e);
            }

            // libbpf 1.x returns NULL and sets errno on error (libbpf_err_ptr()).
            if (btf == IntPtr.Zero || (long)btf < 0 && (long)btf > -4096)
            {
                throw new InvalidOperationException($"libbpf cannot parse {path}");
            }

            return new LibbpfBtf(btf);
        }

        /// <summary><c>btf__type_cnt()</c>: one past the last type id, base included.</summary>
        public int TypeCount => (int)btf__type_cnt(_btf);

        /// <summary>The kind libbpf reads for type <paramref name="id"/> (<c>btf_kind()</c>).</summary>
        public int Kind(int id) => (int)((btf__type_by_id(_btf, (uint)id)[1] >> 24) & 0x1f);

        /// <summary>The name libbpf reads for type <paramref name="id"/>.</summary>
        public string Name(int id) => Utf8(btf__name_by_offset(_btf, btf__type_by_id(_btf, (uint)id)[0]));

        /// <summary><c>btf__find_by_name_kind()</c>: the id, or a negative error (-ENOENT when there is none).</summary>
        public int FindByNameKind(string name, BtfKind kind)
        {
            byte[] c = CString(name);
            fixed (byte* p = c)
            {
                return btf__find_by_name_kind(_btf, p, (uint)kind);
            }
        }

        public void Dispose()
        {
            if (_btf != IntPtr.Zero)
            {
                btf__free(_btf);
                _btf = IntPtr.Zero;
            }
        }

        private static byte[] CString(string s)
        {
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
            Encoding.UTF8.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        private static string Utf8(byte* p)
        {
            if (p == null)
            {
                return string.Empty;
            }

            int n = 0;
            while (p[n] != 0)
            {
                n++;
            }

            return Encoding.UTF8.GetString(p, n);
        }
    }
}
