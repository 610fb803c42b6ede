using System;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The seed's case against real libbpf (1.1.2): a handler registered with libbpf_register_prog_handler() as
    /// 'TYPE/' or 'TYPE+', and what libbpf_prog_type_by_name() then answers for the bare type, the type run into
    /// more letters, and the names the suggester writes. The type is a name no other test uses, because the
    /// registration is process-wide while it lasts.
    /// </summary>
    [Collection(RealLibbpfCollection.Name)]
    public class CustomSectionDifferentialTests
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

            int id = LibbpfNative.RegisterProgHandler(section, ProgType);
            Assert.True(id >= 0, $"libbpf_register_prog_handler(\"{section}\") returned {id}");
            string[] libbpf;
            try
            {
                libbpf = names.Select(n => LibbpfNative.ProgTypeByName(LibbpfNative.ToCString(n), out int t, out _) == 0 && t == ProgType ? "handler" : "ERR").ToArray();
            }
            finally
            {
                Assert.Equal(0, LibbpfNative.UnregisterProgHandler(id));
            }

            var target = new LibbpfSetup(new LibbpfVersion(1, 1));
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
    }
}
