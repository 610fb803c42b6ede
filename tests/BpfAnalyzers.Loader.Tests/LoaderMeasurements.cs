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

        private static readonly Lazy<IReadOnlyList<LoaderOutcome>> s_unreadGlobals = new(() =>
            Measure(LoaderCorpus.GlobalSections.Concat(LoaderCorpus.RealWorldGlobals.Where(g => !g.Used).Select(g => g.Name)).Distinct(StringComparer.Ordinal)
                .Select(n => new CorpusName(n, "data section, no program uses the global")).ToList(), BpfObjectSource.UnreadGlobal, attach: false, LoaderVerdicts.ForGlobal));

        public static IReadOnlyList<LoaderOutcome> Programs => s_programs.Value;

        /// <summary>Each data section with a global in it that no program uses.</summary>
        public static IReadOnlyList<LoaderOutcome> UnreadGlobals => s_unreadGlobals.Value;

        public static IReadOnlyList<LoaderOutcome> Globals => s_globals.Value;

        /// <summary>Each of <paramref name="names"/> as one program, compiled, loaded and auto-attached.</summary>
        public static IReadOnlyList<LoaderOutcome> MeasurePrograms(IReadOnlyList<CorpusName> names) =>
            Measure(names, BpfObjectSource.Program, attach: true, LoaderVerdicts.ForProgram);

        public static LoaderOutcome MeasureOne(string name) =>
            Measure(new[] { new CorpusName(name, "check") }, BpfObjectSource.Program, attach: true, LoaderVerdicts.ForProgram)[0];

        private static readonly Lazy<bool> s_machineWorks = new(() =>
        {
            // Without bpf() every load fails in the kernel, without tracefs every tracepoint is missing: both would
            // read as "this kernel's fault" and let the agreement tests pass on nothing. Refuse to measure instead.
            BpfToolchain toolchain = BpfToolchain.Instance;
            foreach (string name in new[] { "xdp", "tp/syscalls/sys_enter_openat" })
            {
                (string? obj, string error) = toolchain.CompileObject(BpfObjectSource.Program(name));
                if (obj is null)
                {
                    throw new InvalidOperationException($"clang cannot compile the probe for SEC(\"{name}\"): {error}");
                }

                LoaderRun run = toolchain.Load(obj, attach: true);
                if (run.Stage != "done" || (name.StartsWith("tp/", StringComparison.Ordinal) && !run.Linked))
                {
                    throw new InvalidOperationException(
                        $"libbpf 1.1.2 cannot load and attach SEC(\"{name}\") on this machine ({run.Summary}); the loader tests need root, " +
                        "a working bpf() and tracefs (mount -t tracefs nodev /sys/kernel/tracing)");
                }
            }

            return true;
        });

        private static IReadOnlyList<LoaderOutcome> Measure(IReadOnlyList<CorpusName> names, Func<string, string> source, bool attach, Func<string, LoaderRun, LoaderVerdict> classify)
        {
            _ = s_machineWorks.Value;
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
