using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Completion;
using Xunit;

namespace BpfAnalyzers.Completion.Tests
{
    /// <summary>What an editor offers inside <c>[BpfSection("|")]</c>, and nowhere else.</summary>
    public class SectionNameCompletionTests
    {
        private static string Programs(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Program(int ctx) => 0;
            }
            """;

        private static string Globals(string attribute, string member = "static int Global;") => $$"""
            using DotnetEbpf.Core;

            static class Globals
            {
                {{attribute}}
                {{member}}
            }
            """;

        private static List<string> Names(IReadOnlyList<CompletionItem> items) => items.Select(i => i.DisplayText).ToList();

        [Fact]
        public async Task On_a_method_the_program_sections_of_the_newest_release_are_offered()
        {
            List<string> names = Names(await CompletionHost.Create().ItemsAsync(Programs("[BpfSection(\"$$\")]")));

            Assert.Contains("xdp", names);
            Assert.Contains("kprobe/", names);
            Assert.Contains("tp/", names);
            Assert.Contains("usdt/", names);
            Assert.Contains("tcx/ingress", names);
            Assert.Contains("cgroup/sock", names);
            Assert.Contains("fsession/", names);
            Assert.Contains("struct_ops", names);
            // Data sections belong on fields.
            Assert.DoesNotContain(".maps", names);
            Assert.Equal(names.Count, names.Distinct().Count());
        }

        [Fact]
        public async Task Legacy_and_deprecated_names_are_not_offered()
        {
            List<string> latest = Names(await CompletionHost.Create().ItemsAsync(Programs("[BpfSection(\"$$\")]")));
            // libbpf 1.3: "deprecated / legacy, use tcx".
            Assert.DoesNotContain("tc", latest);
            Assert.DoesNotContain("classifier", latest);
            Assert.DoesNotContain("action", latest);

            // libbpf 0.8 flags xdp_devmap/, xdp_cpumap/ and classifier SEC_DEPRECATED.
            List<string> v08 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "0.8").ItemsAsync(Programs("[BpfSection(\"$$\")]")));
            Assert.DoesNotContain("xdp_devmap/", v08);
            Assert.DoesNotContain("classifier", v08);
            Assert.Contains("xdp/devmap", v08);
            Assert.Contains("tc", v08);
        }

        [Fact]
        public async Task The_target_release_comes_from_the_BpfLibbpfVersion_property()
        {
            List<string> v12 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "1.2").ItemsAsync(Programs("[BpfSection(\"$$\")]")));

            // tcx arrived in 1.3, kprobe.session in 1.5; tc is not yet legacy in 1.2.
            Assert.Contains("tc", v12);
            Assert.DoesNotContain("tcx/ingress", v12);
            Assert.DoesNotContain("kprobe.session/", v12);
            Assert.Contains("kprobe.multi/", v12);
        }

        [Fact]
        public async Task The_editorconfig_key_wins_over_the_property()
        {
            List<string> names = Names(await CompletionHost.Create()
                .Property("BpfLibbpfVersion", "1.7")
                .EditorConfig("bpf_libbpf_version = 0.1")
                .ItemsAsync(Programs("[BpfSection(\"$$\")]")));

            // libbpf 0.1: kprobe/ is a slash entry, xdp_devmap/ is current, there is no kprobe.multi.
            Assert.Contains("kprobe/", names);
            Assert.Contains("xdp_devmap/", names);
            Assert.DoesNotContain("kprobe.multi/", names);
            Assert.DoesNotContain("xdp/devmap", names);
        }

        [Fact]
        public async Task An_unknown_release_falls_back_to_the_newest_as_the_analyzer_does()
        {
            List<string> names = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "one point one").ItemsAsync(Programs("[BpfSection(\"$$\")]")));

            Assert.Contains("fsession/", names);
        }

        [Fact]
        public async Task A_release_past_the_newest_table_completes_the_names_of_libbpf_main_as_the_analyzer_checks_them()
        {
            List<string> v18 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "1.8").ItemsAsync(Programs("[BpfSection(\"$$\")]")));
            List<string> v17 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "1.7").ItemsAsync(Programs("[BpfSection(\"$$\")]")));

            Assert.Contains("fentry.multi/", v18);
            Assert.DoesNotContain("fentry.multi/", v17);
        }

        [Theory]
        [InlineData("0.1", "false")]
        [InlineData("0.2", "false")]
        [InlineData("0.3", "false")]
        [InlineData("0.4", "false")]
        [InlineData("0.5", "false")]
        [InlineData("0.6", "false")]
        [InlineData("0.6", "true")]
        [InlineData("0.7", "false")]
        [InlineData("0.7", "true")]
        [InlineData("0.8", "false")]
        [InlineData("0.8", "true")]
        [InlineData("1.0", "false")]
        [InlineData("1.1", "false")]
        [InlineData("1.2", "false")]
        [InlineData("1.3", "false")]
        [InlineData("1.4", "false")]
        [InlineData("1.5", "false")]
        [InlineData("1.6", "false")]
        [InlineData("1.7", "false")]
        public async Task Every_release_offers_its_own_program_and_data_names_once_each_described(string version, string strict)
        {
            CompletionHost host = CompletionHost.Create().Property("BpfLibbpfVersion", version).Property("BpfStrictSectionNames", strict);

            foreach (string markup in new[] { Programs("[BpfSection(\"$$\")]"), Globals("[BpfSection(\"$$\")]") })
            {
                IReadOnlyList<(string Name, string Description)> items = await host.DescribedItemsAsync(markup);
                Assert.True(items.Count >= 8, $"{items.Count} items for libbpf {version}");
                Assert.Equal(items.Count, items.Select(i => i.Name).Distinct().Count());
                Assert.All(items, i => Assert.EndsWith("libbpf " + version, i.Description));
            }
        }

        [Fact]
        public async Task Items_describe_program_type_attach_type_and_what_goes_after_the_slash()
        {
            CompletionHost host = CompletionHost.Create();
            string markup = Programs("[BpfSection(\"$$\")]");

            string kprobe = await host.DescriptionAsync(markup, "kprobe/");
            Assert.Contains("kprobe/FUNC[+OFFSET]", kprobe);
            Assert.Contains("program type: kprobe, attach type: none", kprobe);
            Assert.Contains("libbpf 1.7", kprobe);

            Assert.Contains("uprobe/PATH:FUNC[+OFFSET]", await host.DescriptionAsync(markup, "uprobe/"));
            Assert.Contains("usdt/PATH:PROVIDER:NAME", await host.DescriptionAsync(markup, "usdt/"));
            Assert.Contains("tp/CATEGORY/NAME", await host.DescriptionAsync(markup, "tp/"));

            string fentry = await host.DescriptionAsync(markup, "fentry/");
            Assert.Contains("a kernel function in BTF", fentry);
            Assert.Contains("program type: tracing, attach type: trace_fentry", fentry);

            // Sleepable variants take their base type's target.
            string sleepable = await host.DescriptionAsync(markup, "uprobe.s/");
            Assert.StartsWith("uprobe.s/PATH:FUNC[+OFFSET]\nsleepable;", sleepable);
            Assert.StartsWith("struct_ops.s[/MEMBER]", await host.DescriptionAsync(markup, "struct_ops.s"));

            Assert.Contains("program type: xdp, attach type: xdp", await host.DescriptionAsync(markup, "xdp"));
            Assert.Contains("program type: sched_cls, attach type: tcx_ingress", await host.DescriptionAsync(markup, "tcx/ingress"));
        }

        [Fact]
        public async Task The_list_shows_each_program_type_beside_its_name()
        {
            IReadOnlyList<CompletionItem> items = await CompletionHost.Create().ItemsAsync(Programs("[BpfSection(\"$$\")]"));

            Assert.Equal("kprobe", items.Single(i => i.DisplayText == "kprobe/").InlineDescription);
            Assert.Equal("xdp", items.Single(i => i.DisplayText == "xdp").InlineDescription);
            Assert.Equal("tracing", items.Single(i => i.DisplayText == "fentry/").InlineDescription);
        }

        [Fact]
        public async Task What_is_typed_before_the_caret_filters_the_names()
        {
            List<string> names = Names(await CompletionHost.Create().ItemsAsync(Programs("[BpfSection(\"kp$$\")]")));

            Assert.Equal(new[] { "kprobe.multi/", "kprobe.session/", "kprobe/" }, names.OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task After_a_type_with_a_free_target_nothing_is_invented()
        {
            await CompletionHost.Create().AssertNothingOfferedAsync(Programs("[BpfSection(\"kprobe/$$\")]"));
            await CompletionHost.Create().AssertNothingOfferedAsync(Programs("[BpfSection(\"uprobe//usr/lib/libc.so.6:mal$$\")]"));
            await CompletionHost.Create().AssertNothingOfferedAsync(Programs("[BpfSection(\"tp/sched/$$\")]"));
        }

        [Fact]
        public async Task After_a_slash_that_is_part_of_exact_names_those_names_are_offered()
        {
            List<string> names = Names(await CompletionHost.Create().ItemsAsync(Programs("[BpfSection(\"tcx/$$\")]")));

            Assert.Equal(new[] { "tcx/egress", "tcx/ingress" }, names.OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task Committing_an_item_writes_it_between_the_quotes()
        {
            CompletionHost host = CompletionHost.Create();

            Assert.Equal(Programs("[BpfSection(\"kprobe/$$\")]"), await host.CommitAsync(Programs("[BpfSection(\"kp$$\")]"), "kprobe/"));
            Assert.Equal(Programs("[BpfSection(\"xdp$$\")]"), await host.CommitAsync(Programs("[BpfSection(\"$$\")]"), "xdp"));
            Assert.Equal(Programs("[BpfSection(@\"tcx/ingress$$\")]"), await host.CommitAsync(Programs("[BpfSection(@\"tcx/i$$\")]"), "tcx/ingress"));
            Assert.Equal(Programs("[BpfSection(\"\"\"cgroup/sock$$\"\"\")]"), await host.CommitAsync(Programs("[BpfSection(\"\"\"cgroup/so$$\"\"\")]"), "cgroup/sock"));
        }

        [Fact]
        public async Task A_leading_question_mark_is_kept_from_libbpf_0_8()
        {
            CompletionHost host = CompletionHost.Create();

            Assert.Equal(Programs("[BpfSection(\"?xdp$$\")]"), await host.CommitAsync(Programs("[BpfSection(\"?xd$$\")]"), "?xdp"));
            await CompletionHost.Create().Property("BpfLibbpfVersion", "0.7").AssertNothingOfferedAsync(Programs("[BpfSection(\"?xd$$\")]"));
        }

        [Theory]
        [InlineData("[BpfSection(@\"$$\")]")]
        [InlineData("[BpfSection(\"\"\"x$$\"\"\")]")] // an empty raw literal cannot be written: six quotes open a longer one
        [InlineData("[BpfSection(name: \"$$\")]")]
        [InlineData("[BpfSection(AttachTargetSetInCode = true, name: \"$$\")]")]
        [InlineData("[BpfAnalyzers.BpfSectionAttribute(\"$$\")]")]
        [InlineData("[BpfSection(\"$$")]
        public async Task Verbatim_raw_named_qualified_and_unterminated_literals_are_completed(string attribute)
        {
            List<string> names = Names(await CompletionHost.Create().ItemsAsync(Programs(attribute)));

            Assert.Contains("xdp", names);
        }

        [Fact]
        public async Task On_a_field_or_property_the_data_sections_are_offered()
        {
            List<string> field = Names(await CompletionHost.Create().ItemsAsync(Globals("[BpfSection(\"$$\")]")));

            Assert.Contains(".maps", field);
            Assert.Contains("license", field);
            Assert.Contains(".rodata", field);
            Assert.Contains(".data.", field);
            Assert.Contains(".bss.", field);
            Assert.DoesNotContain("maps", field);
            Assert.DoesNotContain("xdp", field);
            Assert.DoesNotContain(".kconfig", field);

            List<string> property = Names(await CompletionHost.Create().ItemsAsync(Globals("[BpfSection(\".r$$\")]", "static int Limit { get; } = 1;")));
            Assert.Equal(new[] { ".rodata", ".rodata." }, property.OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task Data_sections_follow_the_target_release()
        {
            List<string> v05 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "0.5").ItemsAsync(Globals("[BpfSection(\"$$\")]")));
            List<string> v10 = Names(await CompletionHost.Create().Property("BpfLibbpfVersion", "1.0").ItemsAsync(Globals("[BpfSection(\"$$\")]")));

            // .data.NAME arrived in 0.6 and .bss.NAME in 1.1; legacy 'maps' is refused from 1.0.
            Assert.DoesNotContain(".data.", v05);
            Assert.Contains("maps", v05);
            Assert.Contains(".data.", v10);
            Assert.DoesNotContain(".bss.", v10);
            Assert.DoesNotContain("maps", v10);
        }

        [Fact]
        public async Task Data_items_commit_between_the_quotes()
        {
            Assert.Equal(
                Globals("[BpfSection(\"license$$\")]", "static string License = \"GPL\";"),
                await CompletionHost.Create().CommitAsync(Globals("[BpfSection(\"li$$\")]", "static string License = \"GPL\";"), "license"));
        }

        [Fact]
        public async Task Custom_sections_of_the_project_are_offered()
        {
            CompletionHost host = CompletionHost.Create().Source("Custom.cs", "[assembly: BpfAnalyzers.BpfCustomSection(\"user+\", ProgType = \"kprobe\")]");
            List<string> names = Names(await host.ItemsAsync(Programs("[BpfSection(\"us$$\")]")));

            Assert.Equal(new[] { "user", "user/", "usdt/", "usdt.s/" }.OrderBy(n => n, System.StringComparer.Ordinal), names.OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.Contains("program type: kprobe", await host.DescriptionAsync(Programs("[BpfSection(\"us$$\")]"), "user/"));
            await CompletionHost.Create().Source("Custom.cs", "[assembly: BpfAnalyzers.BpfCustomSection(\"user+\")]").AssertNothingOfferedAsync(Programs("[BpfSection(\"user/$$\")]"));
        }

        [Fact]
        public async Task Custom_sections_are_not_offered_before_libbpf_0_8_which_cannot_register_them()
        {
            List<string> names = Names(await CompletionHost.Create()
                .Source("Custom.cs", "[assembly: BpfAnalyzers.BpfCustomSection(\"user+\")]")
                .Property("BpfLibbpfVersion", "0.7")
                .ItemsAsync(Programs("[BpfSection(\"u$$\")]")));

            Assert.Equal(new[] { "uprobe/", "uretprobe/" }, names.OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task A_const_field_used_as_the_section_of_a_method_gets_program_names()
        {
            string source = """
                using BpfAnalyzers;

