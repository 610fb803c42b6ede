using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>What a wrong name should be, best first: the examples libbpf's history is made of.</summary>
    public class SectionSuggesterTests
    {
        private static string[] Suggest(string name, string version = "1.7", bool strict = false, int max = 3) =>
            SectionSuggester.Suggest(name, new SectionTarget(LibbpfVersion.Parse(version), strict), null, max).Select(s => s.Name).ToArray();

        private static SuggestionReason FirstReason(string name, string version = "1.7") =>
            SectionSuggester.Suggest(name, new SectionTarget(LibbpfVersion.Parse(version)))[0].Reason;

        [Theory]
        [InlineData("xdpblah", "xdp")]
        [InlineData("perf_eventblah", "perf_event")]
        [InlineData("socketfoo", "socket")]
        public void Legacy_prefix_names_get_the_entry_old_libbpf_matched_first(string name, string expected)
        {
            Assert.Equal(expected, Suggest(name)[0]);
            Assert.Equal(SuggestionReason.LegacyPrefix, FirstReason(name));
        }

        [Fact]
        public void Xdp_devmap_omg_keeps_plain_xdp_first_then_the_devmap_it_looks_like()
        {
            Assert.Equal(new[] { "xdp", "xdp/devmap" }, Suggest("xdp_devmap_omg").Take(2));
        }

        [Theory]
        [InlineData("XDP", "xdp")]
        [InlineData("Kprobe/do_sys_open", "kprobe/do_sys_open")]
        public void Case_is_fixed(string name, string expected)
        {
            Assert.Equal(expected, Suggest(name)[0]);
            Assert.Equal(SuggestionReason.Case, FirstReason(name));
        }

        [Theory]
        [InlineData("xdp_devmap/x", "xdp/devmap")]
        [InlineData("xdp_cpumap/", "xdp/cpumap")]
        public void Removed_xdp_map_sections_are_renamed(string name, string expected)
        {
            Assert.Equal(expected, Suggest(name)[0]);
            Assert.Equal(SuggestionReason.Renamed, FirstReason(name));
        }

        [Theory]
        [InlineData("cgroup_sock", "cgroup/sock")]
        [InlineData("sk_skb.stream_parser", "sk_skb/stream_parser")]
        [InlineData("kprobe_multi/tcp_*", "kprobe.multi/tcp_*")]
        public void Separator_confusion_is_fixed(string name, string expected)
        {
            Assert.Equal(expected, Suggest(name)[0]);
            Assert.Equal(SuggestionReason.Separator, FirstReason(name));
        }

        [Fact]
        public void Kprobe_with_an_empty_target_is_canonically_bare_kprobe()
        {
            Assert.Equal(new[] { "kprobe" }, Suggest("kprobe/"));
            Assert.Equal(SuggestionReason.Canonical, FirstReason("kprobe/"));
        }

        [Fact]
        public void Xdp_slash_is_unknown_and_becomes_xdp()
        {
            Assert.Equal("xdp", Suggest("xdp/")[0]);
        }

        [Theory]
        [InlineData("kprobes/do_sys_open", "kprobe/do_sys_open")]
        [InlineData("tracepiont/syscalls/sys_enter_openat", "tracepoint/syscalls/sys_enter_openat")]
        [InlineData("fentyr/tcp_connect", "fentry/tcp_connect")]
        public void Typos_are_fixed_keeping_the_attach_target(string name, string expected)
        {
            Assert.Equal(expected, Suggest(name)[0]);
            Assert.Equal(SuggestionReason.Typo, FirstReason(name));
        }

        [Fact]
        public void Classifier_becomes_tc_before_tcx_exists()
        {
            Assert.Equal("tc", Suggest("classifier", "0.8")[0]);
            Assert.Equal("tc", Suggest("classifier", "1.2")[0]);
        }

        [Fact]
        public void Classifier_and_tc_become_tcx_where_the_release_has_it()
        {
            Assert.Equal(new[] { "tcx/ingress", "tcx/egress" }, Suggest("classifier", "1.3").Take(2));
            Assert.Equal(new[] { "tcx/ingress", "tcx/egress" }, Suggest("tc", "1.7"));
        }

        [Fact]
        public void Tcx_names_become_tc_before_1_3()
        {
            Assert.Equal(new[] { "tc" }, Suggest("tcx/ingress", "1.2"));
        }

        [Fact]
        public void Padded_names_are_trimmed()
        {
            Assert.Equal("xdp", Suggest(" xdp ")[0]);
            Assert.Equal("kprobe/f", Suggest("kprobe/f\u0007")[0]);
        }

        [Fact]
        public void At_most_max_suggestions_are_returned_best_first()
        {
            Assert.Single(Suggest("kprobes/do_sys_open", max: 1));
            Assert.True(Suggest("xdp_devmap_omg").Length <= 3);
        }

        [Fact]
        public void Hopeless_names_get_no_suggestions()
        {
            Assert.Empty(Suggest("completely_unrelated_name"));
            Assert.Empty(Suggest(""));
        }

        [Fact]
        public void A_leading_question_mark_is_kept_from_0_8()
        {
            Assert.Equal("?xdp", Suggest("?xdpblah")[0]);
        }

        [Fact]
        public void Under_0_1_a_sloppy_name_suggests_its_canonical_entry()
        {
            Assert.Equal("xdp", Suggest("xdpblah", "0.1")[0]);
            Assert.Equal(SuggestionReason.Canonical, FirstReason("xdpblah", "0.1"));
        }

        [Fact]
        public void Every_suggestion_resolves_under_the_same_target()
        {
            foreach (string name in new[] { "xdpblah", "XDP", "kprobes/f", "cgroup_sock", "xdp_devmap/x", "kprobe/", "tc", "classifier", "fentyr/x" })
            {
                foreach (string version in new[] { "0.1", "0.6", "0.8", "1.0", "1.7" })
                {
                    var target = new SectionTarget(LibbpfVersion.Parse(version));
                    foreach (SectionSuggestion s in SectionSuggester.Suggest(name, target, null, 10))
                    {
                        SectionResolution r = SectionResolver.ResolveProgram(s.Name, target);
                        Assert.True(r.IsMatch && !r.IsLegacyPrefix, $"{name} -> {s.Name} does not resolve under {version}");
                    }
                }
            }
        }

        [Fact]
        public void A_megabyte_name_gets_only_cheap_answers()
        {
            string huge = "xdp" + new string('a', 1 << 20);
            Assert.Equal(new[] { "xdp" }, Suggest(huge));
            Assert.Empty(Suggest(new string('k', 1 << 20)));
        }
    }
}
