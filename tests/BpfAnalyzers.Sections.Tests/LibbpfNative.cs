using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The real libbpf (<c>libbpf.so.1</c>; Debian's <c>libbpf1</c> is 1.1.2), called through P/Invoke so the
    /// resolver can be checked against it name by name. Shared with the benchmarks, which link this file.
    /// </summary>
    internal static unsafe class LibbpfNative
    {
        public const string LibraryName = "libbpf.so.1";

        /// <summary>What libbpf returns when no section definition matches (<c>-ESRCH</c>).</summary>
        public const int ESRCH = 3;

        /// <summary>What <c>libbpf_attach_type_by_name()</c> returns for an unknown or non-attachable name.</summary>
        public const int EINVAL = 22;

        private static readonly Lazy<string?> s_loadError = new Lazy<string?>(TryLoad);
        private static readonly Dictionary<int, string> s_progTypeNames = new Dictionary<int, string>();
        private static readonly Dictionary<int, string> s_attachTypeNames = new Dictionary<int, string>();

        [DllImport(LibraryName)]
        private static extern int libbpf_prog_type_by_name(byte* name, int* progType, int* expectedAttachType);

        [DllImport(LibraryName)]
        private static extern int libbpf_attach_type_by_name(byte* name, int* attachType);

        // Both since libbpf 1.0 (LIBBPF_1.0.0); they return static strings, or NULL for an unknown value.
        [DllImport(LibraryName)]
        private static extern byte* libbpf_bpf_prog_type_str(int progType);

        [DllImport(LibraryName)]
        private static extern byte* libbpf_bpf_attach_type_str(int attachType);

        // Since libbpf 0.6.
        [DllImport(LibraryName)]
        private static extern uint libbpf_major_version();

        [DllImport(LibraryName)]
        private static extern uint libbpf_minor_version();

        [DllImport(LibraryName)]
        private static extern byte* libbpf_version_string();

        /// <summary>
        /// Fails with a message that says what to install when <c>libbpf.so.1</c> cannot be loaded. The tests
        /// that compare with libbpf call this first: they must fail, never skip, without it.
        /// </summary>
        public static void Require()
        {
            if (s_loadError.Value is string error)
            {
                throw new InvalidOperationException(
                    $"{LibraryName} could not be loaded ({error}). The differential tests compare the resolver with real " +
                    "libbpf and never skip: install Debian's libbpf 1.1.2 (apt-get install libbpf1) so that the loader finds " + LibraryName + ".");
            }
        }

        public static (uint Major, uint Minor, string Text) Version()
        {
            Require();
            return (libbpf_major_version(), libbpf_minor_version(), Utf8(libbpf_version_string()) ?? "(null)");
        }

        /// <summary>
        /// <c>libbpf_prog_type_by_name()</c> on a name as C sees it: UTF-8, NUL-terminated. A name with an embedded
        /// NUL is passed as is, so libbpf sees it cut there, as a C compiler's string literal would be.
        /// </summary>
        public static byte[] ToCString(string name)
        {
            byte[] bytes = new byte[Encoding.UTF8.GetByteCount(name) + 1];
            Encoding.UTF8.GetBytes(name, 0, name.Length, bytes, 0);
            return bytes;
        }

        /// <summary>The return code, and the enum values libbpf wrote (unchanged when it failed).</summary>
        public static int ProgTypeByName(byte[] cName, out int progType, out int expectedAttachType)
        {
            int pt = -1;
            int at = -1;
            int rc;
            fixed (byte* p = cName)
            {
                rc = libbpf_prog_type_by_name(p, &pt, &at);
            }

            progType = pt;
            expectedAttachType = at;
            return rc;
        }

        public static int AttachTypeByName(byte[] cName, out int attachType)
        {
            int at = -1;
            int rc;
            fixed (byte* p = cName)
            {
                rc = libbpf_attach_type_by_name(p, &at);
            }

            attachType = at;
            return rc;
        }

        /// <summary>
        /// libbpf's answer in the oracle files' form (<c>OracleFormat</c>): <c>prog_type\tattach_type</c>
        /// with libbpf's own lower-case names, or <c>ERR\t-3</c>.
        /// </summary>
        public static string Answer(string name)
        {
            Require();
            int rc = ProgTypeByName(ToCString(name), out int progType, out int attachType);
            if (rc != 0)
            {
                return "ERR\t" + rc.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return ProgTypeName(progType) + "\t" + AttachTypeName(attachType);
        }

        /// <summary><c>libbpf_attach_type_by_name()</c>'s answer: a lower-case attach type, or <c>-EINVAL</c>.</summary>
        public static string AttachAnswer(string name)
        {
            Require();
            int rc = AttachTypeByName(ToCString(name), out int attachType);
            return rc == 0 ? AttachTypeName(attachType) : rc == -EINVAL ? "-EINVAL" : rc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// A handler registered once and never unregistered, so the tests' own never bring the count back to zero:
        /// libbpf 1.1's libbpf_unregister_prog_handler() shrinks the array with libbpf_reallocarray(ptr, 0, ...),
        /// which frees it and returns NULL, and keeps the freed pointer ("if (sec_defs) custom_sec_defs = sec_defs;"),
        /// so the next registration reallocs freed memory (glibc: "double free or corruption"). Fixed upstream
        /// later ("if (sec_defs || custom_sec_def_cnt == 0)", v1.7.0). No name the tests resolve starts with it.
        /// </summary>
        private static readonly Lazy<int> s_anchorHandler = new Lazy<int>(() => Register("bpfanalyzers_tests_anchor/", 2));

        /// <summary>
        /// <c>libbpf_register_prog_handler()</c> (LIBBPF_0.8.0; libbpf copies the name): a custom section, process-wide
        /// until unregistered, so its callers run in the <c>RealLibbpfCollection</c>. Returns the handler id, or -errno.
        /// </summary>
        public static int RegisterProgHandler(string section, int progType)
        {
            _ = s_anchorHandler.Value;
            return Register(section, progType);
        }

        private static int Register(string section, int progType)
        {
            var opts = new ProgHandlerOpts { Size = (nuint)sizeof(ProgHandlerOpts) };
            fixed (byte* p = ToCString(section))
            {
                return libbpf_register_prog_handler(p, progType, 0, &opts);
            }
        }

        public static int UnregisterProgHandler(int handlerId) => libbpf_unregister_prog_handler(handlerId);

        public static string ProgTypeName(int value) => Name(s_progTypeNames, value, &libbpf_bpf_prog_type_str);

        public static string AttachTypeName(int value) => Name(s_attachTypeNames, value, &libbpf_bpf_attach_type_str);

        private static string Name(Dictionary<int, string> cache, int value, delegate*<int, byte*> lookup)
        {
            lock (cache)
            {
                if (!cache.TryGetValue(value, out string? name))
                {
                    name = Utf8(lookup(value)) ?? "#" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    cache.Add(value, name);
                }

                return name;
            }
        }

        private static string? Utf8(byte* s) => s == null ? null : Marshal.PtrToStringUTF8((IntPtr)s);

        private static string? TryLoad()
        {
            try
            {
                return NativeLibrary.TryLoad(LibraryName, typeof(LibbpfNative).Assembly, null, out _)
                    ? null
                    : "the dynamic loader did not find it";
            }
            catch (Exception e)
            {
                return e.Message;
            }
        }

        [DllImport(LibraryName)]
        private static extern int libbpf_register_prog_handler(byte* sec, int progType, int expectedAttachType, ProgHandlerOpts* opts);

        [DllImport(LibraryName)]
        private static extern int libbpf_unregister_prog_handler(int handlerId);

        /// <summary><c>struct libbpf_prog_handler_opts</c>: size, cookie and three optional callbacks.</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct ProgHandlerOpts
        {
            public nuint Size;
            public nint Cookie;
            public nint ProgSetupFn;
            public nint ProgPrepareLoadFn;
            public nint ProgAttachFn;
        }
    }
}
