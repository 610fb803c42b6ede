using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>One name's verdict from the real loader.</summary>
    internal sealed record LoaderOutcome(string Name, string Source, LoaderVerdict Verdict, LoaderRun? Run, string ClangError);

    /// <summary>
    /// Compiles and loads every corpus name once per test run (2 at a time: the machine's cores are shared),
    /// objects cached by source hash under <see cref="BpfToolchain.CacheDirectory"/>.
    /// </summary>
    internal static class LoaderMeasurements
    {
        private static readonly Lazy<IReadOnlyList<LoaderOutcome>> s_programs = new(() =>
            Measure(LoaderCorpus.All, BpfObjectSource.Program, attach: true, LoaderVerdicts.ForProgram));

        private static readonly Lazy<IReadOnlyList<LoaderOutcome>> s_globals = new(() =>
            Measure(LoaderCorpus.GlobalSections.Select(n => new CorpusName(n, "data section")).ToList(), BpfObjectSource.Global, attach: false, LoaderVerdicts.ForGlobal));

        public static IReadOnlyList<LoaderOutcome> Programs => s_programs.Value;

        public static IReadOnlyList<LoaderOutcome> Globals => s_globals.Value;

        public static LoaderOutcome MeasureOne(string name) =>
            Measure(new[] { new CorpusName(name, "check") }, BpfObjectSource.Program, attach: true, LoaderVerdicts.ForProgram)[0];

        private static IReadOnlyList<LoaderOutcome> Measure(IReadOnlyList<CorpusName> names, Func<string, string> source, bool attach, Func<string, LoaderRun, LoaderVerdict> classify)
        {
            BpfToolchain toolchain = BpfToolchain.Instance;
            var results = new ConcurrentDictionary<int, LoaderOutcome>();
            Parallel.For(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                CorpusName n = names[i];
                (string? obj, string clangError) = toolchain.CompileObject(source(n.Name));
                if (obj is null)
                {
                    results[i] = new LoaderOutcome(n.Name, n.Source, new LoaderVerdict(LoaderClass.Unclassified, "clang refuses the source"), null, clangError);
                    return;
                }

                LoaderRun run = toolchain.Load(obj, attach);
                results[i] = new LoaderOutcome(n.Name, n.Source, classify(n.Name, run), run, "");
            });
            return Enumerable.Range(0, names.Count).Select(i => results[i]).ToList();
        }
    }
}
