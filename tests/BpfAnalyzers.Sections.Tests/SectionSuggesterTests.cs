using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>What a wrong name should be, best first: the examples libbpf's history is made of.</summary>
    public class SectionSuggesterTests
    {
        private static string[] Suggest(string name, string version = "1.7", bool strict = false, int max = 3) =>
            SectionSuggester.Suggest(name, new LibbpfSetup(LibbpfVersion.Parse(version), strict), null, max).Select(s => s.Name).ToArray();

        private static SuggestionReason FirstReason(string name, string version = "1.7") =>
            SectionSuggester.Suggest(name, new LibbpfSetup(LibbpfVersion.Parse(version)))[0].Reason;

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
                    var target = new LibbpfSetup(LibbpfVersion.Parse(version));
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

        private static string[] SuggestWith(string name, string custom, string version = "1.7", string? program = null)
        {
            Assert.True(SectionEntry.TryCreateCustom(custom, null, out SectionEntry? entry));
            return SectionSuggester.Suggest(name, new LibbpfSetup(LibbpfVersion.Parse(version)), new[] { entry! }, 3, program).Select(s => s.Name).ToArray();
        }

        private static SectionSuggestion[] SuggestFor(string name, string version, string? program = "do_unlinkat") =>
            SectionSuggester.Suggest(name, new LibbpfSetup(LibbpfVersion.Parse(version)), null, 3, program).ToArray();

        // The seed (bpf-next, 2020): the handler was registered as 'user/', the program written SEC("user").
        [Theory]
        [InlineData("0.8")]
        [InlineData("1.0")]
        [InlineData("1.7")]
        public void User_under_a_custom_user_slash_becomes_user_slash_first(string version)
        {
            Assert.Equal(new[] { "user/" }, SuggestWith("user", "user/", version));
            Assert.Equal(new[] { "?user/" }, SuggestWith("?user", "user/", version));
        }

        [Fact]
        public void Userargh_under_a_custom_user_slash_becomes_user_slash_argh()
        {
            Assert.Equal(new[] { "user/argh" }, SuggestWith("userargh", "user/"));
            Assert.Equal(SuggestionReason.MissingSlash, SectionSuggester.Suggest("userargh", LibbpfSetup.Latest, Custom("user/"))[0].Reason);
        }

        [Fact]
        public void Userargh_under_a_custom_user_plus_stays_user()
        {
            Assert.Equal(new[] { "user" }, SuggestWith("userargh", "user+"));
        }

        [Fact]
        public void Custom_sections_count_only_from_0_8()
        {
            Assert.Empty(SuggestWith("user", "user/", "0.7"));
            Assert.Null(SectionSuggester.FindMissedSlash("user", new LibbpfSetup(LibbpfVersion.Parse("0.7")), Custom("user/")));
        }

        [Fact]
        public void User_without_a_declaration_is_no_typo_of_anything()
        {
            Assert.Empty(Suggest("user"));
            Assert.Empty(Suggest("userargh"));
            Assert.Null(SectionSuggester.FindMissedSlash("user", LibbpfSetup.Latest));
        }

        [Fact]
        public void A_custom_slash_entry_is_preferred_to_a_built_in_typo()
        {
            // 'kprobe' loads from 0.8, so a custom 'kprobe/' is never missed there; 'tcx' is a 1.3 type.
            Assert.Equal("lsx/", SuggestWith("lsx", "lsx/")[0]);
        }

        [Theory]
        [InlineData("sk_lookup", "0.5", "sk_lookup/")]
        [InlineData("xdp_cpumap", "0.1", "xdp_cpumap/")]
        [InlineData("uprobe", "0.7", "uprobe/")]
        [InlineData("kprobe", "0.5", "kprobe/do_unlinkat")]
        [InlineData("kretprobe", "0.1", "kretprobe/do_unlinkat")]
        [InlineData("fentry", "0.7", "fentry/do_unlinkat")]
        [InlineData("lsm.s", "0.2", "lsm.s/do_unlinkat")]
        public void A_built_in_slash_entry_missed_by_its_slash_is_written_as_libbpf_needs_it(string name, string version, string expected)
        {
            SectionSuggestion first = SuggestFor(name, version)[0];
            Assert.Equal(expected, first.Name);
            Assert.Equal(SuggestionReason.MissingSlash, first.Reason);
        }

        [Fact]
        public void Xdp_devmap_under_0_5_means_xdp_devmap_slash_before_the_plain_xdp_prefix_match()
        {
            Assert.Equal(new[] { "xdp_devmap/", "xdp" }, SuggestFor("xdp_devmap", "0.5").Select(s => s.Name));
            Assert.Equal("xdp/devmap", SuggestFor("xdp_devmap", "0.7")[0].Name);
        }

        [Theory]
        [InlineData("tp", "0.5", "tp/CATEGORY/NAME")]
        [InlineData("raw_tp", "0.7", "raw_tp/TRACEPOINT")]
        [InlineData("iter", "0.7", "iter/TARGET")]
        public void Tracepoints_and_iterators_get_no_guessed_target(string name, string version, string shape)
        {
            Assert.DoesNotContain(SuggestFor(name, version), s => s.Reason == SuggestionReason.MissingSlash);
            Assert.Equal(shape, SectionSuggester.FindMissedSlash(name, new LibbpfSetup(LibbpfVersion.Parse(version)))!.Shape);
        }

        [Theory]
        [InlineData("do-unlinkat")]
        [InlineData(null)]
        public void A_target_is_guessed_only_from_a_program_name_that_is_a_C_identifier(string? program)
        {
            Assert.DoesNotContain(SuggestFor("kprobe", "0.5", program), s => s.Reason == SuggestionReason.MissingSlash);
            Assert.Equal("kprobe/FUNCTION", SectionSuggester.FindMissedSlash("kprobe", new LibbpfSetup(LibbpfVersion.Parse("0.5")))!.Shape);
        }

        [Fact]
        public void A_type_run_into_its_target_gets_the_slash_back()
        {
            Assert.Contains("kprobe/do_sys_open", SuggestFor("kprobedo_sys_open", "0.5").Select(s => s.Name));
            Assert.Contains("sk_lookup/x", SuggestFor("sk_lookupx", "0.5").Select(s => s.Name));
        }

        [Fact]
        public void From_0_8_bare_kprobe_loads_and_nothing_is_missed()
        {
            Assert.Null(SectionSuggester.FindMissedSlash("kprobe", new LibbpfSetup(LibbpfVersion.V0_8)));
            Assert.Empty(SuggestFor("kprobe", "0.8"));
        }

        /// <summary>
        /// Every release's 'type/' entries that have no bare or 'type+' form (diffing the tables: kprobe/ ...
        /// iter/ up to 0.7, sk_lookup/ up to 0.5, xdp_devmap/ and xdp_cpumap/ up to 0.8): the bare type is
        /// a missed slash, and the first suggestion, where there is one, resolves to that very entry.
        /// </summary>
        [Fact]
        public void Every_slash_only_entry_of_every_release_is_found_and_its_fix_resolves_to_it()
        {
            int checkedEntries = 0;
            foreach (LibbpfVersion v in SectionTable.Releases)
            {
                var target = new LibbpfSetup(v);
                foreach (SectionEntry e in SectionTable.For(v))
                {
                    if (e.Match != SectionMatch.Slash || SectionResolver.ResolveProgram(e.Type, target).IsMatch && !SectionResolver.ResolveProgram(e.Type, target).IsLegacyPrefix)
                    {
                        continue;
                    }

                    MissedSlash? missed = SectionSuggester.FindMissedSlash(e.Type, target);
                    if ((e.Flags & SectionFlags.Deprecated) != 0 && SectionResolver.RenameOf(e, target) is not null)
                    {
                        Assert.Null(missed);
                        continue;
                    }

                    Assert.True(missed is not null, $"{e.Type} under {v}");
                    Assert.Same(e, missed!.Entry);
                    SectionSuggestion[] suggestions = SectionSuggester.Suggest(e.Type, target, null, 3, "do_unlinkat").ToArray();
                    if (missed.Needs is SlashTarget.Tracepoint or SlashTarget.RawTracepoint || e.Type.StartsWith("iter", System.StringComparison.Ordinal))
                    {
                        Assert.DoesNotContain(suggestions, s => s.Reason == SuggestionReason.MissingSlash);
                        continue;
                    }

                    Assert.Equal(SuggestionReason.MissingSlash, suggestions[0].Reason);
                    Assert.Same(e, SectionResolver.ResolveProgram(suggestions[0].Name, target).Entry);
                    checkedEntries++;
                }
            }

            Assert.True(checkedEntries > 100, checkedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static SectionEntry[] Custom(string section)
        {
            Assert.True(SectionEntry.TryCreateCustom(section, null, out SectionEntry? entry));
            return new[] { entry! };
        }
    }
}
