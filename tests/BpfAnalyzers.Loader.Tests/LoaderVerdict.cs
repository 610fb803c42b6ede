using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>Why libbpf 1.1.2 on this machine succeeded or failed with a section name.</summary>
    public enum LoaderClass
    {
        /// <summary>Opened, loaded, and auto-attached (or auto-attach skipped, as a skeleton skips it).</summary>
        LoadsAndAttaches,

        /// <summary>libbpf's own parse, type or target checks reject the name: no kernel could change that.</summary>
        NameFault,

        /// <summary>
        /// The name is fine for libbpf; this kernel or machine is not (no kprobe PMU, no such function, tracepoint,
        /// binary or BTF id here, program type or tracing trampolines not available), or the one-line probe lacks
        /// context a real program has (a struct_ops map, usdt.bpf.h's maps).
        /// </summary>
        KernelFault,

        /// <summary>
        /// The program type needs code every loader of it writes: an freplace (BPF_PROG_TYPE_EXT) program loads only
        /// after <c>bpf_program__set_attach_target()</c> names the target program's fd (libbpf_find_attach_btf_id():
        /// "attach program FD is not set"), whatever the section says. Neither the name's fault nor a success.
        /// </summary>
        NeedsLoaderCode,

        /// <summary>No rule below matched: the test fails until a reviewer adds one.</summary>
        Unclassified,
    }

    internal sealed record LoaderVerdict(LoaderClass Class, string Reason);

    /// <summary>
    /// The classification, as an ordered list of the messages libbpf 1.1.2 prints (read off <c>src/libbpf.c</c> of
    /// v1.1.0, the functions named in each rule) and what each means. The first matching rule wins; a failure no rule
    /// matches is <see cref="LoaderClass.Unclassified"/>.
    /// </summary>
    internal static class LoaderVerdicts
    {
        /// <summary>The reason of a name no <c>section_defs[]</c> entry matches.</summary>
        public const string UnknownSection = "unknown section (missing BPF prog type)";

        /// <summary>A kernel function, BTF type or raw tracepoint name: a C identifier.</summary>
        private static readonly Regex s_identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A tracefs event system or event name: identifier characters, digits first allowed (<c>9p</c>), and '.' or '-'
        /// (dynamic probe groups allow '.', is_good_system_name(); TRACE_SYSTEM xhci-hcd has a '-').
        /// </summary>
        private static readonly Regex s_tracefsName = new("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A raw tracepoint is a TRACE_EVENT name, which the kernel pastes into identifiers (<c>__tracepoint_NAME</c>):
        /// identifier characters, digits first allowed (<c>9p_client_req</c>).
        /// </summary>
        private static readonly Regex s_rawTracepointName = new("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

        /// <summary>A rule: the stage, libbpf's message, and the verdict from the match and the section name.</summary>
        private sealed record Rule(string Stage, Regex Message, Func<Match, string, LoaderVerdict> Verdict);

        private static Rule R(string stage, string pattern, LoaderClass c, string reason) =>
            new(stage, new Regex(pattern, RegexOptions.CultureInvariant), (_, _) => new LoaderVerdict(c, reason));

        private static Rule R(string stage, string pattern, Func<Match, LoaderVerdict> verdict) =>
            new(stage, new Regex(pattern, RegexOptions.CultureInvariant), (m, _) => verdict(m));

        private static Rule R(string stage, string pattern, Func<Match, string, LoaderVerdict> verdict) =>
            new(stage, new Regex(pattern, RegexOptions.CultureInvariant), verdict);

        /// <summary>
        /// The name find_kernel_btf_id() looks up for a BTF target: tp_btf, lsm and iter targets are prefixed
        /// (find_attach_btf_id(): BTF_TRACE_PREFIX "btf_trace_", BTF_LSM_PREFIX "bpf_lsm_", BTF_ITER_PREFIX
        /// "bpf_iter_"), so 'tp_btf/0' asks for btf_trace_0, an identifier this kernel lacks.
        /// </summary>
        private static string BtfLookupName(string section, string target)
        {
            string type = section.TrimStart('?');
            int slash = type.IndexOf('/');
            type = slash < 0 ? type : type.Substring(0, slash);
            string prefix = type switch
            {
                "tp_btf" => "btf_trace_",
                "lsm" or "lsm.s" or "lsm_cgroup" => "bpf_lsm_",
                "iter" or "iter.s" => "bpf_iter_",
                _ => "",
            };
            return prefix + target;
        }

        private static LoaderVerdict Name(string reason) => new(LoaderClass.NameFault, reason);

        private static LoaderVerdict Kernel(string reason) => new(LoaderClass.KernelFault, reason);

        /// <summary>Program objects (<see cref="BpfObjectSource.Program"/>).</summary>
        private static readonly Rule[] s_programRules =
        {
            // open: bpf_object__open_skeleton() -> populate_skeleton_progs(): the section is not a program section
            // at all (a data or special section: bpf_object__elf_collect() never made a program of it)
            R("open", "failed to find skeleton program 'prog'", LoaderClass.NameFault, "not a program section (open)"),
            R("open", "DATASEC '\\.maps' not found|unexpected def kind|legacy map definitions", LoaderClass.NameFault, "a map section (open)"),
            R("open", "failed to find BTF for extern|extern .* not supported|unrecognized extern section", LoaderClass.NameFault, "an extern section (open)"),
            R("open", "struct_ops", LoaderClass.NameFault, "the struct_ops section (open)"),
            // load: bpf_object_init_progs() found no section_defs[] entry -> bpf_object_load_prog()
            R("load", "missing BPF prog type, check ELF section name", LoaderClass.NameFault, UnknownSection),
            // libbpf_prepare_prog_load(): SEC_ATTACH_BTF with nothing after the slash
            // (freplace always gets its target program in code: that is the loader's part, not the name's)
            R("load", "no BTF-based attach target is specified", (_, section) => section.TrimStart('?').StartsWith("freplace", StringComparison.Ordinal)
                ? new LoaderVerdict(LoaderClass.NeedsLoaderCode, "freplace without bpf_program__set_attach_target()")
                : Name("no BTF attach target")),
            // libbpf_find_attach_btf_id(): freplace needs the target program's fd, set only in code
            R("load", "attach program FD is not set", LoaderClass.NeedsLoaderCode, "freplace without bpf_program__set_attach_target()"),
            // find_kernel_btf_id(): a C identifier that this kernel lacks is the kernel's fault; anything else
            // ('3', '.s', 'vmlinux:f' under 1.1, which has no module: syntax) is no kernel identifier at all
            // (an empty target looks up the bare prefix, btf_trace_ or bpf_lsm_: no tracepoint or hook has an empty name)
            R("load", "failed to find kernel BTF type ID of '(.*)'", (m, section) => m.Groups[1].Length > 0 && s_identifier.IsMatch(BtfLookupName(section, m.Groups[1].Value))
                ? Kernel("no BTF id '" + BtfLookupName(section, m.Groups[1].Value) + "' in this kernel")
                : Name("BTF target '" + m.Groups[1].Value + "' is no kernel identifier")),
            // bpf_object_load_prog(): libbpf accepted the name; the kernel's BPF_PROG_LOAD refused the program
            R("load", "permission error while running as root", LoaderClass.KernelFault, "kernel refuses the program (EPERM: tracing trampolines unavailable here)"),
            R("load", "BPF program load failed", LoaderClass.KernelFault, "kernel refuses the program type/attach type or the one-line body"),
            // attach_kprobe(), attach_ksyscall(): this kernel has no kprobe PMU and no kprobe_events
            R("attach", "failed to add legacy kprobe event|failed to create kprobe", LoaderClass.KernelFault, "no kprobes on this kernel"),
            R("attach", "kprobe name is invalid", LoaderClass.NameFault, "kprobe name is invalid"),
            R("attach", "kretprobes do not support offset specification", LoaderClass.NameFault, "kretprobe with offset"),
            R("attach", "kprobe multi pattern is invalid", LoaderClass.NameFault, "kprobe.multi pattern is invalid"),
            // attach_uprobe()
            R("attach", "missing ':function\\[\\+offset\\]' specification", LoaderClass.NameFault, "uprobe without :function (auto-attach only)"),
            R("attach", "uretprobes do not support offset specification", LoaderClass.NameFault, "uretprobe with offset"),
            R("attach", "invalid format of section definition", LoaderClass.NameFault, "uprobe target format"),
            R("attach", "failed to open (.*): No such file or directory|failed to resolve full path", LoaderClass.KernelFault, "uprobe binary not on this machine"),
            R("attach", "elf: failed to find symbol '(.*)' in", m => s_identifier.IsMatch(m.Groups[1].Value)
                ? Kernel("uprobe symbol '" + m.Groups[1].Value + "' not in this machine's binary")
                : Name("uprobe symbol '" + m.Groups[1].Value + "' is no symbol name")),
            // attach_usdt()
            R("attach", "invalid section '.*', expected SEC\\(\"usdt/", LoaderClass.NameFault, "usdt target format"),
            R("attach", "usdt: failed to find USDT support BPF maps", LoaderClass.KernelFault, "usdt needs usdt.bpf.h's maps, which the one-line probe lacks"),
            R("attach", "usdt: ", LoaderClass.KernelFault, "usdt binary or note not on this machine"),
            // attach_tp() -> bpf_program__attach_tracepoint(): tracefs has no such event
            R("attach", "failed to determine tracepoint '([^/']*)/([^']*)' perf event ID", m =>
                s_tracefsName.IsMatch(m.Groups[1].Value) && s_tracefsName.IsMatch(m.Groups[2].Value)
                    ? Kernel("no tracepoint " + m.Groups[1].Value + "/" + m.Groups[2].Value + " in this kernel")
                    : Name("tracepoint '" + m.Groups[1].Value + "/" + m.Groups[2].Value + "' is no tracefs name")),
            // attach_raw_tp()
            R("attach", "invalid section name", LoaderClass.NameFault, "raw tracepoint section format"),
            R("attach", "failed to attach to raw tracepoint '(.*)'", m => s_rawTracepointName.IsMatch(m.Groups[1].Value)
                ? Kernel("no raw tracepoint '" + m.Groups[1].Value + "' in this kernel")
                : Name("raw tracepoint '" + m.Groups[1].Value + "' is no kernel identifier")),
            // attach_trace(), attach_lsm(), attach_iter(), attach_kprobe_multi(): the kernel refused the link
            R("attach", "failed to attach: ", LoaderClass.KernelFault, "kernel refuses the link"),
            // attach_iter(): iterators over a map's elements need the map's fd in bpf_iter_attach_opts (code only)
            R("attach", "failed to attach to iterator", LoaderClass.KernelFault, "kernel refuses the iterator link (a map iterator needs the map in code)"),
            R("attach", "failed to attach BTF-based", LoaderClass.KernelFault, "kernel refuses the link"),
        };

        /// <summary>Global objects (<see cref="BpfObjectSource.Global"/>): open and load only.</summary>
        private static readonly Rule[] s_globalRules =
        {
            // bpf_object__elf_collect() skipped the section ("skipping unrecognized data section"), so
            // bpf_program__record_reloc() finds no map for the access
            R("open", "bad map relo against 'v' in section", LoaderClass.NameFault, "not a data section libbpf makes a map of"),
            // a variable where BTF-defined maps or legacy maps are read
            R("open", "unexpected def kind|DATASEC '\\.maps' not found|legacy map definitions", LoaderClass.NameFault, "a map section"),
            R("open", "struct_ops", LoaderClass.NameFault, "the struct_ops section"),
            R("open", "extern", LoaderClass.NameFault, "an extern-only section"),
            R("open", "license|version", LoaderClass.NameFault, "license/version section"),
            R("load", "BPF program load failed", LoaderClass.KernelFault, "kernel refuses the program"),
        };

        /// <summary>The kprobe.multi pattern characters attach_kprobe_multi() reads (<c>%m[a-zA-Z0-9_.*?]</c>).</summary>
        private static readonly Regex s_kprobeMultiPattern = new("^(?:k|kret)probe\\.multi/([a-zA-Z0-9_.*?]+)$", RegexOptions.CultureInvariant);

        public static LoaderVerdict ForProgram(string name, LoaderRun run) => Classify(name, run, s_programRules);

        public static LoaderVerdict ForGlobal(string name, LoaderRun run) => Classify(name, run, s_globalRules);

        private static LoaderVerdict Classify(string name, LoaderRun run, IReadOnlyList<Rule> rules)
        {
            if (run.Stage == "done")
            {
                return new LoaderVerdict(LoaderClass.LoadsAndAttaches, run.Linked ? "attached" : "loaded; auto-attach skipped");
            }

            foreach (Rule rule in rules.Where(r => r.Stage == run.Stage))
            {
                foreach (string w in run.Warnings)
                {
                    Match m = rule.Message.Match(w);
                    if (m.Success)
                    {
                        return rule.Verdict(m, name);
                    }
                }
            }

            // attach_kprobe_multi() -> bpf_program__attach_kprobe_multi_opts(): libbpf resolves the pattern against
            // kallsyms itself and returns -ENOENT without a message when nothing matches. sscanf stops at the first
            // character outside its set, so 'x-y' is read as 'x': the name's fault; a whole pattern is this kernel's.
            if (run.Stage == "attach" && run.Error == -2 && run.Warnings.All(w => w.Contains("failed to auto-attach", StringComparison.Ordinal)) &&
                name.Contains(".multi/", StringComparison.Ordinal))
            {
                return s_kprobeMultiPattern.IsMatch(name)
                    ? Kernel("no kernel function matches the kprobe.multi pattern")
                    : Name("libbpf truncates the kprobe.multi pattern at the first character outside [a-zA-Z0-9_.*?]");
            }

            // attach_tp() returns -EINVAL without a message when the name has no '/' between category and
            // event (SEC("tp/a")): skeleton attach then prints only "failed to auto-attach: -22".
            if (run.Stage == "attach" && run.Error == -22 && run.Warnings.All(w => w.Contains("failed to auto-attach", StringComparison.Ordinal)))
            {
                return Name("libbpf's silent -EINVAL (tracepoint without category/name)");
            }

            return new LoaderVerdict(LoaderClass.Unclassified, run.Summary);
        }
    }
}
