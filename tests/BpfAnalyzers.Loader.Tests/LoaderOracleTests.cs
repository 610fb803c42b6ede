using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>
    /// Issue 12: real libbpf 1.1.2 on the running kernel is the oracle. Each name is compiled into a one-program
    /// object, opened, loaded and auto-attached (<c>native/loadcheck.c</c>); the analyzer at target 1.1, with no
    /// <c>[BpfLoader]</c> declaration (the loader auto-attaches), must not report an error where libbpf succeeds or
    /// fails only because of this kernel, and must report something wherever libbpf fails because of the name.
    /// </summary>
    public sealed class LoaderOracleTests
    {
        private readonly ITestOutputHelper _output;

        public LoaderOracleTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("xdp", false)]
        [InlineData("tp/syscalls/sys_enter_openat", true)]
        [InlineData("raw_tp/sys_enter", true)]
        [InlineData("uprobe//lib/x86_64-linux-gnu/libc.so.6:malloc", true)]
        public void This_machine_loads_and_attaches_bpf(string name, bool links)
        {
            // Fails loudly, never skips: without bpf(), tracefs (mount -t tracefs nodev /sys/kernel/tracing), clang or
            // libbpf the oracle below would call every kernel fault a name fault, or the reverse.
            LoaderOutcome o = LoaderMeasurements.MeasureOne(name);
            Assert.True(o.Run is not null, $"clang could not compile SEC(\"{name}\"): {o.ClangError}");
            Assert.True(o.Verdict.Class == LoaderClass.LoadsAndAttaches,
                $"libbpf 1.1.2 could not load SEC(\"{name}\") here ({o.Run!.Summary}): is bpf() available, tracefs mounted, the process root?");
            Assert.Equal(links, o.Run.Linked);
        }

        [Fact]
        public void Every_failure_of_the_loader_is_classified()
        {
            List<LoaderOutcome> unclassified = LoaderMeasurements.Programs.Concat(LoaderMeasurements.Globals)
                .Where(o => o.Verdict.Class == LoaderClass.Unclassified).ToList();
            Assert.True(unclassified.Count == 0, "no LoaderVerdicts rule says whose fault these are:\n" +
                string.Join("\n", unclassified.Select(o => $"  {o.Name}: {o.Verdict.Reason} {o.Run?.Summary ?? o.ClangError}")));
        }

        [Fact]
        public void At_libbpf_1_1_the_analyzer_agrees_with_the_real_loader_on_programs()
        {
            IReadOnlyList<LoaderOutcome> outcomes = LoaderMeasurements.Programs.Where(o => o.Run is not null).ToList();
            IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                outcomes.Select(o => new ProbeItem(o.Name, LoaderDeclaration.None)).ToList(), "1.1");
            Compare("programs", outcomes, diagnostics);
        }

        [Fact]
        public void At_libbpf_1_1_no_error_where_libbpf_loads_and_the_loader_attaches_in_code()
        {
            // Everything libbpf 1.1.2 opened and loaded (failing at auto-attach at most), declared as attached in code
            // ([BpfLoader(AttachesInCode = true)]: bpf_program__attach_*() or set_autoattach(false)): the section
            // name's attach target is never read, so no finding about it may break the build.
            IReadOnlyList<LoaderOutcome> loaded = LoaderMeasurements.Programs
                .Where(o => o.Run is not null && (o.Run.Stage == "attach" || o.Run.Stage == "done")).ToList();
            IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                loaded.Select(o => new ProbeItem(o.Name, new LoaderDeclaration(AttachesInCode: true, SetsType: false, SetsAttachTarget: false))).ToList(), "1.1");
            var errors = new List<string>();
            for (int i = 0; i < loaded.Count; i++)
            {
                if (diagnostics[i].Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    errors.Add($"  {AnalyzerProbe.CSharpString(loaded[i].Name),-50} {loaded[i].Verdict.Class}: {loaded[i].Verdict.Reason} | analyzer: {AnalyzerProbe.Describe(diagnostics[i])}");
                }
            }

            _output.WriteLine($"{loaded.Count} names libbpf 1.1.2 opens and loads ({loaded.Count(o => o.Run!.Stage == "attach")} fail only at auto-attach); with AttachesInCode declared: {errors.Count} errors (must be 0)");
            errors.ForEach(_output.WriteLine);
            Assert.True(errors.Count == 0, $"{errors.Count} errors where libbpf loads and the loader attaches in code:\n" + string.Join("\n", errors.Take(60)));
        }

        [Fact]
        public void At_libbpf_1_1_the_analyzer_agrees_with_the_real_loader_on_globals()
        {
            // [BpfSection] on a static field names the ELF section of a global (DotnetEbpf does this). The probe is a
            // global int read by an XDP program (BpfObjectSource.Global): libbpf must make a map of its section.
            foreach (LoaderOutcome o in LoaderMeasurements.Globals.Where(o => LoaderCorpus.FixedFormSections.Contains(o.Name)))
            {
                _output.WriteLine($"not judged (fixed-form section): {o.Name}: {o.Verdict.Class} {o.Verdict.Reason} ({o.Run?.Summary})");
            }

            IReadOnlyList<LoaderOutcome> outcomes = LoaderMeasurements.Globals
                .Where(o => o.Run is not null && !LoaderCorpus.FixedFormSections.Contains(o.Name)).ToList();
            IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                outcomes.Select(o => new ProbeItem(o.Name, LoaderDeclaration.None, OnField: true)).ToList(), "1.1");
            Compare("globals", outcomes, diagnostics);
        }

        [Fact]
        public void At_libbpf_1_1_a_global_no_program_uses_is_never_an_error_where_libbpf_loads_it()
        {
            // Issue 24: libxdp's .xdp_run_config, xdp_metadata and xdp-filter's features are globals no program reads, in
            // sections libbpf skips. The real loader opens and loads such an object; the analyzer may warn (BPF0024), not fail.
            IReadOnlyList<LoaderOutcome> outcomes = LoaderMeasurements.UnreadGlobals
                .Where(o => o.Run is not null && !LoaderCorpus.FixedFormSections.Contains(o.Name)).ToList();
            IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                outcomes.Select(o => new ProbeItem(o.Name, LoaderDeclaration.None, OnField: true, Unread: true)).ToList(), "1.1");
            foreach (string section in new[] { ".xdp_run_config", "xdp_metadata", "features", ".rodat" })
            {
                int i = outcomes.Select(o => o.Name).ToList().IndexOf(section);
                Assert.True(i >= 0, $"{section} was not measured");
                Assert.Equal(LoaderClass.LoadsAndAttaches, outcomes[i].Verdict.Class);
                Assert.Equal(new[] { "BPF0024" }, diagnostics[i].Select(d => d.Id));
            }

            Compare("unread-globals", outcomes, diagnostics);
        }

        private void Compare(string what, IReadOnlyList<LoaderOutcome> outcomes, IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics)
        {
            var falseErrors = new List<string>();
            var misses = new List<string>();
            for (int i = 0; i < outcomes.Count; i++)
            {
                LoaderOutcome o = outcomes[i];
                IReadOnlyList<Diagnostic> d = diagnostics[i];
                string line = $"  {AnalyzerProbe.CSharpString(o.Name),-50} {o.Verdict.Class}: {o.Verdict.Reason} | analyzer: {(d.Count == 0 ? "nothing" : AnalyzerProbe.Describe(d))}";
                switch (o.Verdict.Class)
                {
                    case LoaderClass.LoadsAndAttaches:
                    case LoaderClass.KernelFault:
                    case LoaderClass.NeedsLoaderCode:
                        if (d.Any(x => x.Severity == DiagnosticSeverity.Error))
                        {
                            falseErrors.Add(line);
                        }

                        break;
                    case LoaderClass.NameFault:
                        if (d.Count == 0)
                        {
                            misses.Add(line);
                        }

                        break;
                }
            }

            _output.WriteLine($"libbpf 1.1.2 on this kernel, {what}: outcomes per class and reason");
            foreach (var g in outcomes.GroupBy(o => (o.Verdict.Class, Reason: ReasonKind(o.Verdict.Reason))).OrderBy(g => g.Key.Class).ThenByDescending(g => g.Count()))
            {
                _output.WriteLine($"  {g.Count(),5}  {g.Key.Class,-16} {g.Key.Reason}");
            }

            _output.WriteLine($"analyzer at 1.1: diagnostics per rule and loader class");
            foreach (var g in outcomes.SelectMany((o, i) => diagnostics[i].Select(d => (d.Id, d.Severity, o.Verdict.Class)))
                         .GroupBy(x => x).OrderBy(g => g.Key.Id).ThenBy(g => g.Key.Class))
            {
                _output.WriteLine($"  {g.Key.Id} {g.Key.Severity,-8} {g.Key.Class,-16} {g.Count(),5}");
            }

            int ok = outcomes.Count(o => o.Verdict.Class == LoaderClass.LoadsAndAttaches);
            int name = outcomes.Count(o => o.Verdict.Class == LoaderClass.NameFault);
            int kernel = outcomes.Count(o => o.Verdict.Class == LoaderClass.KernelFault);
            int code = outcomes.Count(o => o.Verdict.Class == LoaderClass.NeedsLoaderCode);
            string counts = $"{outcomes.Count} names: {ok} load+attach, {name} name-fault, {kernel} kernel-fault, {code} need loader code (freplace); analyzer: {falseErrors.Count} errors where libbpf succeeds (must be 0), {misses.Count} misses (must be 0)";
            _output.WriteLine(counts);

            // Every name's outcome and diagnostics, for review (the test output keeps only the disagreements).
            string table = System.IO.Path.Combine(BpfToolchain.CacheDirectory, $"outcomes-{what}.tsv");
            System.IO.File.WriteAllLines(table, new[] { "name\tsource\tclass\treason\tloader\tanalyzer" }.Concat(outcomes.Select((o, i) =>
                string.Join("\t", AnalyzerProbe.CSharpString(o.Name), o.Source, o.Verdict.Class, o.Verdict.Reason, o.Run?.Summary.Replace('\t', ' '),
                    string.Join(" ", diagnostics[i].Select(d => d.Id + ":" + d.Severity))))));
            _output.WriteLine("every outcome: " + table);
            if (falseErrors.Count > 0)
            {
                _output.WriteLine("false errors (libbpf loads, or fails only because of this kernel):");
                falseErrors.ForEach(_output.WriteLine);
            }

            if (misses.Count > 0)
            {
                _output.WriteLine("misses (libbpf fails because of the name, the analyzer says nothing):");
                misses.ForEach(_output.WriteLine);
            }

            Assert.True(falseErrors.Count == 0 && misses.Count == 0,
                counts + "\n" + string.Join("\n", falseErrors.Take(40).Concat(misses.Take(40))));
        }

        /// <summary>The reason without the name it quotes, to group by.</summary>
        private static string ReasonKind(string reason)
        {
            int quote = reason.IndexOf('\'', StringComparison.Ordinal);
            return quote < 0 ? reason : reason.Substring(0, quote) + "'…" + reason.Substring(reason.LastIndexOf('\'') + 1);
        }
    }
}
