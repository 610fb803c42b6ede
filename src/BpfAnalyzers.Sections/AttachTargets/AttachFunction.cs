namespace BpfAnalyzers.Sections
{
    /// <summary>An attach-target parser: what libbpf's attach function does with the name after the slash.</summary>
    internal delegate AttachTargetFinding? AttachTargetCheck(in AttachTargetName name);

    /// <summary>How a name is written after its type's slash (<c>kprobe/FUNC[+OFFSET]</c>) and what goes there.</summary>
    public readonly struct AttachTargetHint
    {
        public AttachTargetHint(string form, string meaning, bool bareToo = false)
        {
            Form = form;
            Meaning = meaning;
            BareToo = bareToo;
        }

        /// <summary><c>kprobe/FUNC[+OFFSET]</c>.</summary>
        public string Form { get; }

        /// <summary>What the parts stand for, and which attach function reads them.</summary>
        public string Meaning { get; }

        /// <summary>The bare type is worth offering too: the target is optional and commonly left out.</summary>
        public bool BareToo { get; }
    }

    /// <summary>
    /// One of libbpf's attach functions (<c>attach_kprobe()</c>, <c>attach_tp()</c>, ...), the fifth argument of a
    /// <c>SEC_DEF</c> row: each table entry points to its own (<see cref="SectionEntry.AttachFunction"/>, generated from
    /// the <c>attach_fn</c> column of <c>data/libbpf/tables/*.tsv</c>), as libbpf's <c>struct bpf_sec_def</c> points to
    /// its <c>prog_attach_fn</c>. Everything known of one attach function is here: its name, its parser, and what a
    /// name needs after the slash. The BTF lookup at load is not an attach function's: <c>SEC_ATTACH_BTF</c> rows get it
    /// (<see cref="BtfTargets"/>), whatever their attach function.
    /// </summary>
    public sealed class AttachFunction
    {
        private readonly AttachTargetCheck? _check;
        private readonly System.Func<string, AttachTargetHint> _hint;

        private AttachFunction(string name, SlashTarget afterSlash, AttachTargetCheck? check, System.Func<string, AttachTargetHint> hint)
        {
            Name = name;
            AfterSlash = afterSlash;
            _check = check;
            _hint = hint;
        }

        /// <summary>The function's name in <c>src/libbpf.c</c>: <c>attach_kprobe</c>.</summary>
        public string Name { get; }

        /// <summary>What libbpf reads after the slash when it auto-attaches through this function.</summary>
        public SlashTarget AfterSlash { get; }

        /// <summary>What the function makes of <paramref name="name"/>'s target: a finding, or null when it attaches as written.</summary>
        internal AttachTargetFinding? Check(in AttachTargetName name) => _check?.Invoke(name);

        public override string ToString() => Name;

        /// <summary>
        /// How a name of <paramref name="entry"/> is written after the slash, and what goes there, as completion shows it;
        /// null when nothing is known of it (no attach function, no BTF target). A sleepable <c>.s</c> type reads as its
        /// base type. <c>struct_ops</c> has no attach function: its member name is optional.
        /// </summary>
        public static AttachTargetHint? HintOf(SectionEntry entry)
        {
            const string Sleepable = ".s";
            string type = entry.Type;
            bool sleepable = type.EndsWith(Sleepable, System.StringComparison.Ordinal);
            string baseType = sleepable ? type.Substring(0, type.Length - Sleepable.Length) : type;
            AttachTargetHint? hint = entry.AttachFunction is AttachFunction f ? f._hint(baseType)
                : baseType == "struct_ops" ? new AttachTargetHint("struct_ops[/MEMBER]", "MEMBER: optional, the struct_ops member it implements", bareToo: true)
                : (entry.Flags & SectionFlags.AttachBtf) != 0 ? BtfHint(baseType, entry.AttachType)
                : null;
            if (hint is not AttachTargetHint h || !sleepable)
            {
                return hint;
            }

            return new AttachTargetHint(type + h.Form.Substring(h.Form.IndexOfAny(new[] { '/', '[' })), "sleepable; " + h.Meaning, h.BareToo);
        }

        private static AttachTargetHint BtfHint(string type, string attachType) => attachType switch
        {
            "BPF_LSM_MAC" or "BPF_LSM_CGROUP" => new(type + "/HOOK", "HOOK: an LSM hook in kernel BTF" + (type == "lsm" ? " (bpf_lsm_HOOK)" : string.Empty) + ", needed at load"),
            _ => new(type + "/TARGET", "TARGET: a BTF attach target in the kernel, needed at load"),
        };

        private static AttachTargetHint TraceHint(string type) => type switch
        {
            "tp_btf" => new("tp_btf/NAME", "NAME: a raw tracepoint in kernel BTF (btf_trace_NAME), needed at load"),
            "freplace" => new("freplace/FUNC", "FUNC: a global function of the BPF program it replaces (BTF), or set in code with bpf_program__set_attach_target()"),
            _ => new(type + "/FUNC", "FUNC: a kernel function in BTF, needed at load"),
        };

        public static readonly AttachFunction Kprobe = new(
            "attach_kprobe", SlashTarget.KernelFunction, KprobeTargets.Check,
            t => t.StartsWith("kret", System.StringComparison.Ordinal)
            ? new(t + "/FUNC", "FUNC: a kernel function; return probes take no offset (attach_kprobe)")
            : new(t + "/FUNC[+OFFSET]", "FUNC: a kernel function; OFFSET: an optional offset into it (attach_kprobe)"));
        public static readonly AttachFunction Uprobe = new(
            "attach_uprobe", SlashTarget.Optional, UprobeTargets.Check,
            t => t.StartsWith("uret", System.StringComparison.Ordinal)
            ? new(t + "/PATH:FUNC", "PATH: a binary or library; FUNC: a function in it; no offset (attach_uprobe)")
            : new(t + "/PATH:FUNC[+OFFSET]", "PATH: a binary or library; FUNC: a function in it; OFFSET: optional (attach_uprobe)"));
        public static readonly AttachFunction KprobeMulti = new(
            "attach_kprobe_multi", SlashTarget.Optional, (in AttachTargetName n) => MultiProbeTargets.CheckKprobeMulti(n, session: false),
            t => new(t + "/PATTERN", "PATTERN: kernel functions, a glob with * and ? (attach_kprobe_multi)"));
        public static readonly AttachFunction KprobeSession = new(
            "attach_kprobe_session", SlashTarget.Optional, (in AttachTargetName n) => MultiProbeTargets.CheckKprobeMulti(n, session: true),
            t => new(t + "/PATTERN", "PATTERN: kernel functions, a glob with * and ? (attach_kprobe_session)"));
        public static readonly AttachFunction UprobeMulti = new(
            "attach_uprobe_multi", SlashTarget.Optional, MultiProbeTargets.CheckUprobeMulti,
            t => new(t + "/PATH:PATTERN", "PATH: a binary or library; PATTERN: its functions, a glob (attach_uprobe_multi)"));
        public static readonly AttachFunction Ksyscall = new(
            "attach_ksyscall", SlashTarget.Optional, KprobeTargets.CheckKsyscall,
            t => new(t + "/SYSCALL", "SYSCALL: a system call name, without the arch prefix (attach_ksyscall)"));
        public static readonly AttachFunction Usdt = new(
            "attach_usdt", SlashTarget.Optional, UsdtTargets.Check,
            t => new(t + "/PATH:PROVIDER:NAME", "PATH: a binary or library; PROVIDER and NAME: the USDT probe (attach_usdt)"));
        public static readonly AttachFunction Tracepoint = new(
            "attach_tp", SlashTarget.Tracepoint, TracepointTargets.Check,
            t => new(t + "/CATEGORY/NAME", "a tracepoint, as under /sys/kernel/tracing/events (attach_tp)"));
        public static readonly AttachFunction RawTracepoint = new(
            "attach_raw_tp", SlashTarget.RawTracepoint, RawTracepointTargets.Check,
            t => t.EndsWith(".w", System.StringComparison.Ordinal)
            ? new(t + "/NAME", "writable; NAME: a kernel tracepoint (attach_raw_tp)")
            : new(t + "/NAME", "NAME: a kernel tracepoint (attach_raw_tp)"));

        /// <summary><c>fentry</c>, <c>tp_btf</c>, ...: parses nothing (the target is looked up in BTF at load).</summary>
        public static readonly AttachFunction Trace = new(
            "attach_trace", SlashTarget.BtfTarget, null,
            TraceHint);
        public static readonly AttachFunction Lsm = new(
            "attach_lsm", SlashTarget.BtfTarget, null,
            t => new(t + "/HOOK", "HOOK: an LSM hook in kernel BTF (bpf_lsm_HOOK), needed at load"));
        public static readonly AttachFunction Iter = new(
            "attach_iter", SlashTarget.BtfTarget, null,
            t => new(t + "/ITERATOR", "ITERATOR: a BPF iterator of the kernel (task, bpf_map, tcp, ...), needed at load"));

        /// <summary><c>fentry.multi+</c> and friends, libbpf main only: a glob over kernel BTF functions.</summary>
        public static readonly AttachFunction TracingMulti = new(
            "attach_tracing_multi", SlashTarget.Optional, MultiProbeTargets.CheckTracingMulti,
            t => new(t + "/[MODULE:]PATTERN", "PATTERN: kernel functions in BTF, a glob with * and ? (attach_tracing_multi)"));

        /// <summary>Every attach function libbpf has had, in <c>src/libbpf.c</c>'s order.</summary>
        /// <summary>The attach function libbpf calls <paramref name="name"/> (<c>attach_kprobe</c>): how the table's rows name theirs.</summary>
        internal static AttachFunction Named(string name)
        {
            foreach (AttachFunction f in All)
            {
                if (f.Name == name)
                {
                    return f;
                }
            }

            throw new System.ArgumentException("no attach function " + name, nameof(name));
        }

        public static System.Collections.Generic.IReadOnlyList<AttachFunction> All { get; } = new[]
        {
            Kprobe, Uprobe, KprobeMulti, KprobeSession, UprobeMulti, Ksyscall, Usdt, Tracepoint, RawTracepoint, Trace, Lsm, Iter, TracingMulti,
        };

        /// <summary>
        /// The prefix libbpf puts before a BTF target of an entry of <paramref name="attachType"/>, as
        /// <c>btf_get_kernel_prefix_kind()</c> picks it by attach type: <c>btf_trace_</c>, <c>bpf_lsm_</c>, <c>bpf_iter_</c>.
        /// </summary>
        public static string BtfPrefix(string attachType) => attachType switch
        {
            "BPF_TRACE_RAW_TP" => "btf_trace_",
            "BPF_LSM_MAC" or "BPF_LSM_CGROUP" => "bpf_lsm_",
            "BPF_TRACE_ITER" => "bpf_iter_",
            _ => string.Empty,
        };

        /// <summary>What a BTF target of an entry of <paramref name="attachType"/> names, as messages say it.</summary>
        public static string BtfTargetKind(string attachType) => attachType switch
        {
            "BPF_TRACE_RAW_TP" => "the tracepoint",
            "BPF_LSM_MAC" or "BPF_LSM_CGROUP" => "the LSM hook",
            "BPF_TRACE_ITER" => "the iterator",
            _ => "the kernel function",
        };
    }
}
