using Xunit;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>
    /// The classification of loader outcomes, pinned on output libbpf 1.1.2 printed on this machine (loadcheck's
    /// records, verbatim). Whose fault a failure is decides what the analyzer must say, so each rule is shown here.
    /// </summary>
    public sealed class LoaderVerdictsTests
    {
        [Theory]
        // bpf_object_load_prog(): no section_defs[] entry
        [InlineData("xdpblah", "load", -22, "libbpf: prog 'prog': missing BPF prog type, check ELF section name 'xdpblah'", LoaderClass.NameFault)]
        // find_kernel_btf_id(): '3' is no kernel identifier; 'nope' is one this kernel lacks
        [InlineData("fentry/3", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of '3': -3", LoaderClass.NameFault)]
        [InlineData("tp_btf/nope", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of 'nope': -3", LoaderClass.KernelFault)]
        // find_attach_btf_id() looks up btf_trace_0 and bpf_lsm_1: identifiers, which this kernel lacks
        [InlineData("tp_btf/0", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of '0': -3", LoaderClass.KernelFault)]
        [InlineData("lsm.s/1", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of '1': -3", LoaderClass.KernelFault)]
        [InlineData("tp_btf/", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of '': -3", LoaderClass.NameFault)]
        [InlineData("freplace", "load", -22, "libbpf: prog 'prog': no BTF-based attach target is specified, use bpf_program__set_attach_target()", LoaderClass.NeedsLoaderCode)]
        [InlineData("fentry/vmlinux:do_unlinkat", "load", -3, "libbpf: prog 'prog': failed to find kernel BTF type ID of 'vmlinux:do_unlinkat': -3", LoaderClass.NameFault)]
        // libbpf_find_attach_btf_id(): freplace needs its target program in code
        [InlineData("freplace/x", "load", -22, "libbpf: prog 'prog': attach program FD is not set", LoaderClass.NeedsLoaderCode)]
        // the kernel refused a program libbpf prepared: tracing programs get EPERM on this kernel
        [InlineData("fentry/do_unlinkat", "load", -1, "libbpf: permission error while running as root; try raising 'ulimit -l'? current value: 8.0 MiB", LoaderClass.KernelFault)]
        [InlineData("lirc_mode2", "load", -22, "libbpf: prog 'prog': BPF program load failed: Invalid argument", LoaderClass.KernelFault)]
        // attach_kprobe(): no kprobe PMU and no kprobe_events here
        [InlineData("kprobe/do_unlinkat", "attach", -2, "libbpf: failed to add legacy kprobe event for 'do_unlinkat+0x0': No such file or directory", LoaderClass.KernelFault)]
        // attach_uprobe(): auto-attach needs ':function'
        [InlineData("uprobe/foo", "attach", -22, "libbpf: prog 'prog': section 'uprobe/foo' missing ':function[+offset]' specification", LoaderClass.NameFault)]
        [InlineData("uprobe//nonexist:foo", "attach", -2, "libbpf: failed to open /nonexist: No such file or directory", LoaderClass.KernelFault)]
        // bpf_program__attach_tracepoint(): tracefs has no such event ('a-b' could be one: TRACE_SYSTEM xhci-hcd); 'a b' can be none
        [InlineData("tp/syscalls/nope", "attach", -2, "libbpf: failed to determine tracepoint 'syscalls/nope' perf event ID: No such file or directory", LoaderClass.KernelFault)]
        [InlineData("tp/a-b/c", "attach", -2, "libbpf: failed to determine tracepoint 'a-b/c' perf event ID: No such file or directory", LoaderClass.KernelFault)]
        [InlineData("tp/a b/c", "attach", -2, "libbpf: failed to determine tracepoint 'a b/c' perf event ID: No such file or directory", LoaderClass.NameFault)]
        // attach_raw_tp(): the kernel has no raw tracepoint of that name
        [InlineData("raw_tp/nope", "attach", -2, "libbpf: prog 'prog': failed to attach to raw tracepoint 'nope': No such file or directory", LoaderClass.KernelFault)]
        [InlineData("raw_tp//foo", "attach", -2, "libbpf: prog 'prog': failed to attach to raw tracepoint '/foo': No such file or directory", LoaderClass.NameFault)]
        [InlineData("raw_tracepoint/4", "attach", -2, "libbpf: prog 'prog': failed to attach to raw tracepoint '4': No such file or directory", LoaderClass.KernelFault)]
        // attach_tp(): -EINVAL without a message of its own
        [InlineData("tp/a", "attach", -22, "libbpf: prog 'prog': failed to auto-attach: -22", LoaderClass.NameFault)]
        // attach_kprobe_multi(): libbpf's own kallsyms match finds nothing, silently
        [InlineData("kprobe.multi/x-y", "attach", -2, "libbpf: prog 'prog': failed to auto-attach: -2", LoaderClass.NameFault)]
        [InlineData("kprobe.multi/nope_*", "attach", -2, "libbpf: prog 'prog': failed to auto-attach: -2", LoaderClass.KernelFault)]
        // populate_skeleton_progs(): a data section never became a program
        [InlineData(".data", "open", -3, "libbpf: failed to find skeleton program 'prog'", LoaderClass.NameFault)]
        public void A_program_failure_is_the_name_s_or_the_kernel_s(string name, string stage, int error, string warning, LoaderClass expected)
        {
            var run = new LoaderRun(stage, error, Linked: false, AutoloadOff: false, new[] { warning }, new string[0]);
            Assert.Equal(expected, LoaderVerdicts.ForProgram(name, run).Class);
        }

        [Fact]
        public void A_program_that_loads_and_whose_auto_attach_is_skipped_succeeds()
        {
            // bpf_object__attach_skeleton() skips SEC("kprobe") (attach_fn returns 0 without a link): libbpf succeeds
            var run = new LoaderRun("done", 0, Linked: false, AutoloadOff: false, new string[0], new string[0]);
            Assert.Equal(LoaderClass.LoadsAndAttaches, LoaderVerdicts.ForProgram("kprobe", run).Class);
        }

        [Fact]
        public void A_failure_no_rule_explains_is_unclassified()
        {
            var run = new LoaderRun("attach", -9, Linked: false, AutoloadOff: false, new[] { "libbpf: something new" }, new string[0]);
            Assert.Equal(LoaderClass.Unclassified, LoaderVerdicts.ForProgram("x", run).Class);
        }

        [Theory]
        [InlineData(".rodat", "libbpf: prog 'prog': bad map relo against 'v' in section '.rodat'", LoaderClass.NameFault)]
        [InlineData("maps", "libbpf: elf: legacy map definitions in 'maps' section are not supported by libbpf v1.0+", LoaderClass.NameFault)]
        public void A_global_that_libbpf_makes_no_map_of_is_the_name_s_fault(string name, string warning, LoaderClass expected)
        {
            var run = new LoaderRun("open", -4005, Linked: false, AutoloadOff: false, new[] { warning }, new string[0]);
            Assert.Equal(expected, LoaderVerdicts.ForGlobal(name, run).Class);
        }
    }
}
