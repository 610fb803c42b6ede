using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// The one check engine (issue 15): what it returns for a name, before and after a loader's waivers. The analyzer and the
    /// CLI report exactly this; their own tests (and the CLI's agreement test) check that they do.
    /// </summary>
    public class SectionCheckerTests
    {
        private static LibbpfSetup Target(string version) => new(LibbpfVersion.Parse(version));

        [Fact]
        public void A_misread_attach_target_points_at_the_part_libbpf_drops()
        {
            ProgramFindings found = new SectionChecker().CheckProgram("kprobe/foo-bar", Target("1.7"), "handler");

            Assert.Null(found.Name);
            Finding f = Assert.IsType<Finding>(found.AttachTarget);
            Assert.Equal("BPF0013", f.Id);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal("-bar", "kprobe/foo-bar".Substring(f.Start, f.Length));
            Assert.True(f.IsWaivedBy(LoaderWaiver.AttachesInCode));
            Assert.Equal(new[] { f }, found.After(LoaderWaiver.None));
            Assert.Empty(found.After(LoaderWaiver.AttachesInCode));
        }

        [Fact]
        public void An_unknown_name_is_about_the_whole_name_and_waived_only_by_setting_the_type()
        {
            ProgramFindings found = new SectionChecker().CheckProgram("encap_gre", Target("1.1"), "handler");

            Finding f = Assert.IsType<Finding>(found.Name);
            Assert.Equal("BPF0001", f.Id);
            Assert.True(f.IsWholeName);
            Assert.Equal(LoaderWaiver.SetsType, found.Waivable);
            Assert.Single(found.After(LoaderWaiver.AttachesInCode | LoaderWaiver.SetsAttachTarget));
            Assert.Empty(found.After(LoaderWaiver.SetsType));
        }

        [Fact]
        public void The_message_is_the_rules_format_filled_with_the_arguments()
        {
            Finding f = new SectionChecker().CheckProgram("xdpblah", Target("0.8"), "handler").Name!;

            Assert.Equal("BPF0002", f.Id);
            Assert.Equal(string.Format(Rules.LegacyPrefixSection.MessageFormat, f.Arguments), f.Message);
            Assert.StartsWith("Section 'xdpblah' loads under libbpf 0.8 only because legacy prefix matching reads it as 'xdp'", f.Message);
            Assert.Equal("xdp", f.Fixes[0]);
        }

        [Fact]
        public void A_repeated_name_is_checked_once_but_names_each_program()
        {
            var checker = new SectionChecker();
            Finding first = checker.CheckProgram("xdpblah", Target("1.1"), "first").Name!;
            Finding second = checker.CheckProgram("xdpblah", Target("1.1"), "second").Name!;

            Assert.Contains("prog 'first'", first.Message);
            Assert.Contains("prog 'second'", second.Message);
            Assert.Same(first.Fixes, second.Fixes);
        }

        [Fact]
        public void A_clean_name_is_remembered_as_clean()
        {
            var checker = new SectionChecker();
            Assert.False(checker.IsKnownClean("xdp", Target("1.7")));

            Assert.True(checker.CheckProgram("xdp", Target("1.7"), "p").IsEmpty);
            Assert.True(checker.IsKnownClean("xdp", Target("1.7")));
            Assert.False(checker.IsKnownClean("xdp", Target("0.5")));
        }

        [Fact]
        public void A_name_whose_finding_a_loader_waives_is_not_clean()
        {
            var checker = new SectionChecker();
            Assert.Empty(checker.CheckProgram("encap_gre", Target("1.7"), "typed").After(LoaderWaiver.SetsType));

            Assert.False(checker.IsKnownClean("encap_gre", Target("1.7")));
            Assert.Single(checker.CheckProgram("encap_gre", Target("1.7"), "untyped").After(LoaderWaiver.None));
        }

        [Fact]
        public void A_legacy_prefix_finding_goes_when_the_loader_sets_the_type()
        {
            // 'xdpblah' read as 'xdp' by legacy prefix matching under 0.5 is only about the type: set in code, it goes.
            ProgramFindings found = new SectionChecker().CheckProgram("xdpblah", Target("0.5"), "p");
            Assert.Equal("BPF0002", found.Name!.Id);
            Assert.DoesNotContain(found.After(LoaderWaiver.SetsType), f => f.Id == "BPF0002");
        }

        [Fact]
        public void Custom_sections_are_tried_first()
        {
            Assert.True(SectionEntry.TryCreateCustom("encap+", null, out SectionEntry? custom));
            var checker = new SectionChecker(new[] { custom! });

            Assert.True(checker.CheckProgram("encap/gre", Target("1.7"), "p").IsEmpty);
            Assert.Equal("BPF0001", new SectionChecker().CheckProgram("encap/gre", Target("1.7"), "p").Name!.Id);
        }

        [Theory]
        [InlineData("bad name", "1.7", "is not a section libbpf could register")]
        [InlineData("encap+", "0.7", "needs libbpf 0.8")]
        public void A_custom_section_libbpf_cannot_register_is_BPF0011(string section, string version, string why)
        {
            Finding f = SectionChecker.CheckCustomSection(section, Target(version))!;
            Assert.Equal("BPF0011", f.Id);
            Assert.Contains(why, f.Message);
            Assert.Null(SectionChecker.CheckCustomSection("encap+", Target("1.7")));
        }

        [Fact]
        public void A_misspelt_data_section_a_program_uses_is_BPF0019_with_the_data_sections_as_fixes()
        {
            DataFindings found = new SectionChecker().CheckData(".rodat", Target("1.1"), new DataMember("limit", readOnly: true, reader: () => "handle"));

            Finding f = found.Finding!;
            Assert.Equal("BPF0019", f.Id);
            Assert.Equal(".rodata", f.Fixes[0]);
            Assert.Contains("'limit'", f.Message);
            Assert.Contains("prog 'handle': bad map relo", f.Message);
        }

        [Fact]
        public void Every_kind_of_attach_target_problem_has_a_rule_of_its_own()
        {
            var rules = System.Enum.GetValues<AttachTargetProblem>().Select(AttachTargetFindings.RuleOf).ToList();
            Assert.Equal(rules.Count, rules.Distinct().Count());
        }

        [Fact]
        public void Every_data_section_the_engine_knows_is_a_data_section_to_BPF0007_in_every_release()
        {
            foreach (DataSectionEntry e in DataSections.All)
            {
                string name = e.Match == DataSectionMatch.Prefix ? e.Name + "x" : e.Name;
                foreach (LibbpfVersion v in SectionTable.Releases)
                {
                    Finding? f = new SectionChecker().CheckProgram(name, new LibbpfSetup(v), "p").Name;
                    Assert.True(f?.Id == "BPF0007", $"{name} under {v}: {f}");
                }
            }
        }

        [Theory]
        [InlineData(".rodat", "BPF0019")]
        [InlineData(".xdp_run_config", "BPF0019")]
        [InlineData("xdp", "BPF0020")]
        public void A_skipped_section_no_program_uses_is_BPF0024_a_warning_with_the_same_fixes(string name, string whenUsed)
        {
            var checker = new SectionChecker();
            Finding unused = checker.CheckData(name, Target("1.1"), new DataMember("v", reader: () => null)).Finding!;
            Finding used = checker.CheckData(name, Target("1.1"), new DataMember("v", reader: () => "p")).Finding!;

            Assert.Equal(("BPF0024", FindingSeverity.Warning), (unused.Id, unused.Severity));
            Assert.Equal((whenUsed, FindingSeverity.Error), (used.Id, used.Severity));
            Assert.Equal(used.Fixes, unused.Fixes);
        }

        [Fact]
        public void A_version_global_of_the_wrong_size_does_not_fit()
        {
            var member = new DataMember("kversion", shape: DataMemberShape.Scalar, byteSize: 8, typeName: "ulong");
            Finding f = new SectionChecker().CheckData("version", Target("1.1"), member).Finding!;

            Assert.Equal("BPF0021", f.Id);
            Assert.Empty(f.Fixes);
        }

        [Fact]
        public void A_license_global_leaves_its_uses_to_check()
        {
            var member = new DataMember("LICENSE", shape: DataMemberShape.Sequence, typeName: "byte[]");
            DataFindings found = new SectionChecker().CheckData("license", Target("1.1"), member);

            Assert.Null(found.Finding);
            DataSectionEntry entry = Assert.IsType<DataSectionEntry>(found.UsesFail);
            Finding use = SectionChecker.UseOfUnmappedGlobal(entry, "LICENSE", "handler", Target("1.1"))!;
            Assert.Equal("BPF0021", use.Id);
            Assert.Contains("a program cannot use 'LICENSE'", use.Message);
        }

        [Theory]
        [InlineData("1.7")]
        [InlineData("1.1")]
        public void A_sleepable_type_only_main_has_is_fixed_to_its_plain_form(string version)
        {
            Finding f = new SectionChecker().CheckProgram("tp.s/sched/sched_switch", Target(version), "p").Name!;

            Assert.Equal("BPF0005", f.Id);
            Assert.Equal("tp/sched/sched_switch", f.Fixes[0]);
        }

        // A fix is offered to be applied: one that names what no kernel can have ('tp/s/sched/x', BPF0022; 'fentry/a.b',
        // BPF0016) would trade a finding for an error.
        [Fact]
        public void No_fix_names_an_attach_target_no_kernel_can_have()
        {
            var checker = new SectionChecker();
            var offered = 0;
            foreach (string version in new[] { "0.8", "1.1", "1.7", "main" })
            {
                LibbpfSetup libbpf = Target(version);
                foreach (string type in SectionTable.For(libbpf.Version).Select(e => e.Type).Distinct())
                {
                    foreach (string name in new[] { type + ".s/sched/sched_switch", type + "s/sched/sched_switch", type + ".x/a.b", type + "_/do_sys_open" })
                    {
                        foreach (Finding f in checker.CheckProgram(name, libbpf, "p").After(LoaderWaiver.None))
                        {
                            foreach (string fix in f.Fixes)
                            {
                                offered++;
                                Finding? after = new SectionChecker().CheckProgram(fix, libbpf, "p").AttachTarget;
                                Assert.False(after is { Id: "BPF0016" or "BPF0022" }, $"{name} ({version}) offers {fix}: {after}");
                            }
                        }
                    }
                }
            }

            Assert.True(offered > 500, $"only {offered} fixes offered");
        }

        // Applying a fix must never make things worse: a warning's fix that is an error ('fentry/' fixed to 'fentry', which
        // needs a BTF target) would turn a working build red under warnings-as-errors.
        [Fact]
        public void No_fix_is_worse_than_the_finding_it_fixes()
        {
            var worse = new List<string>();
            var offered = 0;
            foreach (string version in new[] { "0.5", "0.8", "1.0", "1.1", "1.7", "main" })
            {
                LibbpfSetup libbpf = Target(version);
                var checker = new SectionChecker();
                foreach (SectionEntry e in SectionTable.For(libbpf.Version))
                {
                    string t = e.Type;
                    string[] names =
                    {
                        e.Section, t, t + "/", t + "/foo", t + "/foo-bar", t + "blah", t + "/a/b", t.ToUpperInvariant(), t + " ", t + "s",
                        t + "_", "?" + t, t + "/foo+0x10", t + "/x:y", t + "/x:y:z", t + ".s", t + ".s/foo",
                    };
                    foreach (string name in names)
                    {
                        foreach (Finding f in checker.CheckProgram(name, libbpf, "p").After(LoaderWaiver.None))
                        {
                            foreach (string fix in f.Fixes)
                            {
                                offered++;
                                IReadOnlyList<Finding> after = checker.CheckProgram(fix, libbpf, "p").After(LoaderWaiver.None);
                                if (after.Any(a => a.Severity > f.Severity))
                                {
                                    worse.Add($"{version}: '{name}' {f.Id} fixed to '{fix}': " + string.Join(", ", after.Select(a => a.Id)));
                                }
                            }
                        }
                    }
                }
            }

            Assert.True(offered > 3000, $"only {offered} fixes offered");
            Assert.Empty(worse.Distinct().Take(20));
        }

        [Fact]
        public void Every_rule_is_in_the_catalog_once_in_identifier_order()
        {
            List<string> ids = Rules.All.Select(r => r.Id).ToList();
            List<string> declared = typeof(Rules).GetFields().Where(f => f.FieldType == typeof(Rule)).Select(f => ((Rule)f.GetValue(null)!).Id).OrderBy(i => i, System.StringComparer.Ordinal).ToList();

            Assert.Equal(declared, ids);
            Assert.All(Rules.All, r => Assert.EndsWith("/docs/rules/" + r.Id + ".md", r.HelpLink));
        }
    }
}
