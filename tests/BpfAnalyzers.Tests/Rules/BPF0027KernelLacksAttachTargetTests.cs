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

        [Fact]
        public Task A_kprobe_multi_pattern_that_matches_no_kernel_function_is_a_warning() => Run(
            "static class P {\n" +
            "  [BpfSection(\"kprobe.multi/do_unl*\")] static int A() => 0;\n" +
            "  [BpfSection(\"kretprobe.multi/do_unlink?t\")] static int B() => 0;\n" +
            "  [BpfSection(\"kprobe.multi/{|#0:vfs_*|}\")] static int C() => 0;\n" +
            "  [BpfSection(\"kprobe.session/{|#1:no_such_function|}\")] static int D() => 0;\n" +
            "  [BpfLoader(AttachesInCode = true)] [BpfSection(\"kprobe.multi/vfs_*\")] static int E() => 0;\n" +
            "}",
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksAttachTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "kprobe.multi/vfs_*", "kernel new (6.18.0)",
                "no kernel function matching 'vfs_*' is in its kallsyms",
                "prog 'C': failed to auto-attach: -ENOENT",
                ""),
            // libbpf 1.7 hands an exact name to the kernel unresolved: the kernel's error is what is reported.
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksAttachTarget)).WithLocation(1).WithArguments(
                "libbpf 1.7", "kprobe.session/no_such_function", "kernel new (6.18.0)",
                "kernel function 'no_such_function' is not in its kallsyms",
                "prog 'D': failed to attach: …",
                ""));

        [Fact]
        public Task Before_1_7_an_exact_kprobe_multi_name_is_resolved_by_libbpf_and_fails_with_ENOENT()
        {
            var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + Program("\"kprobe.multi/{|#0:no_such_function|}\"") };
            test.TestState.AdditionalFiles.Add(("/kernels/k0.bpfkernel", New));
            test.Configure("build_property.BpfLibbpfVersion = 1.1");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksAttachTarget)).WithLocation(0).WithArguments(
                "libbpf 1.1", "kprobe.multi/no_such_function", "kernel new (6.18.0)",
                "kernel function 'no_such_function' is not in its kallsyms",
                "prog 'Prog': failed to auto-attach: -2",
                ""));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task A_kprobe_multi_pattern_on_a_kernel_without_kallsyms_is_not_judged() => Run(
            Program("\"kprobe.multi/vfs_*\""),
            new[] { Old });
    }
}
