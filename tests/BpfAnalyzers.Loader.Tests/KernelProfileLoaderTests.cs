using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BpfAnalyzers.Kernel;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>
    /// Issue 22 on this machine's kernel: the profile the product makes of it (BTF, tracefs, kallsyms), and 2,000+
    /// names with real targets, typos and renames, each compiled, loaded and auto-attached by libbpf 1.1.2. Every name
    /// whose load or attach fails because its target is missing is flagged; no name that loads, or fails only for this
    /// machine (EPERM on trampolines after libbpf's BTF lookup, no kprobes), gets a kernel finding.
    /// </summary>
    public sealed class KernelProfileLoaderTests
    {
        private static readonly string[] s_kernelRules = { "BPF0026", "BPF0027", "BPF0028", "BPF0029", "BPF0030" };

        // What flags a missing target: the kernel rules, and the rules that know a name can exist nowhere.
        private static readonly string[] s_targetRules = { "BPF0026", "BPF0027", "BPF0016", "BPF0017", "BPF0022", "BPF0012" };

        private readonly ITestOutputHelper _output;

        public KernelProfileLoaderTests(ITestOutputHelper output) => _output = output;

        private static KernelProfile ThisMachine()
        {
            const string vmlinux = "/sys/kernel/btf/vmlinux";
            Assert.True(File.Exists(vmlinux), vmlinux + " is missing: the kernel-profile loader test profiles this machine's kernel");
            Btf btf = Btf.Parse(File.ReadAllBytes(vmlinux), vmlinux);
            return new KernelProfileBuilder(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), "x86_64").Named("this-machine")
                .AddVmlinux(btf)
                .AddEvents(File.ReadAllText("/sys/kernel/tracing/available_events"))
                .AddKallsyms(File.ReadAllText("/proc/kallsyms"))
                .Build();
        }

        /// <summary>Real targets of each kind (a spread of the profile), a typo of each, and known renames.</summary>
        private static List<CorpusName> Names(KernelProfile k)
        {
            var names = new List<CorpusName>();
            void Add(string section, string source) => names.Add(new CorpusName(section, source));
            void Spread(string part, int take, Func<string, string> section)
            {
                IReadOnlyList<string> all = k.Names(part).Where(n => n.Length > 3).ToList();
                int step = Math.Max(1, all.Count / take);
                for (int i = 0; i < all.Count; i += step)
                {
                    Add(section(all[i]), "real " + part);
                    Add(section(all[i] + "x"), "typo " + part);
                }
            }

            Spread(KernelProfile.Funcs, 300, f => "fentry/" + f);
            Spread(KernelProfile.BtfTrace, 200, t => "tp_btf/" + t);
            Spread(KernelProfile.BtfTrace, 200, t => "raw_tp/" + t);
            Spread(KernelProfile.Lsm, 100, h => "lsm/" + h);
            Spread(KernelProfile.Events, 200, e => "tp/" + e);
            Spread(KernelProfile.Iter, 20, i => "iter/" + i);
            foreach (string renamed in new[]
            {
                "fentry/kmem_cache_alloc", "fentry/kmem_cache_alloc_noprof", "fentry/do_sys_open", "fentry/do_sys_openat2", "fentry/blk_account_io_start",
                "fentry/account_page_dirtied", "fentry/filemap_alloc_folio", "fentry/filemap_alloc_folio_noprof", "tp_btf/block_io_start",
                "tp_btf/block_rq_issue", "lsm/bprm_check", "lsm/bprm_check_security", "fentry/tcp_v4_connet", "tp_btf/sched_swich", "fexit/vfs_read",
                "fmod_ret/security_file_open", "raw_tp/sched_swich", "tp/sched/sched_swich", "tp/syscalls/sys_enter_openat", "tp/nosuch/event",
            })
            {
                Add(renamed, "rename or typo");
            }

            return names;
        }

        [Fact]
        public void With_this_machine_s_profile_every_missing_target_is_flagged_and_nothing_that_loads_is()
        {
            KernelProfile profile = ThisMachine();
            List<CorpusName> names = Names(profile);
            IReadOnlyList<LoaderOutcome> outcomes = LoaderMeasurements.MeasurePrograms(names);
            IReadOnlyList<IReadOnlyList<Diagnostic>> diagnostics = AnalyzerProbe.Run(
                outcomes.Select(o => new ProbeItem(o.Name, LoaderDeclaration.None)).ToList(), "1.1",
                new[] { ("/kernels/this-machine.bpfkernel", profile.Write()) });

            var misses = new List<string>();
            var falseFindings = new List<string>();
            int missing = 0, fine = 0;
            for (int i = 0; i < outcomes.Count; i++)
            {
                LoaderOutcome o = outcomes[i];
                IReadOnlyList<Diagnostic> d = diagnostics[i];
                string line = $"  {o.Name,-60} {o.Verdict.Class}: {o.Verdict.Reason} ({o.Run?.Summary}) | analyzer: {(d.Count == 0 ? "nothing" : AnalyzerProbe.Describe(d))}";
                if (TargetMissing(o))
                {
                    missing++;
                    if (!d.Any(x => x.Severity >= DiagnosticSeverity.Warning && s_targetRules.Contains(x.Id)))
                    {
                        misses.Add(line);
                    }
                }
                else if (o.Verdict.Class == LoaderClass.LoadsAndAttaches || o.Run?.Warnings.Any(w => w.Contains("permission error", StringComparison.Ordinal)) == true)
                {
                    fine++;
                    if (d.Any(x => s_kernelRules.Contains(x.Id)))
                    {
                        falseFindings.Add(line);
                    }
                }
            }

            _output.WriteLine($"{outcomes.Count} names on {profile}: {missing} fail because the target is missing (flagged: {missing - misses.Count}), " +
                              $"{fine} load or reach the kernel ({falseFindings.Count} kernel findings there, must be 0)");
            foreach (var g in outcomes.Select((o, i) => (o, i)).GroupBy(x => x.o.Source))
            {
                _output.WriteLine($"  {g.Key,-24} {g.Count(),5} names, {g.Count(x => TargetMissing(x.o)),5} missing targets, {g.Count(x => diagnostics[x.i].Any(d => s_kernelRules.Contains(d.Id))),5} kernel findings");
            }

            misses.Take(40).ToList().ForEach(_output.WriteLine);
            falseFindings.Take(40).ToList().ForEach(_output.WriteLine);
            Assert.True(outcomes.Count >= 2000, $"{outcomes.Count} names");
            Assert.True(misses.Count == 0 && falseFindings.Count == 0, $"{misses.Count} misses, {falseFindings.Count} false kernel findings:\n" + string.Join("\n", misses.Concat(falseFindings).Take(30)));
        }

        /// <summary>libbpf failed because the kernel has no such target: the BTF lookup, the raw tracepoint, the tracefs event.</summary>
        private static bool TargetMissing(LoaderOutcome o) =>
            o.Run?.Warnings.Any(w => w.Contains("failed to find kernel BTF type ID", StringComparison.Ordinal) ||
                                      (w.Contains("failed to attach to raw tracepoint", StringComparison.Ordinal) && w.Contains("No such file", StringComparison.Ordinal)) ||
                                      w.Contains("failed to determine tracepoint", StringComparison.Ordinal)) == true;
    }
}
