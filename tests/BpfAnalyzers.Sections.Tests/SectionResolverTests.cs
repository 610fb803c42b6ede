using System;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>The resolver's answers beyond prog type: how a name matched, its target, its canonical form.</summary>
    public class SectionResolverTests
    {
        private static LibbpfSetup T(string version, bool strict = false) => new(LibbpfVersion.Parse(version), strict);

        [Fact]
        public void Under_0_1_xdp_devmap_omg_falls_through_to_plain_xdp()
        {
            SectionResolution r = SectionResolver.Resolve("xdp_devmap_omg", T("0.1"));
            Assert.Equal("xdp", r.Entry!.Section);
            Assert.Equal(MatchKind.LegacyPrefix, r.How);
            Assert.Equal("xdp", r.Canonical);
        }

        [Theory]
        [InlineData("xdpblah")]
        [InlineData("xdp_devmap_omg")]
        [InlineData("perf_eventblah")]
        public void From_1_0_legacy_prefix_names_are_unknown(string name)
        {
            Assert.False(SectionResolver.Resolve(name, T("1.0")).IsMatch);
            Assert.False(SectionResolver.Resolve(name, T("1.7")).IsMatch);
        }

        [Fact]
        public void Strict_mode_in_0_8_makes_sloppy_entries_exact()
        {
            Assert.Equal(MatchKind.LegacyPrefix, SectionResolver.Resolve("xdpblah", T("0.8")).How);
            Assert.False(SectionResolver.Resolve("xdpblah", T("0.8", strict: true)).IsMatch);
            Assert.Equal(MatchKind.Exact, SectionResolver.Resolve("xdp", T("0.8", strict: true)).How);
        }

        [Fact]
        public void Strict_mode_does_not_exist_before_0_6()
        {
            Assert.Throws<ArgumentException>(() => T("0.5", strict: true));
            Assert.True(T("1.1").StrictSectionNames);
        }

        [Fact]
        public void A_plus_entry_takes_the_bare_type_or_type_slash_extras()
        {
            SectionResolution bare = SectionResolver.Resolve("kprobe", T("1.1"));
            Assert.Equal(MatchKind.Plus, bare.How);
            Assert.Null(bare.AttachTarget);
            Assert.True(bare.IsCanonical);

            SectionResolution full = SectionResolver.Resolve("kprobe/do_sys_open", T("1.1"));
            Assert.Equal("do_sys_open", full.AttachTarget);
            Assert.Equal("kprobe/do_sys_open", full.Canonical);

            Assert.False(SectionResolver.Resolve("kprobex", T("1.1")).IsMatch);
        }

        [Fact]
        public void Kprobe_slash_loads_with_an_empty_target_but_is_not_canonical()
        {
            SectionResolution r = SectionResolver.Resolve("kprobe/", T("1.1"));
            Assert.Equal("kprobe+", r.Entry!.Section);
            Assert.Equal(string.Empty, r.AttachTarget);
            Assert.False(r.IsCanonical);
            Assert.Equal("kprobe", r.Canonical);
        }

        [Fact]
        public void Deprecated_entries_are_flagged_with_their_replacement()
        {
            SectionResolution devmap = SectionResolver.Resolve("xdp_devmap/foo", T("0.8"));
            Assert.True(devmap.IsDeprecated);
            Assert.Equal("xdp/devmap", devmap.Canonical);

            SectionResolution classifier = SectionResolver.Resolve("classifier", T("0.8"));
            Assert.True(classifier.IsDeprecated);
            Assert.Equal("tc", classifier.Canonical);

            Assert.False(SectionResolver.Resolve("classifier", T("0.6")).IsDeprecated);
            Assert.False(SectionResolver.Resolve("tc", T("1.2")).IsDeprecated);
            Assert.True(SectionResolver.Resolve("tc", T("1.3")).IsDeprecated);
        }

        [Fact]
        public void Question_mark_means_no_autoload_from_0_8_when_the_object_is_opened()
        {
            Assert.False(SectionResolver.Resolve("?xdp", T("1.1")).IsMatch);
            SectionResolution program = SectionResolver.ResolveProgram("?xdp", T("1.1"));
            Assert.Equal("xdp", program.Entry!.Section);
            Assert.Equal(1, program.NameStart);
            Assert.False(SectionResolver.ResolveProgram("?xdp", T("0.7")).IsMatch);
        }

        [Fact]
        public void An_embedded_nul_ends_the_name_as_in_c()
        {
            SectionResolution r = SectionResolver.Resolve("xdp\0junk", T("1.1"));
            Assert.Equal("xdp", r.Entry!.Section);
            Assert.Equal("xdp", r.Canonical);
            Assert.False(r.IsCanonical);
        }

        [Theory]
        [InlineData("tcx/ingress", "1.2", "1.3")]
        [InlineData("kprobe.session/f", "1.4", "1.5")]
        [InlineData("uprobe.session", "1.5", "1.6")]
        [InlineData("ksyscall/openat", "0.8", "1.0")]
        public void Newer_names_report_the_first_release_that_has_them(string name, string target, string first)
        {
            Assert.False(SectionResolver.ResolveProgram(name, T(target)).IsMatch);
            Assert.Equal(LibbpfVersion.Parse(first), SectionResolver.FirstReleaseAccepting(name, T(target)));
        }

        [Fact]
        public void Unknown_everywhere_has_no_first_release()
        {
            Assert.Null(SectionResolver.FirstReleaseAccepting("user", T("0.1")));
        }

        [Theory]
        [InlineData("1.1.2", "1.1")]
        [InlineData("v0.8", "0.8")]
        [InlineData("latest", "1.7")]
        public void Versions_parse_with_or_without_patch(string text, string expected)
        {
            Assert.Equal(expected, LibbpfVersion.Parse(text).ToString());
        }

        [Theory]
        [InlineData("9.9")]
        [InlineData("1")]
        [InlineData("1.1.1.1")]
        [InlineData("abc")]
        [InlineData("")]
        public void Unknown_versions_do_not_parse(string text)
        {
            Assert.False(LibbpfVersion.TryParse(text, out _));
        }

        [Fact]
        public void Custom_sections_are_tried_before_the_table_from_0_8()
        {
            Assert.True(SectionEntry.TryCreateCustom("user+", null, out SectionEntry? user));
            var custom = new[] { user! };
            Assert.True(SectionResolver.Resolve("user", T("1.1"), custom).IsMatch);
            Assert.Equal("foo", SectionResolver.Resolve("user/foo", T("1.1"), custom).AttachTarget);
            Assert.False(SectionResolver.Resolve("userargh", T("1.1"), custom).IsMatch);
            Assert.Equal("user", SectionResolver.Resolve("user/", T("1.1"), custom).Canonical);
            Assert.False(SectionResolver.Resolve("user", T("0.7"), custom).IsMatch);
        }

        [Fact]
        public void Resolving_a_valid_name_allocates_nothing()
        {
            LibbpfSetup target = T("1.7");
            SectionResolver.Resolve("kprobe/do_sys_open", target);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                SectionResolver.Resolve("kprobe/do_sys_open", target);
                SectionResolver.ResolveProgram("?xdp", target);
                SectionResolver.Resolve("cgroup/sock_create", target);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
