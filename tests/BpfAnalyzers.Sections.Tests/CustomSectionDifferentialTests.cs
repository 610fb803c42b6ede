using System;
using System.Linq;
using System.Runtime.InteropServices;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The seed's case against real libbpf (1.1.2): a handler registered with libbpf_register_prog_handler() as
    /// 'TYPE/' or 'TYPE+', and what libbpf_prog_type_by_name() then answers for the bare type, the type run into
    /// more letters, and the names the suggester writes. The type is a name no other test uses, because the
    /// registration is process-wide while it lasts.
    /// </summary>
    public unsafe class CustomSectionDifferentialTests
    {
        private const string Type = "bpfanalyzers_seed_user";

        /// <summary>BPF_PROG_TYPE_KPROBE: any type works; libbpf only reports it back.</summary>
        private const int ProgType = 2;

        [Theory]
        [InlineData("/")]
        [InlineData("+")]
        public void The_resolver_and_the_slash_fixes_agree_with_libbpf_for_a_registered_handler(string kind)
        {
            LibbpfNative.Require();
            string section = Type + kind;
            Assert.True(SectionEntry.TryCreateCustom(section, "kprobe", out SectionEntry? entry));
            var custom = new[] { entry! };
            string[] names = { Type, Type + "/", Type + "argh", Type + "/argh" };

            int id = Register(section);
            Assert.True(id >= 0, $"libbpf_register_prog_handler(\"{section}\") returned {id}");
            string[] libbpf;
            try
            {
                libbpf = names.Select(n => LibbpfNative.ProgTypeByName(LibbpfNative.ToCString(n), out int t, out _) == 0 && t == ProgType ? "handler" : "ERR").ToArray();
            }
            finally
            {
                Assert.Equal(0, libbpf_unregister_prog_handler(id));
            }

            var target = new SectionTarget(new LibbpfVersion(1, 1));
            string[] ours = names.Select(n => SectionResolver.Resolve(n, target, custom).Entry == entry ? "handler" : "ERR").ToArray();
            Assert.Equal(libbpf, ours);

            // 'TYPE/' takes no bare TYPE but an empty extra; the suggester's fixes are names libbpf accepts.
            if (kind == "/")
            {
                Assert.Equal(new[] { "ERR", "handler", "ERR", "handler" }, libbpf);
                Assert.Equal(Type + "/", SectionSuggester.Suggest(Type, target, custom)[0].Name);
                Assert.Equal(Type + "/argh", SectionSuggester.Suggest(Type + "argh", target, custom)[0].Name);
            }
            else
            {
                Assert.Equal(new[] { "handler", "handler", "ERR", "handler" }, libbpf);
            }
        }

        private static int Register(string section)
        {
            var opts = new ProgHandlerOpts { Size = (nuint)sizeof(ProgHandlerOpts) };
            byte[] name = LibbpfNative.ToCString(section);
            fixed (byte* p = name)
            {
                return libbpf_register_prog_handler(p, ProgType, 0, &opts);
            }
        }

        // Since libbpf 0.8 (LIBBPF_0.8.0). libbpf copies the section name it is given.
        [DllImport(LibbpfNative.LibraryName)]
        private static extern int libbpf_register_prog_handler(byte* sec, int progType, int expectedAttachType, ProgHandlerOpts* opts);

        [DllImport(LibbpfNative.LibraryName)]
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
