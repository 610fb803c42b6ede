using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// A rule is done when its descriptor, release-tracking entry, doc page and README row all exist and
    /// agree. These tests fail when any of them drifts.
    /// </summary>
    public class RulesCatalogTests
    {
        private static readonly string Root = FindRoot();

        private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() =>
            Descriptors.All.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

        [Fact]
        public void Every_descriptor_is_reported_by_some_analyzer_and_vice_versa()
        {
            var supported = typeof(SectionNameAnalyzer).Assembly.GetTypes()
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
                .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
                .Select(d => d.Id)
                .Distinct()
                .OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(AllDescriptors().Select(d => d.Id), supported);
        }

        [Fact]
        public void Ids_are_unique_and_numbered_without_gaps()
        {
            var ids = AllDescriptors().Select(d => d.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"BPF{i:D4}"), ids);
        }

        [Fact]
        public void Every_rule_has_a_test_home_in_Rules_that_tests_it()
        {
            string folder = Path.Combine(Root, "tests", "BpfAnalyzers.Tests", "Rules");
            foreach (Rule rule in Rules.All)
            {
                string field = typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static).Single(f => f.GetValue(null) == rule).Name;
                string[] homes = Directory.GetFiles(folder, rule.Id + "*Tests.cs");
                Assert.True(homes.Length > 0, $"{rule.Id} has no tests/BpfAnalyzers.Tests/Rules/{rule.Id}*Tests.cs");
                Assert.True(
                    homes.Any(h => File.ReadAllText(h) is string text &&
                                   Regex.IsMatch(text, @"\[(Fact|Theory)\b") &&
                                   Regex.IsMatch(text, $@"Rules\.{field}\b|""{rule.Id}""|\{{\|{rule.Id}:")),
                    $"{rule.Id}'s test home ({string.Join(", ", homes.Select(Path.GetFileName))}) has no test that expects it");
            }

            foreach (string file in Directory.GetFiles(folder, "*.cs"))
            {
                Assert.Matches(@"^BPF\d{4}\w+Tests\.cs$", Path.GetFileName(file));
            }
        }

        [Fact]
        public void Every_rule_is_in_Rules_All_once_in_identifier_order()
        {
            var declared = typeof(Rules).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(Rule))
                .Select(f => ((Rule)f.GetValue(null)!).Id)
                .OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(declared, Rules.All.Select(r => r.Id));
        }

        [Fact]
        public void Each_doc_page_header_says_the_rules_category_severity_fix_and_waivers()
        {
            foreach (Rule rule in Rules.All)
            {
                string page = File.ReadAllText(Path.Combine(Root, "docs", "rules", rule.Id + ".md"));
                Assert.Contains($"| Category | {rule.Category} |", page, StringComparison.Ordinal);
                Assert.Contains($"| Severity | {rule.Severity} |", page, StringComparison.Ordinal);
                Match fix = Regex.Match(page, @"^\| Code fix \| (Yes|No)\b", RegexOptions.Multiline);
                Assert.True(fix.Success, $"docs/rules/{rule.Id}.md has no '| Code fix | Yes/No' row");
                Assert.True((fix.Groups[1].Value == "Yes") == (rule.Fixes != RuleFixes.None), $"docs/rules/{rule.Id}.md says Code fix {fix.Groups[1].Value}, the rule offers {rule.Fixes}");
                string waivers = rule.WaivedBy == LoaderWaiver.None
                    ? "nothing in the loader"
                    : string.Join(", ", Enum.GetValues<LoaderWaiver>().Where(w => w != LoaderWaiver.None && rule.WaivedBy.HasFlag(w)).Select(w => $"`[BpfLoader({w} = true)]`"));
                Assert.Contains($"| Waived by | {waivers} |", page, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void The_fixers_fix_exactly_the_rules_that_offer_their_fix()
        {
            Assert.Equal(Rules.Fixable(RuleFixes.Rename), new CodeFixes.CanonicalizeSectionFix().FixableDiagnosticIds);
            Assert.Equal(Rules.Fixable(RuleFixes.DeclareCustomSection), new CodeFixes.DeclareCustomSectionFix().FixableDiagnosticIds);
            Assert.Equal(Rules.Fixable(RuleFixes.DeclareAttachTargetInCode), new CodeFixes.DeclareAttachTargetInCodeFix().FixableDiagnosticIds);
            var offered = Rules.All.Where(r => r.Fixes != RuleFixes.None).Select(r => r.Id);
            var fixedByAny = typeof(CodeFixes.CanonicalizeSectionFix).Assembly.GetTypes()
                .Where(t => typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
                .SelectMany(t => ((Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
                .Distinct().OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(offered, fixedByAny);
        }

        [Fact]
        public void Every_help_link_points_to_a_doc_page_that_exists()
        {
            foreach (DiagnosticDescriptor d in AllDescriptors())
            {
                Assert.EndsWith($"/docs/rules/{d.Id}.md", d.HelpLinkUri, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Root, "docs", "rules", d.Id + ".md")), $"docs/rules/{d.Id}.md is missing");
            }
        }

        [Fact]
        public void Doc_pages_exist_for_exactly_the_rules_and_start_with_their_title()
        {
            var pages = Directory.GetFiles(Path.Combine(Root, "docs", "rules"), "*.md")
                .Select(Path.GetFileNameWithoutExtension)
                .OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(AllDescriptors().Select(d => d.Id), pages);
            foreach (DiagnosticDescriptor d in AllDescriptors())
            {
                string first = File.ReadLines(Path.Combine(Root, "docs", "rules", d.Id + ".md")).First();
                Assert.Equal($"# {d.Id}: {d.Title}", first);
            }
        }

        [Fact]
        public void Release_tracking_lists_every_rule_with_its_category_and_severity()
        {
            var tracked = new Dictionary<string, (string Category, string Severity)>();
            foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                foreach (string line in File.ReadLines(Path.Combine(Root, "src", "BpfAnalyzers", file)))
                {
                    Match m = Regex.Match(line, @"^(BPF\d{4})\s*\|\s*(\w+)\s*\|\s*(\w+)\s*\|");
                    if (m.Success)
                    {
                        tracked[m.Groups[1].Value] = (m.Groups[2].Value, m.Groups[3].Value);
                    }
                }
            }

            Assert.Equal(AllDescriptors().Select(d => d.Id), tracked.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (DiagnosticDescriptor d in AllDescriptors())
            {
                Assert.Equal((d.Category, d.DefaultSeverity.ToString()), tracked[d.Id]);
            }
        }

        [Fact]
        public void Readme_rule_table_is_generated_from_the_descriptors()
        {
            string path = Path.Combine(Root, "README.md");
            string readme = File.ReadAllText(path);
            const string begin = "<!-- rules:begin -->\n";
            const string end = "<!-- rules:end -->";
            int start = readme.IndexOf(begin, StringComparison.Ordinal);
            int stop = readme.IndexOf(end, StringComparison.Ordinal);
            Assert.True(start >= 0 && stop > start, "README.md lacks the <!-- rules:begin --> / <!-- rules:end --> markers");

            var table = new StringBuilder("| ID | Severity | Title |\n|----|----------|-------|\n");
            foreach (DiagnosticDescriptor d in AllDescriptors())
            {
                table.Append($"| [{d.Id}](docs/rules/{d.Id}.md) | {d.DefaultSeverity} | {d.Title} |\n");
            }

            string expected = readme.Substring(0, start + begin.Length) + table + readme.Substring(stop);
            if (Environment.GetEnvironmentVariable("BPF_UPDATE_GENERATED") == "1")
            {
                File.WriteAllText(path, expected);
            }

            Assert.True(readme == expected, "The README rule table is stale: run BPF_UPDATE_GENERATED=1 dotnet test tests/BpfAnalyzers.Tests");
        }

        private static string FindRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BpfAnalyzers.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("BpfAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
