using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>Tests that call real libbpf share its process-wide state (custom handlers), so they run one at a time.</summary>
    [CollectionDefinition(Name)]
    public sealed class RealLibbpfCollection
    {
        public const string Name = "real libbpf";
    }

    /// <summary>
    /// A custom section that matches the same names as a built-in entry wins: libbpf 0.8+ <c>find_sec_def()</c>
    /// walks <c>custom_sec_defs[]</c> (<c>libbpf_register_prog_handler()</c>) before <c>section_defs[]</c>, and
    /// <c>libbpf_prog_type_by_name()</c> answers from whichever matched first. Checked against real libbpf 1.1.2
    /// with the handler registered.
    /// </summary>
    [Collection(RealLibbpfCollection.Name)]
    public class CustomSectionShadowingTests
    {
        /// <summary>Names a custom <c>xdp+</c>, an exact <c>kprobe/do_sys_open</c> and a slash <c>tp/</c> may shadow, and names they must not.</summary>
        private static readonly string[] s_names =
        {
            "xdp", "xdp/", "xdp/foo", "xdp/devmap", "xdp/cpumap", "xdp.frags", "xdp.frags/devmap", "xdpblah", "?xdp",
            "kprobe/do_sys_open", "kprobe/do_sys_open2", "kprobe", "tp/", "tp/sched/sched_switch", "tp", "tracepoint/a/b", "socket",
        };

        private static readonly (string Section, string ProgType, int ProgTypeValue)[] s_custom =
        {
            ("xdp+", "kprobe", 2),
            ("kprobe/do_sys_open", "xdp", 6),
            ("tp/", "socket_filter", 1),
        };

        private static IReadOnlyList<SectionEntry> Custom() => s_custom.Select(c =>
        {
            Assert.True(SectionEntry.TryCreateCustom(c.Section, c.ProgType, out SectionEntry? e));
            return e!;
        }).ToList();

        [Fact]
        public void A_custom_xdp_plus_with_type_kprobe_wins_over_the_built_in_xdp()
        {
            SectionResolution r = SectionResolver.Resolve("xdp", new LibbpfSetup(LibbpfVersion.Latest), Custom());
            Assert.True(r.Entry!.IsCustom);
            Assert.Equal("kprobe", r.Entry.ProgTypeName);
            Assert.Equal("kprobe", SectionResolver.Resolve("xdp/devmap", new LibbpfSetup(LibbpfVersion.Latest), Custom()).Entry!.ProgTypeName);
            // xdp.frags is not 'xdp' or 'xdp/...': the built-in entry answers.
            Assert.Equal("xdp", SectionResolver.Resolve("xdp.frags", new LibbpfSetup(LibbpfVersion.Latest), Custom()).Entry!.ProgTypeName);
        }

        [Fact]
        public void Shadowing_answers_what_libbpf_1_1_answers_with_the_handlers_registered()
        {
            LibbpfNative.Require();
            var target = new LibbpfSetup(new LibbpfVersion(1, 1));
            IReadOnlyList<SectionEntry> custom = Custom();
            var ids = new List<int>();
            var wrong = new List<string>();
            int shadowed = 0;
            try
            {
                foreach ((string section, _, int progType) in s_custom)
                {
                    int id = LibbpfNative.RegisterProgHandler(section, progType);
                    Assert.True(id > 0, $"libbpf_register_prog_handler(\"{section}\") returned {id}");
                    ids.Add(id);
                }

                foreach (string name in s_names)
                {
                    SectionResolution r = SectionResolver.Resolve(name, target, custom);
                    string expected = name + "\t" + LibbpfNative.Answer(name);
                    string actual = OracleFormat.Line(name, r);
                    if (expected != actual)
                    {
                        wrong.Add($"libbpf [{expected}] resolver [{actual}]");
                    }

                    SectionResolution builtIn = SectionResolver.Resolve(name, target);
                    shadowed += r.Entry is { IsCustom: true } && builtIn.IsMatch ? 1 : 0;
                }
            }
            finally
            {
                foreach (int id in ids)
                {
                    LibbpfNative.UnregisterProgHandler(id);
                }
            }

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
            // The names must include ones a built-in entry also matches, or nothing was shadowed.
            Assert.True(shadowed >= 6, $"only {shadowed} names were shadowed");
            // Unregistered, libbpf answers from its table again (the other tests in this collection rely on it).
            Assert.Equal("xdp\txdp", LibbpfNative.Answer("xdp"));
        }

        [Fact]
        public void Before_0_8_there_are_no_custom_handlers_and_the_table_answers()
        {
            // libbpf_register_prog_handler() arrived in 0.8; the resolver ignores custom sections before it.
            SectionResolution r = SectionResolver.Resolve("xdp", new LibbpfSetup(new LibbpfVersion(0, 7)), Custom());
            Assert.False(r.Entry!.IsCustom);
            Assert.Equal("xdp", r.Entry.ProgTypeName);
        }
    }
}
