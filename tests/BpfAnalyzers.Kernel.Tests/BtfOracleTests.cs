using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Kernel.Tests
{
    /// <summary>
    /// The BTF reader against libbpf's own parser, on this machine's kernel BTF (<c>/sys/kernel/btf/vmlinux</c>): every
    /// type's kind and name, and libbpf's <c>btf__find_by_name_kind()</c> answer for every name the profile keeps and
    /// for near misses of them. The tests need the file and libbpf: they fail, never skip, without either.
    /// </summary>
    public sealed class BtfOracleTests
    {
        private const string Vmlinux = "/sys/kernel/btf/vmlinux";

        private readonly ITestOutputHelper _output;

        public BtfOracleTests(ITestOutputHelper output) => _output = output;

        private static Btf ReadVmlinux()
        {
            Assert.True(File.Exists(Vmlinux), $"{Vmlinux} is missing: the oracle tests read this machine's kernel BTF (a kernel with CONFIG_DEBUG_INFO_BTF)");
            return Btf.Parse(File.ReadAllBytes(Vmlinux), Vmlinux);
        }

        [Fact]
        public void Every_type_has_the_kind_and_name_libbpf_reads()
        {
            Btf btf = ReadVmlinux();
            using LibbpfBtf libbpf = LibbpfBtf.Parse(Vmlinux);
            Assert.Equal(libbpf.TypeCount, btf.TypeCount);
            var differ = new List<string>();
            for (int id = 1; id < btf.TypeCount; id++)
            {
                if ((int)btf.Kind(id) != libbpf.Kind(id) || btf.Name(id) != libbpf.Name(id))
                {
                    differ.Add($"{id}: ours {btf.Kind(id)} '{btf.Name(id)}', libbpf {libbpf.Kind(id)} '{libbpf.Name(id)}'");
                }
            }

            _output.WriteLine($"{btf.TypeCount - 1} types compared with libbpf's btf__parse()");
            Assert.True(differ.Count == 0, string.Join("\n", differ.Take(20)));
        }

        [Fact]
        public void The_profile_answers_found_or_not_found_as_btf_find_by_name_kind_does()
        {
            Btf btf = ReadVmlinux();
            KernelProfile profile = new KernelProfileBuilder("test", "x86_64").AddVmlinux(btf).Build();
            using LibbpfBtf libbpf = LibbpfBtf.Parse(Vmlinux);

            // What libbpf looks up per section (find_kernel_btf_id(): the prefix, then the kind).
            var lookups = new (string Part, string Prefix, BtfKind Kind)[]
            {
                (KernelProfile.Funcs, "", BtfKind.Func),
                (KernelProfile.BtfTrace, "btf_trace_", BtfKind.Typedef),
                (KernelProfile.Lsm, "bpf_lsm_", BtfKind.Func),
            };
            int checkedNames = 0;
            var wrong = new List<string>();
            foreach ((string part, string prefix, BtfKind kind) in lookups)
            {
                IReadOnlyList<string> all = profile.Names(part);
                Assert.NotEmpty(all);
                // libbpf 1.1.2's lookup scans every type: a sample of the 56,000 functions, and all of the smaller parts.
                int step = all.Count > 10_000 ? 8 : 1;
                IEnumerable<string> names = all.Where((_, i) => i % step == 0);
                IEnumerable<string> misses = all.Where((_, i) => i % (step * 5) == 0).SelectMany(n => new[] { n + "x", n.Substring(0, n.Length - 1), n.Replace('_', '-'), n + "_noprof" });
                foreach (string name in names.Concat(misses).Distinct(StringComparer.Ordinal))
                {
                    bool ours = profile.Find(part, name) is not null;
                    bool theirs = libbpf.FindByNameKind(prefix + name, kind) > 0;
                    checkedNames++;
                    if (ours != theirs)
                    {
                        wrong.Add($"{part} {name}: profile {(ours ? "found" : "not found")}, libbpf {(theirs ? "found" : "not found")}");
                    }
                }
            }

            _output.WriteLine($"{checkedNames} lookups, {wrong.Count} disagreements with btf__find_by_name_kind()");
            Assert.True(checkedNames >= 10_000, $"{checkedNames} lookups");
            Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
        }

        [Fact]
        public void This_kernel_s_profile_has_the_measured_counts_and_only_registered_iterators()
        {
            KernelProfile profile = new KernelProfileBuilder("test", "x86_64").AddVmlinux(ReadVmlinux()).Build();
            _output.WriteLine(string.Join(", ", KernelProfile.AllParts.Where(profile.Has).Select(p => $"{profile.Count(p)} {p}")));
            Assert.Contains("task", profile.Names(KernelProfile.Iter));
            Assert.Contains("bpf_map", profile.Names(KernelProfile.Iter));
            // Open-coded iterators' kfuncs (bpf_iter_num_new) and bpf_iter_get_info() are no iter/ targets.
            Assert.DoesNotContain("num_new", profile.Names(KernelProfile.Iter));
            Assert.DoesNotContain("get_info", profile.Names(KernelProfile.Iter));
            Assert.Contains("xdp", profile.Names(KernelProfile.ProgTypes));
            Assert.Contains("trace_fentry", profile.Names(KernelProfile.AttachTypes));
            Assert.NotNull(profile.Find(KernelProfile.Funcs, "do_unlinkat"));
            Assert.NotNull(profile.Find(KernelProfile.BtfTrace, "sched_switch"));
            Assert.NotNull(profile.Find(KernelProfile.Lsm, "file_open"));
            Assert.Equal("vmlinux", profile.Find(KernelProfile.Funcs, "vmlinux:do_unlinkat"));
        }
    }
}
