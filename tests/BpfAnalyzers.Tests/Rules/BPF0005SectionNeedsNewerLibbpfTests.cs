using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0005: BPF section name needs a newer libbpf (SectionNameAnalyzerTests sources).</summary>
    public class BPF0005SectionNeedsNewerLibbpfTests : SectionNameAnalyzerTestsBase
    {
        [Theory]
        [InlineData("tcx/ingress", "1.2", "1.3")]
        [InlineData("kprobe.session/f", "1.4", "1.5")]
        [InlineData("?xdp", "0.7", "0.8")]
        public Task Names_from_a_newer_release_name_that_release(string name, string target, string first) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                "build_property.BpfLibbpfVersion = " + target,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments("libbpf " + target, name, $"libbpf {first} or newer", $"prog 'Handle': missing BPF prog type, check ELF section name '{name}'", ""));

        // Names only libbpf's main branch has (src/libbpf.c at f7081a6, data/libbpf/tables/main.tsv), each with its line.
        [Theory]
        [InlineData("tp.s/sched/sched_switch", "1.7")]               // SEC_DEF("tp.s+",		TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),
        [InlineData("tracepoint.s/syscalls/sys_enter_openat", "1.0")] // SEC_DEF("tracepoint.s+",	TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),
        [InlineData("raw_tp.s/sched_switch", "1.7")]                 // SEC_DEF("raw_tp.s+",		RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),
        [InlineData("raw_tracepoint.s/sched_switch", "1.7")]         // SEC_DEF("raw_tracepoint.s+",	RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),
        [InlineData("tp_btf.s/sched_switch", "1.7")]                 // SEC_DEF("tp_btf.s+",		TRACING, BPF_TRACE_RAW_TP, SEC_ATTACH_BTF | SEC_SLEEPABLE, attach_trace),
        [InlineData("fentry.multi/vfs_*", "1.7")]                    // SEC_DEF("fentry.multi+",	TRACING, BPF_TRACE_FENTRY_MULTI, 0, attach_tracing_multi),
        [InlineData("fexit.multi/vfs_read", "1.7")]                  // SEC_DEF("fexit.multi+",		TRACING, BPF_TRACE_FEXIT_MULTI, 0, attach_tracing_multi),
        [InlineData("fsession.multi/bpf_fentry_test*", "1.7")]       // SEC_DEF("fsession.multi+",	TRACING, BPF_TRACE_FSESSION_MULTI, 0, attach_tracing_multi),
        [InlineData("fentry.multi.s/vfs_*", "1.7")]                  // SEC_DEF("fentry.multi.s+",	TRACING, BPF_TRACE_FENTRY_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        [InlineData("fexit.multi.s/vfs_*", "1.7")]                   // SEC_DEF("fexit.multi.s+",	TRACING, BPF_TRACE_FEXIT_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        [InlineData("fsession.multi.s/vfs_*", "1.7")]                // SEC_DEF("fsession.multi.s+",	TRACING, BPF_TRACE_FSESSION_MULTI, SEC_SLEEPABLE, attach_tracing_multi),
        public Task Names_only_main_has_say_it_is_not_yet_released(string name, string target) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{name}\"|}})]"),
                "build_property.BpfLibbpfVersion = " + target,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf " + target, name, "libbpf main (not yet released)", $"prog 'Handle': missing BPF prog type, check ELF section name '{name}'", ""));
    }

    /// <summary>BPF0005: BPF section name needs a newer libbpf (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0005SectionNeedsNewerLibbpfAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Tracepoints_have_no_sleepable_variant_in_any_release() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"tp.s/sched/sched_switch\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "tp.s/sched/sched_switch",
                    "libbpf main (not yet released)",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'tp.s/sched/sched_switch'", ""));

        [Fact]
        public Task A_sleepable_form_from_a_newer_release_names_that_release() =>
            Verify.Analyzer(Program("[BpfSection({|BPF0005:\"uprobe.s//bin/bash:readline\"|})]"), "build_property.BpfLibbpfVersion = 0.8");
    }

    /// <summary>BPF0005: BPF section name needs a newer libbpf (DataSectionAnalyzerTests sources).</summary>
    public class BPF0005SectionNeedsNewerLibbpfOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task Named_bss_sections_need_libbpf_1_1_and_the_message_says_so() =>
            Verify.Analyzer(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|#0:\".bss.counters\"|})] static int V; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => V; }" + "\n" + Framework,
                "bpf_libbpf_version = 1.0",
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 1.0", ".bss.counters", "libbpf 1.1 or newer",
                    "elf: skipping unrecognized data section(N) .bss.counters\" then \"prog 'P': bad map relo against 'V' in section '.bss.counters'", ""));

        [Theory]
        [InlineData("0.5", ".data.counters", "BPF0005")]
        [InlineData("0.6", ".data.counters", null)]
        [InlineData("1.1", ".struct_ops.link", "BPF0005")]
        [InlineData("1.3", ".addr_space.1", "BPF0005")]
        [InlineData("1.4", ".addr_space.1", null)]
        [InlineData("0.6", "maps", null)]
        [InlineData("0.7", "maps", "BPF0004")]
        [InlineData("1.0", "maps", "BPF0019")]
        [InlineData("1.7", ".kconfig", "BPF0021")]
        [InlineData("1.7", ".ksyms", "BPF0021")]
        [InlineData("1.7", ".jumptables", "BPF0021")]
        [InlineData("1.1", ".bss.x", null)]
        public Task Each_data_name_behaves_as_that_release_of_libbpf(string version, string name, string? id) =>
            Check(
                "static class G { [DotnetEbpf.Core.BpfSection(" + (id is null ? "\"" + name + "\"" : "{|" + id + ":\"" + name + "\"|}") + ")] static int V; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => V; }",
                version);
    }
}
