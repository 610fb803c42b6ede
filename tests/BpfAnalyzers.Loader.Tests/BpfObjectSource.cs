using System;
using System.Text;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>The C sources the loader test compiles: one program, or one global read by one program.</summary>
    internal static class BpfObjectSource
    {
        // No headers: <linux/bpf.h> needs the target's asm/ headers, and SEC() is all the probe uses.
        private const string Prelude = "#define SEC(name) __attribute__((section(name), used))\n";

        /// <summary>One program in section <paramref name="section"/> and a GPL license (some helpers need it).</summary>
        public static string Program(string section) =>
            Prelude +
            $"SEC({CString(section)}) int prog(void *ctx) {{ return 0; }}\n" +
            "char LICENSE[] SEC(\"license\") = \"GPL\";\n";

        /// <summary>
        /// A global <c>v</c> in section <paramref name="section"/>, read by an <c>SEC("xdp")</c> program (so libbpf must
        /// relocate the access against a map of that section). The reader moves to <c>SEC("socket")</c> when the global's
        /// own section is <c>xdp</c> (clang refuses a function and a variable in one section). Globals in
        /// <c>.bss*</c> are zero: clang refuses a non-zero initializer in a SHT_NOBITS section.
        /// </summary>
        public static string Global(string section) => Global(section, read: true);

        /// <summary>
        /// The same global that no program uses (<paramref name="read"/> false): what libxdp's <c>.xdp_run_config</c> is
        /// to libbpf. A section libbpf skips then breaks nothing.
        /// </summary>
        public static string UnreadGlobal(string section) => Global(section, read: false);

        private static string Global(string section, bool read)
        {
            string reader = section == "xdp" ? "socket" : "xdp";
            string init = section.StartsWith(".bss", StringComparison.Ordinal) ? "0" : "1";
            return Prelude +
                $"int v SEC({CString(section)}) = {init};\n" +
                $"SEC(\"{reader}\") int prog(void *ctx) {{ return {(read ? "v" : "0")}; }}\n" +
                "char LICENSE[] SEC(\"license\") = \"GPL\";\n";
        }

        /// <summary>A C string literal holding exactly <paramref name="text"/>'s UTF-8 bytes.</summary>
        public static string CString(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                if (b == '"' || b == '\\')
                {
                    sb.Append('\\').Append((char)b);
                }
                else if (b >= 0x20 && b < 0x7f && b != '?')
                {
                    sb.Append((char)b);
                }
                else
                {
                    // octal, always three digits, so a following digit is not read into it; '?' too (trigraphs)
                    sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                }
            }

            return sb.Append('"').ToString();
        }
    }
}
