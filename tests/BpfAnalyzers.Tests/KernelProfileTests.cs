using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of KernelProfileTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class KernelProfileTestsBase
    {
        protected const string New = """
            # bpfkernel 1
            name new
            release 6.18.0
            arch x86_64
            parts prog_types attach_types funcs btf_trace lsm iter struct_ops events kallsyms syscall_prefix

            [prog_types]
            kprobe
            lsm
            raw_tracepoint
            sched_cls
            tracepoint
            tracing
            [attach_types]
            lsm_mac
            tcx_ingress
            trace_fentry
            trace_fexit
            trace_iter
            trace_kprobe_multi
            trace_kprobe_session
            trace_raw_tp
            [funcs]
            do_unlinkat
            kmem_cache_alloc_noprof
            nf_conntrack:nf_confirm
            tcp_v4_connect
            [btf_trace]
            block_io_start
            sched_switch
            [lsm]
            bprm_check_security
            file_open
            [iter]
            task
            [struct_ops]
            tcp_congestion_ops
            [events]
            sched/sched_switch
            syscalls/sys_enter_openat
            [kallsyms]
            __x64_sys_openat
            do_unlinkat
            [syscall_prefix]
            __x64_sys_
            """;

        protected const string Old = """
            # bpfkernel 1
            name old
            release 6.1.0
            arch x86_64
            parts prog_types attach_types funcs btf_trace lsm iter struct_ops

            [prog_types]
            kprobe
            lsm
            raw_tracepoint
            sched_cls
            tracepoint
            tracing
            [attach_types]
            lsm_mac
            trace_fentry
            trace_fexit
            trace_iter
            trace_kprobe_multi
            trace_raw_tp
            [funcs]
            do_unlinkat
            kmem_cache_alloc
            tcp_v4_connect
            [btf_trace]
            sched_switch
            [lsm]
            bprm_check_security
            file_open
            [iter]
            task
            [struct_ops]
            tcp_congestion_ops
            """;

        protected static Task Run(string source, string[] profiles, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + source };
            for (int i = 0; i < profiles.Length; i++)
            {
                test.TestState.AdditionalFiles.Add(($"/kernels/k{i}.bpfkernel", profiles[i]));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>Applies the best fix to <paramref name="source"/> under <paramref name="profile"/> and expects <paramref name="fixedSource"/>.</summary>
        protected static Task Fix(string source, string fixedSource, string profile)
        {
            var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + source, FixedCode = "using BpfAnalyzers;\n" + fixedSource };
            test.TestState.AdditionalFiles.Add(("/kernels/k0.bpfkernel", profile));
            test.FixedState.AdditionalFiles.Add(("/kernels/k0.bpfkernel", profile));
            return test.RunAsync(CancellationToken.None);
        }

        protected static string Program(string section, string loader = "") =>
            "static class P { " + loader + "[BpfSection(" + section + ")] static int Prog() => 0; }";
    }

    /// <summary>
    /// BPF0025-BPF0029 (issue 22): attach targets against the kernels the project ships to, their profiles given as
    /// additional files (<c>.bpfkernel</c>, what the package makes of <c>BpfKernel</c> items). Two hand-written profiles:
    /// "new" (6.18-like) and "old" (6.1-like, no tcx, the pre-6.10 allocator names).
    /// </summary>
    public class KernelProfileTests : KernelProfileTestsBase
    {
        [Fact]
        public Task Targets_every_kernel_has_module_forms_included_are_clean() => Run(
            "static class P {\n" +
            "  [BpfSection(\"fentry/do_unlinkat\")] static int A() => 0;\n" +
            "  [BpfSection(\"fentry/nf_conntrack:nf_confirm\")] static int B() => 0;\n" +
            "  [BpfSection(\"fentry/nf_confirm\")] static int C() => 0;\n" +
            "  [BpfSection(\"tp_btf/sched_switch\")] static int D() => 0;\n" +
            "  [BpfSection(\"iter/task\")] static int E() => 0;\n" +
            "  [BpfSection(\"tp/sched/sched_switch\")] static int F() => 0;\n" +
            "  [BpfSection(\"kprobe/do_unlinkat+0x10\")] static int G() => 0;\n" +
            "  [BpfSection(\"ksyscall/openat\")] static int H() => 0;\n" +
            "  [BpfSection(\"raw_tp/sched_switch\")] static int I() => 0;\n" +
            "}",
            new[] { New });

        [Fact]
        public Task A_part_a_profile_lacks_judges_nothing() => Run(
            Program("\"tp/sched/sched_swich\""),
            new[] { Old });

        [Fact]
        public Task A_loader_that_sets_the_attach_target_waives_the_BTF_lookup() => Run(
            Program("\"fentry/nope\"", "[BpfLoader(SetsAttachTarget = true)] "),
            new[] { New });

        /// <summary>
        /// The package passes each profile's modified time (BpfKernelStamp): under the same path and time a profile is the
        /// one already parsed in this process and is not read again; a new time (the file changed) reads it anew.
        /// </summary>
        [Fact]
        public async Task A_profile_is_kept_under_its_path_and_modified_time()
        {
            string path = "/kernels/stamped-" + System.Guid.NewGuid().ToString("N") + ".bpfkernel";
            Task RunStamped(string profile, string stamp, string source, params DiagnosticResult[] expected)
            {
                var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + source };
                test.TestState.AdditionalFiles.Add((path, profile));
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n[{path}]\nbuild_metadata.AdditionalFiles.BpfKernelStamp = {stamp}\n"));
                test.ExpectedDiagnostics.AddRange(expected);
                return test.RunAsync(CancellationToken.None);
            }

            string typo = Program("\"fentry/{|#0:tcp_v4_connet|}\"");
            await RunStamped(New, "2026-12-04 01:00:00.0000000", typo, Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "fentry/tcp_v4_connet", "kernel new (6.18.0)", "kernel function 'tcp_v4_connet' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'tcp_v4_connet': -ESRCH", "; did you mean 'fentry/tcp_v4_connect'?"));

            // Same path, same time: the kept profile answers (its name is still "new"), whatever the text says now.
            string renamed = New.Replace("name new", "name other", System.StringComparison.Ordinal);
            await RunStamped(renamed, "2026-12-04 01:00:00.0000000", typo, Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "fentry/tcp_v4_connet", "kernel new (6.18.0)", "kernel function 'tcp_v4_connet' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'tcp_v4_connet': -ESRCH", "; did you mean 'fentry/tcp_v4_connect'?"));

            // A new time: read again.
            await RunStamped(renamed, "2026-12-04 01:05:00.0000000", typo, Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "fentry/tcp_v4_connet", "kernel other (6.18.0)", "kernel function 'tcp_v4_connet' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'tcp_v4_connet': -ESRCH", "; did you mean 'fentry/tcp_v4_connect'?"));
        }
    }
}
