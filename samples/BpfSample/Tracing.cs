using BpfAnalyzers;

namespace BpfSample
{
    /// <summary>Kernel tracing: kprobes and tracepoints.</summary>
    public static class Tracing
    {
        private const string Syscall = "kprobe/do_sys_openat2";

        [BpfSection(Syscall)]
        public static int OnOpen(PtRegs ctx) => 0;

        // A typo: libbpf has no "kprobes" type.
        [BpfSection("kprobes/do_unlinkat")]
        public static int OnUnlink(PtRegs ctx) => 0;

        // Loads, but auto-attach fails on the empty target after '/' ("kprobe name is invalid: "): a warning; write "kprobe".
        [BpfSection("kprobe/")]
        public static int OnAnything(PtRegs ctx) => 0;

        [BpfSection("tp/sched/sched_switch")]
        public static int OnSwitch(PtRegs ctx) => 0;

        // Return probes take no offset: libbpf's auto-attach refuses it (a warning: the program loads).
        [BpfSection("kretprobe/do_exit+0x10")]
        public static int OnExit(PtRegs ctx) => 0;

        // The loader attaches this one itself (bpf_program__attach_uprobe_opts()), so the missing ':function'
        // that auto-attach would reject does not matter: say so.
        [BpfSection("uprobe/trace_readline"), BpfLoader(AttachesInCode = true)]
        public static int OnReadline(PtRegs ctx) => 0;

        // fentry needs a BTF target at load time.
        [BpfSection("fentry")]
        public static int OnEntry(PtRegs ctx) => 0;

        // The loader sets the target with bpf_program__set_attach_target(): say so.
        [BpfSection("fexit", AttachTargetSetInCode = true)]
        public static int OnReturn(PtRegs ctx) => 0;
    }
}
