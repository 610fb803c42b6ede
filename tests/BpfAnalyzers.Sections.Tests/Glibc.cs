using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// glibc's real <c>sscanf()</c>, the function libbpf's attach parsers call, through P/Invoke. sscanf is
    /// variadic; on x86-64 System V a variadic callee reads its arguments exactly as a fixed-signature one
    /// would (the <c>al</c> register only counts vector registers, and every argument here is a pointer), so
    /// one fixed signature with six pointer slots serves every format: glibc reads only as many slots as the
    /// format has directives.
    /// </summary>
    internal static unsafe class Glibc
    {
        private const string LibraryName = "libc.so.6";

        /// <summary>Most pointer arguments a format here may take.</summary>
        public const int Slots = 6;

        [DllImport(LibraryName, EntryPoint = "sscanf")]
        private static extern int sscanf6(byte* s, byte* format, void* a0, void* a1, void* a2, void* a3, void* a4, void* a5);

        [DllImport(LibraryName)]
        private static extern void free(void* p);

        /// <summary>What one call returned and assigned, in the shape of <see cref="ScanfModel.Result"/>.</summary>
        internal sealed class Result
        {
            public int Returned { get; set; }

            /// <summary>Assigned values in directive order: strings for <c>%m[</c>, longs for <c>%li</c>, ints for a reached <c>%n</c>.</summary>
            public List<object> Values { get; } = new();
        }

        /// <summary>The directives of a format, in order: 's' (<c>%m[...]</c>), 'l' (<c>%li</c>), 'n' (<c>%n</c>).</summary>
        public static List<char> Directives(string format)
        {
            var kinds = new List<char>();
            for (int f = 0; f < format.Length; f++)
            {
                if (format[f] != '%')
                {
                    continue;
                }

                f++;
                if (format.Substring(f).StartsWith("m[", StringComparison.Ordinal))
                {
                    // A ']' right after '[' or '[^' is a member, not the end (C standard 7.21.6.2).
                    int close = format.IndexOf(']', f + (format[f + 2] == '^' ? 4 : 3));
                    kinds.Add('s');
                    f = close;
                }
                else if (format.Substring(f).StartsWith("li", StringComparison.Ordinal))
                {
                    kinds.Add('l');
                    f++;
                }
                else if (format[f] == 'n')
                {
                    kinds.Add('n');
                }
                else
                {
                    throw new NotSupportedException($"directive at {f} of {format}: only %m[...], %li and %n are modelled");
                }
            }

            if (kinds.Count > Slots)
            {
                throw new NotSupportedException(format + " takes more than " + Slots + " arguments");
            }

            return kinds;
        }

        /// <summary>Calls glibc's sscanf on the UTF-8 bytes of <paramref name="input"/> (a NUL in it ends the C string).</summary>
        public static Result Scan(string input, string format)
        {
            List<char> kinds = Directives(format);
            byte[] s = Encoding.UTF8.GetBytes(input + "\0");
            byte[] fmt = Encoding.UTF8.GetBytes(format + "\0");
            // One 8-byte slot per argument; %n writes an int, so a negative sentinel says "not reached".
            long* slots = stackalloc long[Slots];
            for (int i = 0; i < Slots; i++)
            {
                slots[i] = kinds.Count > i && kinds[i] == 'n' ? -1 : 0;
            }

            var result = new Result();
            fixed (byte* ps = s)
            fixed (byte* pf = fmt)
            {
                result.Returned = sscanf6(ps, pf, slots, slots + 1, slots + 2, slots + 3, slots + 4, slots + 5);
                int conversion = 0;
                for (int i = 0; i < kinds.Count; i++)
                {
                    switch (kinds[i])
                    {
                        case 's':
                            byte* str = (byte*)slots[i];
                            if (conversion++ < result.Returned)
                            {
                                result.Values.Add(Marshal.PtrToStringUTF8((IntPtr)str)!);
                            }

                            if (str != null)
                            {
                                free(str);
                            }

                            break;
                        case 'l':
                            if (conversion++ < result.Returned)
                            {
                                result.Values.Add(slots[i]);
                            }

                            break;
                        default:
                            int bytes = *(int*)(slots + i);
                            if (bytes >= 0)
                            {
                                // The model counts UTF-16 characters; glibc counts bytes.
                                result.Values.Add(Encoding.UTF8.GetCharCount(s, 0, bytes));
                            }

                            break;
                    }
                }
            }

            return result;
        }
    }
}