                static class Programs
                {
                    const string Section = "xd$$";

                    [BpfSection(Section)]
                    static int Program(int ctx) => 0;
                }
                """;

            Assert.Equal(new[] { "xdp", "xdp.frags", "xdp.frags/cpumap", "xdp.frags/devmap", "xdp/cpumap", "xdp/devmap" }, Names(await CompletionHost.Create().ItemsAsync(source)).OrderBy(n => n, System.StringComparer.Ordinal));
        }

        [Fact]
        public async Task A_const_field_used_as_the_section_of_a_field_gets_data_names()
        {
            string source = """
                using DotnetEbpf.Core;

                static class Names
                {
                    public const string Maps = ".ma$$";
                }

                static class Globals
                {
                    [BpfSection(Names.Maps)]
                    static int Events;
                }
                """;

            Assert.Equal(new[] { ".maps" }, Names(await CompletionHost.Create().ItemsAsync(source)));
        }

        [Theory]
        [InlineData("[System.Obsolete(\"$$\")]\n    static int Program(int ctx) => 0;")]
        [InlineData("[BpfSection(\"xdp\")]\n    static int Program(int ctx) { string s = \"$$\"; return 0; }")]
        [InlineData("// [BpfSection(\"$$\")]\n    static int Program(int ctx) => 0;")]
        [InlineData("/// <summary>[BpfSection(\"$$\")]</summary>\n    static int Program(int ctx) => 0;")]
        [InlineData("[BpfSection($$\"xdp\")]\n    static int Program(int ctx) => 0;")]
        [InlineData("[BpfSection(\"xdp\"$$)]\n    static int Program(int ctx) => 0;")]
        [InlineData("const string Unused = \"$$\";")]
        [InlineData("[BpfSection(\"xdp\" + \"$$\")]\n    static int Program(int ctx) => 0;")]
        [InlineData("[BpfSection($\"$$\")]\n    static int Program(int ctx) => 0;")]
        public async Task Nothing_is_offered_outside_a_section_name(string member)
        {
            string source = "using BpfAnalyzers;\n\nstatic class Programs\n{\n    " + member + "\n}\n";

            await CompletionHost.Create().AssertNothingOfferedAsync(source);
        }

        [Fact]
        public async Task Nothing_is_offered_in_an_attribute_that_only_shares_the_name()
        {
            string source = """
                namespace Other
                {
                    class BpfSectionAttribute : System.Attribute
                    {
                        public BpfSectionAttribute(int id) { }
                        public string? Name { get; set; }
                    }

                    static class Programs
                    {
                        [BpfSection(1, Name = "$$")]
                        static int Program(int ctx) => 0;
                    }
                }
                """;

            await CompletionHost.Create().AssertNothingOfferedAsync(source);
        }

        [Fact]
        public async Task Nothing_is_offered_on_a_class_or_a_parameter()
        {
            await CompletionHost.Create().AssertNothingOfferedAsync(Globals("[BpfSection(\"$$\")]", "static class Nested { }"));
            await CompletionHost.Create().AssertNothingOfferedAsync("using DotnetEbpf.Core;\nstatic class P\n{\n    static int M([BpfSection(\"$$\")] int x) => 0;\n}\n");
        }
    }
}
