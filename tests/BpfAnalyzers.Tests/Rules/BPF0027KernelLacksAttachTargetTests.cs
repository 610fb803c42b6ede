using System.Threading.Tasks;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0027: Attach target missing on a kernel the project ships to (KernelProfileTests sources).</summary>
    public class BPF0027KernelLacksAttachTargetTests : KernelProfileTestsBase
    {
        [Fact]
        public Task An_auto_attach_target_a_kernel_lacks_is_a_warning_a_loader_that_attaches_waives() => Run(
            "static class P {\n" +
            "  [BpfSection(\"tp/{|#0:sched/sched_swich|}\")] static int A() => 0;\n" +
            "  [BpfLoader(AttachesInCode = true)] [BpfSection(\"tp/sched/sched_swich\")] static int B() => 0;\n" +
            "  [BpfSection(\"ksyscall/{|#1:no_such_call|}\")] static int C() => 0;\n" +
            "}",
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksAttachTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "tp/sched/sched_swich", "kernel new (6.18.0)",
                "tracepoint 'sched/sched_swich' is not in its tracefs events",
                "failed to determine tracepoint 'sched/sched_swich' perf event ID: -ENOENT",
                "; did you mean 'tp/sched/sched_switch'?"),
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksAttachTarget)).WithLocation(1).WithArguments(
                "libbpf 1.7", "ksyscall/no_such_call", "kernel new (6.18.0)",
                "system call 'no_such_call' is not in its kallsyms",
                "prog 'C': failed to create kprobe '__x64_sys_no_such_call+0x0' perf event: …",
                ""));
    }
}
