using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>
    /// Issue 15: <c>bpf-sections explain</c> reports exactly what the analyzer reports. For each target, a generated corpus
    /// of names (every entry of the release's table, mutated) is compiled once with one program (and one field) per name and
    /// <see cref="SectionNameAnalyzer"/> run over it as a compiler host runs it; each name is also explained by the CLI, in
    /// process, with <c>--json</c> and the same program, member and loader. The two must give the same findings: rule,
    /// severity, message, span inside the name, ranked fixes and custom-section offer.
    /// </summary>
    public class AnalyzerAgreementTests
    {
        // A target is a release, and "strict" for libbpf_set_strict_mode(LIBBPF_STRICT_SEC_NAME) (0.6 to 0.8).
        private static readonly string[] s_targets = { "0.5", "0.7", "0.8 strict", "1.0", "1.1", "1.7", "main" };

        // The analyzer's diagnostic property keys (SectionNameAnalyzer.FixKeys and CustomSectionKey are internal to the
        // analyzer assembly): the code fix reads the same strings.
        private static readonly string[] s_fixKeys = { "Fix0", "Fix1", "Fix2" };
        private const string CustomSectionKey = "CustomSection";

        private static readonly string[] s_memberTypes = { "int", "uint", "long", "byte", "byte[]", "string", "Counters", "RingBufMap", "ulong", "bool" };

        private readonly ITestOutputHelper _output;

        public AnalyzerAgreementTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void The_cli_and_the_analyzer_report_the_same_findings_for_every_name_of_the_corpus()
        {
            var disagreements = new List<string>();
            int programs = 0, members = 0, loaders = 0, findings = 0;
            foreach (string version in s_targets)
            {
                LibbpfVersion v = Parse(version.Split(' ')[0]);
                IReadOnlyList<string> programNames = ProgramNames(v);
                IReadOnlyList<string> dataNames = DataNames(v);
                IReadOnlyList<string> loaderNames = programNames.Where((_, i) => i % 20 == 0).Concat(s_loaderNames).Distinct(StringComparer.Ordinal).ToList();

                var corpus = new List<Declaration>();
                corpus.AddRange(programNames.Select((n, i) => Declaration.Program(n, "p" + i.ToString(CultureInfo.InvariantCulture), LoaderWaiver.None)));
                corpus.AddRange(dataNames.Select((n, i) => Declaration.Member(n, "d" + i.ToString(CultureInfo.InvariantCulture), s_memberTypes[i % s_memberTypes.Length], readOnly: i % 3 == 0)));
                LoaderWaiver[] waivers = { LoaderWaiver.SetsType, LoaderWaiver.AttachesInCode, LoaderWaiver.SetsAttachTarget, LoaderWaiver.SetsType | LoaderWaiver.AttachesInCode | LoaderWaiver.SetsAttachTarget };
                int l = 0;
                foreach (string n in loaderNames)
                {
                    foreach (LoaderWaiver w in waivers)
                    {
                        // On the method, on its class, and AttachTargetSetInCode on the section attribute itself.
                        corpus.Add(Declaration.Program(n, "l" + (l++).ToString(CultureInfo.InvariantCulture), w, LoaderPlacement.Method));
                        corpus.Add(Declaration.Program(n, "l" + (l++).ToString(CultureInfo.InvariantCulture), w, LoaderPlacement.Class));
                    }

                    corpus.Add(Declaration.Program(n, "l" + (l++).ToString(CultureInfo.InvariantCulture), LoaderWaiver.SetsAttachTarget, LoaderPlacement.SectionArgument));
                }

                findings += Compare(version, corpus, Array.Empty<string>(), disagreements);
                programs += programNames.Count;
                members += dataNames.Count;
                loaders += l;
            }

            _output.WriteLine($"corpus: {programs + members + loaders} declarations over {s_targets.Length} targets ({string.Join(", ", s_targets)}): " +
                              $"{programs} programs, {members} fields, {loaders} programs with a loader declaration; {findings} analyzer diagnostics");
            Assert.True(disagreements.Count == 0, Report(disagreements));
        }

        [Fact]
        public void The_cli_and_the_analyzer_agree_with_custom_sections_declared()
        {
            string[] custom = { "user+", "foo/", "bar", "", "bad name", "ok.s+" };
            string[] names = { "user", "user/", "user/x", "userx", "foo", "foo/", "foo/a", "bar", "bar/", "barx", "ok.s", "ok.s/f", "xdp", "kprobe/foo-bar", "usr", "fooo/a", "bad name" };
            var disagreements = new List<string>();
            int findings = 0;
            foreach (string version in new[] { "0.7", "0.8", "1.1", "1.7", "main" })
            {
                var corpus = names.Select((n, i) => Declaration.Program(n, "c" + i.ToString(CultureInfo.InvariantCulture), LoaderWaiver.None))
                    .Concat(names.Select((n, i) => Declaration.Member(n, "m" + i.ToString(CultureInfo.InvariantCulture), "int", readOnly: false)))
                    .ToList();
                findings += Compare(version, corpus, custom, disagreements);
            }

            _output.WriteLine($"{names.Length * 2} declarations under {custom.Length} custom sections, 5 targets: {findings} findings");
            Assert.True(findings > 0, "no finding at all: the corpus tests nothing");
            Assert.True(disagreements.Count == 0, Report(disagreements));
        }

        private static string Report(List<string> disagreements) =>
            $"{disagreements.Count} disagreements between the CLI and the analyzer; the first:\n" + string.Join("\n\n", disagreements.Take(8));

        /// <summary>Compiles <paramref name="corpus"/> for <paramref name="version"/>, explains each name with the CLI, and records every difference.</summary>
        private static int Compare(string version, List<Declaration> corpus, IReadOnlyList<string> custom, List<string> disagreements)
        {
            (string source, Dictionary<int, Declaration> byLiteral, Dictionary<int, string> customLiterals) = Source(corpus, custom);
            ImmutableArray<Diagnostic> diagnostics = Analyze(source, version);

            var analyzer = new Dictionary<Declaration, List<string>>();
            var analyzerCustom = new List<string>();
            int[] starts = byLiteral.Keys.Concat(customLiterals.Keys).OrderBy(s => s).ToArray();
            foreach (Diagnostic d in diagnostics)
            {
                Assert.True(d.Id.StartsWith("BPF", StringComparison.Ordinal), "the analyzer failed: " + d);
                int spanStart = d.Location.SourceSpan.Start;
                int i = Array.BinarySearch(starts, spanStart);
                int literal = starts[i >= 0 ? i : ~i - 1];
                if (customLiterals.ContainsKey(literal))
                {
                    analyzerCustom.Add(Key(d, -1, 0, customLiterals[literal]));
                    continue;
                }

                Declaration decl = byLiteral[literal];
                // The literal is "name": a span on the whole literal is the whole name, else value offset = source offset - 1.
                bool whole = spanStart == literal && d.Location.SourceSpan.Length == decl.Name.Length + 2;
                string key = Key(d, whole ? -1 : spanStart - literal - 1, whole ? 0 : d.Location.SourceSpan.Length, decl.Name);
                (analyzer.TryGetValue(decl, out List<string>? list) ? list : analyzer[decl] = new List<string>()).Add(key);
            }

            int count = diagnostics.Length;
            bool customCompared = false;
            foreach (Declaration decl in corpus)
            {
                (List<string> cli, List<string> cliCustom) = Explain(decl, version, custom);
                List<string> expected = analyzer.TryGetValue(decl, out List<string>? found) ? found : new List<string>();
                Diff($"{decl} under libbpf {version}", expected, cli, disagreements);
                if (!customCompared)
                {
                    Diff($"the custom sections under libbpf {version}", analyzerCustom, cliCustom, disagreements);
                    customCompared = true;
                }
            }

            return count;
        }

        private static void Diff(string what, List<string> analyzer, List<string> cli, List<string> disagreements)
        {
            analyzer.Sort(StringComparer.Ordinal);
            cli.Sort(StringComparer.Ordinal);
            if (!analyzer.SequenceEqual(cli, StringComparer.Ordinal))
            {
                disagreements.Add($"{what}:\n  analyzer: {(analyzer.Count == 0 ? "(nothing)" : string.Join("\n            ", analyzer))}\n  cli:      {(cli.Count == 0 ? "(nothing)" : string.Join("\n            ", cli))}");
            }
        }

        private static string Key(Diagnostic d, int start, int length, string section)
        {
            var fixes = new List<string>();
            foreach (string k in s_fixKeys)
            {
                if (d.Properties.TryGetValue(k, out string? fix) && fix is not null)
                {
                    fixes.Add(fix);
                }
            }

            string severity = d.Severity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                DiagnosticSeverity.Info => "info",
                _ => d.Severity.ToString(),
            };
            d.Properties.TryGetValue(CustomSectionKey, out string? customSection);
            return Key(d.Id, severity, start, length, fixes, customSection, d.GetMessage(CultureInfo.CurrentCulture), section);
        }

        private static string Key(string id, string severity, int start, int length, IEnumerable<string> fixes, string? customSection, string message, string section) =>
            $"{id} {severity} [{start},{length}] in '{section}' fixes=[{string.Join(" | ", fixes)}] custom={customSection ?? "-"}: {message}";

        /// <summary>What <c>bpf-sections explain --json</c> says about the declaration, as keys: the name's findings, the custom sections'.</summary>
        private static (List<string> Name, List<string> Custom) Explain(Declaration decl, string version, IReadOnlyList<string> custom)
        {
            var args = new List<string> { "explain", "--libbpf", version.Split(' ')[0], "--json" };
            if (version.EndsWith(" strict", StringComparison.Ordinal))
            {
                args.Add("--strict");
            }

            foreach (string c in custom)
            {
                args.Add("--custom");
                args.Add(c);
            }

            if (decl.IsProgram)
            {
                args.AddRange(new[] { "--program", decl.CName });
                if ((decl.Loader & LoaderWaiver.SetsType) != 0)
                {
                    args.Add("--sets-type");
                }

                if ((decl.Loader & LoaderWaiver.AttachesInCode) != 0)
                {
                    args.Add("--attaches-in-code");
                }

                if ((decl.Loader & LoaderWaiver.SetsAttachTarget) != 0)
                {
                    args.Add("--sets-attach-target");
                }
            }
            else
            {
                args.AddRange(new[] { "--data", "--variable", decl.CName, "--type", decl.Type! });
                if (decl.ReadOnly)
                {
                    args.Add("--read-only");
                }
            }

            args.Add("--");
            args.Add(decl.Name);
            ToolResult result = BpfSections.Run(args.ToArray());
            Assert.True(result.Stderr.Length == 0, $"explain {decl}: {result.Stderr}");

            using JsonDocument json = JsonDocument.Parse(result.Stdout);
            var name = new List<string>();
            var customFindings = new List<string>();
            foreach (JsonElement f in json.RootElement.GetProperty("findings").EnumerateArray())
            {
                string key = Key(
                    f.GetProperty("id").GetString()!,
                    f.GetProperty("severity").GetString()!,
                    f.GetProperty("start").GetInt32(),
                    f.GetProperty("length").GetInt32(),
                    f.GetProperty("fixes").EnumerateArray().Select(x => x.GetString()!),
                    f.GetProperty("customSection").GetString(),
                    f.GetProperty("message").GetString()!,
                    f.GetProperty("section").GetString()!);
                (f.GetProperty("subject").GetString() == "custom" ? customFindings : name).Add(key);
            }

            int exit = json.RootElement.GetProperty("exitCode").GetInt32();
            Assert.Equal(exit, result.ExitCode);
            return (name, customFindings);
        }

        private static ImmutableArray<Diagnostic> Analyze(string source, string version)
        {
            var compilation = CSharpCompilation.Create(
                "Corpus",
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "/src/Corpus.cs") },
                s_references.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            ImmutableArray<Diagnostic> errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
            Assert.True(errors.IsEmpty, "the corpus does not compile: " + string.Join("\n", errors.Take(5)));

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new VersionOptions(version));
            var withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new SectionNameAnalyzer()),
                new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
            return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }

        // The running runtime's own assemblies: enough to bind attributes, fields and methods of primitive types.
        private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        {
            string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
            string[] wanted = { "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll" };
            return trusted.Where(p => wanted.Contains(Path.GetFileName(p)))
                .Append(typeof(BpfSectionAttribute).Assembly.Location)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToArray();
        });

        private static (string Source, Dictionary<int, Declaration> ByLiteral, Dictionary<int, string> CustomLiterals) Source(List<Declaration> corpus, IReadOnlyList<string> custom)
        {
            var text = new StringBuilder();
            text.Append("using BpfAnalyzers;\n");
            foreach (string c in custom)
            {
                text.Append("[assembly: BpfCustomSection(\"").Append(c).Append("\")]\n");
            }

            text.Append("public struct Counters { public int A; }\npublic struct RingBufMap { public int A; }\n");
            // Programs with a class-level [BpfLoader] go in a class of their own per loader, the others in Programs.
            foreach (var group in corpus.Where(d => d.IsProgram).GroupBy(d => d.Placement == LoaderPlacement.Class ? d.Loader : LoaderWaiver.None).OrderBy(g => g.Key))
            {
                if (group.Key != LoaderWaiver.None)
                {
                    text.Append(LoaderAttribute(group.Key)).Append('\n');
                }

                text.Append("public static class Programs").Append((int)group.Key).Append("\n{\n");
                foreach (Declaration d in group)
                {
                    text.Append("    ");
                    if (d.Placement == LoaderPlacement.Method)
                    {
                        text.Append(LoaderAttribute(d.Loader)).Append(' ');
                    }

                    text.Append("[BpfSection(\"").Append(d.Name).Append(d.Placement == LoaderPlacement.SectionArgument ? "\", AttachTargetSetInCode = true)]" : "\")]")
                        .Append(" public static int ").Append(d.CName).Append("() => 0;\n");
                }

                text.Append("}\n");
            }

            // No method reads a field: no program uses any member (explain --data without --program).
            text.Append("public static class Globals\n{\n");
            foreach (Declaration d in corpus.Where(d => !d.IsProgram))
            {
                text.Append("    [BpfSection(\"").Append(d.Name).Append("\")] public static ").Append(d.ReadOnly ? "readonly " : string.Empty)
                    .Append(d.Type).Append(' ').Append(d.CName).Append(";\n");
            }

            text.Append("}\n");
            string source = text.ToString();

            // Every string literal is a section argument, in declaration order: custom sections first, then the corpus.
            SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
            List<LiteralExpressionSyntax> literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>()
                .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).ToList();
            Assert.Equal(custom.Count + corpus.Count, literals.Count);
            var customLiterals = new Dictionary<int, string>();
            var byLiteral = new Dictionary<int, Declaration>();
            List<Declaration> ordered = corpus.Where(d => d.IsProgram).GroupBy(d => d.Placement == LoaderPlacement.Class ? d.Loader : LoaderWaiver.None).OrderBy(g => g.Key)
                .SelectMany(g => g).Concat(corpus.Where(d => !d.IsProgram)).ToList();
            for (int i = 0; i < literals.Count; i++)
            {
                string value = literals[i].Token.ValueText;
                if (i < custom.Count)
                {
                    Assert.Equal(custom[i], value);
                    customLiterals[literals[i].SpanStart] = value;
                }
                else
                {
                    Declaration d = ordered[i - custom.Count];
                    Assert.Equal(d.Name, value);
                    byLiteral[literals[i].SpanStart] = d;
                }
            }

            return (source, byLiteral, customLiterals);
        }

        private static string LoaderAttribute(LoaderWaiver loader) =>
            $"[BpfLoader(SetsType = {Flag(loader, LoaderWaiver.SetsType)}, AttachesInCode = {Flag(loader, LoaderWaiver.AttachesInCode)}, SetsAttachTarget = {Flag(loader, LoaderWaiver.SetsAttachTarget)})]";

        private static string Flag(LoaderWaiver loader, LoaderWaiver flag) => (loader & flag) != 0 ? "true" : "false";

        /// <summary>Where a program's loader declaration is written.</summary>
        private enum LoaderPlacement
        {
            Method,
            Class,
            SectionArgument,
        }

        private static LibbpfVersion Parse(string version) =>
            LibbpfVersion.TryParse(version, out LibbpfVersion v) ? v : throw new ArgumentException(version);

        // Names whose findings a loader can waive: unknown types, attach targets auto-attach misreads, BTF targets.
        private static readonly string[] s_loaderNames =
        {
            "fentry", "fentry/", "fexit", "fmod_ret", "lsm", "tp_btf", "kprobe/foo-bar", "kprobe/foo+0x10", "uprobe/x", "uprobe/", "usdt/x",
            "tp/a/b/c", "tp/x", "raw_tp/a-b", "xdpblah", "user", "iter/nonsense", "kprobe", "ksyscall", "kretprobe/", "uretprobe/bin",
        };

        /// <summary>Every section of <paramref name="version"/>'s table, in every shape it takes, with typical mistakes.</summary>
        private static IReadOnlyList<string> ProgramNames(LibbpfVersion version)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (SectionEntry e in SectionTable.For(version))
            {
                var bases = new List<string> { e.Section, e.Type, e.Type + "/", e.Type + "/foo" };
                foreach (string b in bases)
                {
                    foreach (string m in Mutations(b))
                    {
                        names.Add(m);
                    }
                }

                foreach (string target in s_targetsAfterSlash)
                {
                    names.Add(e.Type + "/" + target);
                }
            }

            foreach (string extra in s_extraProgramNames)
            {
                names.Add(extra);
            }

            return names.Where(Writable).ToList();
        }

        private static IReadOnlyList<string> DataNames(LibbpfVersion version)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string d in s_dataNames)
            {
                names.Add(d);
                names.Add(d.ToUpperInvariant());
                names.Add(d + "x");
                names.Add(" " + d);
                names.Add(d.Length > 2 ? d.Remove(d.Length - 1) : d + "s");
            }

            // Program names on fields: the whole table's sections as written, and a few shapes.
            foreach (SectionEntry e in SectionTable.For(version))
            {
                names.Add(e.Section);
                names.Add(e.Type);
                names.Add(e.Type + "/foo");
            }

            return names.Where(Writable).ToList();
        }

        private static IEnumerable<string> Mutations(string b)
        {
            yield return b;
            yield return b + "blah";
            yield return b + "/";
            yield return b.TrimEnd('/', '+');
            yield return b.ToUpperInvariant();
            yield return " " + b;
            yield return b + " ";
            yield return "?" + b;
            yield return b + "x";
            if (b.Length > 2)
            {
                yield return b.Remove(b.Length / 2, 1);
                yield return b.Substring(0, 1) + b[2] + b[1] + b.Substring(3);
            }

            yield return b.Replace('_', '-');
            yield return b.Replace('/', '.');
        }

        private static readonly string[] s_targetsAfterSlash =
        {
            "foo-bar", "foo+0x10", "foo+16", "do_sys_open", "a/b/c", "/lib/libc.so.6:malloc", "bin:func+0x10", "x:y:z", "foo bar", "foo*", "",
            "sched/sched_switch", "task", "nonsense", "vfs_read%", "1abc", "a.b", "foo\tbar",
        };

        private static readonly string[] s_extraProgramNames =
        {
            "", " ", "?", "/", "+", "?xdp", "??xdp", "xdp/", "maps", ".maps", "license", ".data", ".data.foo", ".rodata", ".bss", "version",
            "iter/nonsense", "iter/task", "iter.s/task", "fentry", "fentry/", "fentry.s/vfs_read", "tp/a/b/c", "tp/sched/sched_switch", "tracepoint/x",
            "uprobe/", "uprobe//bin/bash:readline", "uprobe/bin:func+0x10", "uprobe.multi/x", "usdt/a:b:c", "usdt/a:b", "kprobe.multi/foo*",
            "kretprobe.multi/", "ksyscall/open", "kretsyscall/", "raw_tp/x-y", "raw_tracepoint.w/x", "struct_ops/x", "struct_ops.s/x", "lsm/file_open",
            "lsm.s/x", "lsm_cgroup/x", "cgroup/skb", "cgroup_skb/ingress", "tc", "tcx/ingress", "tcx/foo", "netkit/primary", "xdp.frags/cpumap",
            "sk_lookup", "sk_lookup/", "perf_event", "socket", "syscall", "kprobe/foo-bar", "kprobe/foo+0x10", "xdpblah", "classifier", "action",
            "KPROBE/foo", "kprobe/ foo", "kprobe/foo ", "x\u00e9dp", "kprobe/\u00e9", "sec", "SEC(\"xdp\")",
        };

        private static readonly string[] s_dataNames =
        {
            ".rodat", ".rodata", ".data", ".data.foo", ".data.", ".bss", ".bss.x", ".rodata.str1.1", ".rodata.foo", ".maps", "maps", "maps/foo",
            "license", "version", ".kconfig", ".ksyms", ".struct_ops", ".struct_ops.link", ".addr_space.1", ".BTF", "data", "rodata", ".rdata",
            ".text", "", " ",
        };

        /// <summary>Characters a regular C# string literal holds as themselves, so a literal offset is the name offset + 1.</summary>
        private static bool Writable(string name) => name.All(c => c != '"' && c != '\\' && c != '\n' && c != '\r' && c != '\u2028' && c != '\u2029' && c != '\u0085');

        private sealed class Declaration
        {
            private Declaration(string name, string cName, bool isProgram, LoaderWaiver loader, string? type, bool readOnly, LoaderPlacement placement = LoaderPlacement.Method)
            {
                Placement = placement;
                Name = name;
                CName = cName;
                IsProgram = isProgram;
                Loader = loader;
                Type = type;
                ReadOnly = readOnly;
            }

            public string Name { get; }

            public string CName { get; }

            public bool IsProgram { get; }

            public LoaderWaiver Loader { get; }

            public LoaderPlacement Placement { get; }

            public string? Type { get; }

            public bool ReadOnly { get; }

            public static Declaration Program(string name, string cName, LoaderWaiver loader, LoaderPlacement placement = LoaderPlacement.Method) =>
                new(name, cName, true, loader, null, false, placement);

            public static Declaration Member(string name, string cName, string type, bool readOnly) => new(name, cName, false, LoaderWaiver.None, type, readOnly);

            public override string ToString() => IsProgram
                ? $"[BpfSection(\"{Name}\")] program {CName}{(Loader == LoaderWaiver.None ? string.Empty : $" with {Loader} declared on the {Placement}")}"
                : $"[BpfSection(\"{Name}\")] field {(ReadOnly ? "readonly " : string.Empty)}{Type} {CName}";
        }

        private sealed class VersionOptions : AnalyzerConfigOptionsProvider
        {
            private static readonly AnalyzerConfigOptions s_none = new Options(new Dictionary<string, string>());

            public VersionOptions(string version)
            {
                var values = new Dictionary<string, string> { [LibbpfSettings.VersionProperty] = version.Split(' ')[0] };
                if (version.EndsWith(" strict", StringComparison.Ordinal))
                {
                    values[LibbpfSettings.StrictProperty] = "true";
                }

                GlobalOptions = new Options(values);
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_none;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly Dictionary<string, string> _values;

                public Options(Dictionary<string, string> values) => _values = values;

                public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
            }
        }
    }
}
