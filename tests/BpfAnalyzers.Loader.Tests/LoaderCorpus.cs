using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>One section name and where it comes from.</summary>
    internal sealed record CorpusName(string Name, string Source);

    /// <summary>One program of a public project: its section name and how the project's loader treats it.</summary>
    internal sealed record RealWorldProgram(string Name, string Project, string File, string Function, string Loader, string Target, string Libbpf, string LoadsWith)
    {
        /// <summary>libbpf opens and loads the project's objects (libxdp, libbpfgo, libbpf-rs and skeletons included).</summary>
        public bool LoadedByLibbpf => LoadsWith == "libbpf";

        public bool AttachesInCode => Loader.Contains("AttachesInCode", StringComparison.Ordinal);

        public bool SetsType => Loader.Contains("SetsType", StringComparison.Ordinal);

        public bool SetsAttachTarget => Loader.Contains("SetsAttachTarget", StringComparison.Ordinal);
    }

    /// <summary>One global of a public project: its section, whether a program of the project uses it, what loads it.</summary>
    internal sealed record RealWorldGlobal(string Name, string Project, string File, string Variable, bool Used, string LoadsWith);

    /// <summary>
    /// The names the loader test writes into objects: generated from libbpf 1.1's table, the kernel selftest's
    /// names (<c>data/kernel-selftests/section_names.tsv</c>), and the real-world corpus (<c>data/real-world/sections.tsv</c>).
    /// </summary>
    internal static class LoaderCorpus
    {
        private static string Data => Path.Combine(AppContext.BaseDirectory, "data");

        /// <summary>A target this kernel has, per type, so a well-formed name can attach for real.</summary>
        private static string PlausibleTarget(string type) => type switch
        {
            "kprobe" or "kretprobe" or "fentry" or "fexit" or "fmod_ret" or "fentry.s" or "fexit.s" or "fmod_ret.s" => "do_unlinkat",
            "kprobe.multi" or "kretprobe.multi" => "do_unlink*",
            "ksyscall" or "kretsyscall" => "openat",
            "uprobe" or "uprobe.s" or "uretprobe" or "uretprobe.s" => "/lib/x86_64-linux-gnu/libc.so.6:malloc",
            "usdt" => "/lib/x86_64-linux-gnu/libc.so.6:libc:setjmp",
            "tracepoint" or "tp" => "syscalls/sys_enter_openat",
            "raw_tracepoint" or "raw_tp" or "raw_tracepoint.w" or "raw_tp.w" => "sys_enter",
            "tp_btf" => "sched_switch",
            "lsm" or "lsm.s" or "lsm_cgroup" => "file_open",
            "iter" or "iter.s" => "task",
            _ => "foo",
        };

        /// <summary>Targets no kernel has, or that libbpf parses differently (issue 12's list and more).</summary>
        private static readonly string[] s_oddNames =
        {
            "fentry/3", "fexit/3x", "fmod_ret/a.b", "fentry.s/-", "lsm/.s", "lsm.s/1", "lsm_cgroup/0", "tp_btf/0", "tp_btf/a-b",
            "iter/3", "iter/", "raw_tp//foo", "raw_tp/a/b", "raw_tracepoint/4", "raw_tp.w/-x", "raw_tp/", "raw_tracepoint/",
            "tp/a", "tp/", "tp//", "tp/a/", "tp//b", "tp/a-b/c", "tracepoint/syscalls", "tracepoint/9p/9p_client_req",
            "uprobe/foo", "uprobe/", "uretprobe/foo", "uprobe//bin/true", "uprobe/:main", "uprobe//nonexistent:foo",
            "uretprobe//lib/x86_64-linux-gnu/libc.so.6:malloc+4", "uprobe//lib/x86_64-linux-gnu/libc.so.6:malloc+4",
            "uprobe.s//lib/x86_64-linux-gnu/libc.so.6:malloc", "uretprobe.s//lib/x86_64-linux-gnu/libc.so.6:malloc",
            "uprobe//lib/x86_64-linux-gnu/libc.so.6:-", "kprobe/", "kprobe/f+1", "kretprobe/f+1", "kretprobe/do_unlinkat+0x10",
            "kprobe/do_unlinkat+0x10", "kprobe/foo-bar", "kprobe/-", "kprobe.multi/", "kprobe.multi/-", "kprobe.multi/do_*",
            "ksyscall/", "ksyscall/-", "usdt/foo", "usdt/a:b", "usdt/a:b:c", "usdt/", "freplace/x", "freplace/", "freplace",
            "fentry", "fexit", "tp_btf", "lsm", "iter", "struct_ops", "struct_ops/x", "fentry/vmlinux:do_unlinkat",
            "fentry/do_unlinkat.isra.0", "?xdp", "?kprobe/do_unlinkat", "?fentry/3", "??xdp", "?", "xdp/", "xdp.frags/",
            "socket/", "socket/x", "tc/ingress", "tcx/ingress", "netkit/primary", "cgroup/connect_unix", "kprobe.session/f",
            "uprobe.multi//bin/true:main", "Xdp", "XDP", " xdp", "xdp ", "xdp\t", "sk_skb/", "sk_msg/x", "perf_event/x",
            "cgroup_skb", "cgroup", "cgroup/", "lirc_mode2/x", "sk_lookup/x", "syscall/x", "struct_ops.s/x",
        };

        private static readonly Lazy<IReadOnlyList<CorpusName>> s_generated = new(Generate);

        public static IReadOnlyList<CorpusName> Generated => s_generated.Value;

        private static IReadOnlyList<CorpusName> Generate()
        {
            var names = new List<CorpusName>();
            foreach (string line in File.ReadLines(Path.Combine(Data, "libbpf", "tables", "v1.1.0.tsv")).Skip(1))
            {
                string[] f = line.Split('\t');
                string section = f[1], match = f[2];
                string type = section.TrimEnd('+', '/');
                names.Add(new CorpusName(type, "1.1 table: bare"));
                names.Add(new CorpusName(type + "/", "1.1 table: slash"));
                names.Add(new CorpusName(type + "/" + PlausibleTarget(type), "1.1 table: target"));
                if (match == "plus")
                {
                    names.Add(new CorpusName(type + "/x-y", "1.1 table: odd target"));
                }

                names.Add(new CorpusName(type + "x", "1.1 table: typo (extra letter)"));
                names.Add(new CorpusName(type.Substring(0, type.Length - 1), "1.1 table: typo (last letter dropped)"));
                names.Add(new CorpusName(type.Replace('_', '-'), "1.1 table: typo ('-' for '_')"));
                names.Add(new CorpusName(type.ToUpperInvariant(), "1.1 table: typo (upper case)"));
                names.Add(new CorpusName(type + "s/" + PlausibleTarget(type), "1.1 table: typo (plural)"));
            }

            names.AddRange(s_oddNames.Select(n => new CorpusName(n, "odd target")));
            return names;
        }

        public static IReadOnlyList<CorpusName> KernelSelftests =>
            File.ReadLines(Path.Combine(Data, "kernel-selftests", "section_names.tsv"))
                .Where(l => !l.StartsWith('#'))
                .Skip(1)
                .Select(l => new CorpusName(l.Split('\t')[0], "kernel selftest section_names.c"))
                .ToList();

        private static readonly Lazy<IReadOnlyList<RealWorldProgram>> s_realWorld = new(() =>
            File.ReadLines(Path.Combine(Data, "real-world", "sections.tsv"))
                .Where(l => !l.StartsWith('#') && l.Length > 0)
                .Select(l => l.Split('\t'))
                .Select(f => new RealWorldProgram(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]))
                .ToList());

        public static IReadOnlyList<RealWorldProgram> RealWorld => s_realWorld.Value;

        private static readonly Lazy<IReadOnlyList<RealWorldGlobal>> s_realWorldGlobals = new(() =>
            File.ReadLines(Path.Combine(Data, "real-world", "data-sections.tsv"))
                .Where(l => !l.StartsWith('#') && l.Length > 0)
                .Select(l => l.Split('\t'))
                .Select(f => new RealWorldGlobal(f[0], f[1], f[2], f[3], f[4] == "yes", f[5]))
                .ToList());

        /// <summary>Every global a public project places with SEC() (<c>data/real-world/data-sections.tsv</c>).</summary>
        public static IReadOnlyList<RealWorldGlobal> RealWorldGlobals => s_realWorldGlobals.Value;

        /// <summary>Every distinct name once, with its first source.</summary>
        public static IReadOnlyList<CorpusName> All =>
            Generated
                .Concat(KernelSelftests)
                .Concat(RealWorld.Select(p => new CorpusName(p.Name, "real world: " + p.Project)))
                // The probe's program is the C function 'prog' (native/loadcheck.c opens it by that name), and clang refuses a
                // section of the same name as a symbol in it ("symbol 'prog' is already defined"): iproute2's default
                // SEC("prog") is left to the analyzer-only corpus tests.
                .Where(n => n.Name.Length > 0 && n.Name != "prog")
                .GroupBy(n => n.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .ToList();

        /// <summary>
        /// Sections libbpf reads for itself, whose content has a fixed form (bpf_object__elf_collect(),
        /// bpf_object__init_maps(), bpf_object__collect_externs(), init_struct_ops_maps()): a license string, a
        /// kernel version, BTF map definitions, extern declarations, struct_ops maps. An int read by a program is not
        /// how they are used, so its outcome says nothing about the name: measured and printed, not judged.
        /// (<c>maps</c> is judged: libbpf 1.0+ refuses the section whatever it holds.)
        /// </summary>
        public static readonly HashSet<string> FixedFormSections = new(StringComparer.Ordinal)
        {
            "license", "version", ".maps", ".kconfig", ".ksyms", ".struct_ops", ".struct_ops.link",
        };

        /// <summary>Data and special section names, and names that are none (issue 12's list).</summary>
        public static readonly string[] GlobalSections =
        {
            ".data", ".rodata", ".bss", ".data.x", ".rodata.x", ".bss.x", ".data.counters", ".rodata.str1.1", ".maps", "maps",
            "license", "version", ".kconfig", ".ksyms", ".struct_ops", ".struct_ops.link", ".addr_space.1", ".jumptables",
            ".rodat", "data", ".data_counters", ".datax", ".bssx", "xdp", ".DATA", ".Data", "rodata", "bss", ".data.", ".bss.",
            ".rodata.", ".text", "kprobe/do_unlinkat",
        };
    }
}
