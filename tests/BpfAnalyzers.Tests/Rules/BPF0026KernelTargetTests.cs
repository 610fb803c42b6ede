using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// BPF0025-BPF0029 (issue 22): attach targets against the kernels the project ships to, their profiles given as
    /// additional files (<c>.bpfkernel</c>, what the package makes of <c>BpfKernel</c> items). Two hand-written profiles:
    /// "new" (6.18-like) and "old" (6.1-like, no tcx, the pre-6.10 allocator names).
    /// </summary>
    public class BPF0026KernelTargetTests
    {
        private const string New = """
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
            trace_iter
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

        private const string Old = """
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
            trace_iter
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

        private static Task Run(string source, string[] profiles, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + source };
            for (int i = 0; i < profiles.Length; i++)
            {
                test.TestState.AdditionalFiles.Add(($"/kernels/k{i}.bpfkernel", profiles[i]));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        private static string Program(string section, string loader = "") =>
            "static class P { " + loader + "[BpfSection(" + section + ")] static int Prog() => 0; }";

        [Fact]
        public Task A_typo_of_a_kernel_function_is_an_error_with_the_function_as_fix() => Run(
            Program("\"fentry/{|#0:tcp_v4_connet|}\""),
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "fentry/tcp_v4_connet", "kernel new (6.18.0)",
                "kernel function 'tcp_v4_connet' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'tcp_v4_connet': -ESRCH",
                "; did you mean 'fentry/tcp_v4_connect'?"));

        [Fact]
        public Task The_fix_writes_the_kernels_name()
        {
            var test = new Verify.Test
            {
                TestCode = "using BpfAnalyzers;\n" + Program("\"fentry/{|BPF0026:tcp_v4_connet|}\""),
                FixedCode = "using BpfAnalyzers;\n" + Program("\"fentry/tcp_v4_connect\""),
            };
            test.TestState.AdditionalFiles.Add(("/kernels/new.bpfkernel", New));
            test.FixedState.AdditionalFiles.Add(("/kernels/new.bpfkernel", New));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Present_on_one_kernel_absent_on_the_other_names_only_the_one_that_lacks_it_and_offers_the_optional_form() => Run(
            Program("\"tp_btf/{|#0:block_io_start|}\""),
            new[] { New, Old },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "tp_btf/block_io_start", "kernel old (6.1.0) (1 other profile has it)",
                "tracepoint 'block_io_start' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'block_io_start': -ESRCH",
                "; did you mean '?tp_btf/block_io_start'?"));

        [Fact]
        public Task A_renamed_allocator_function_is_fixed_to_its_new_name() => Run(
            Program("\"fentry/{|#0:kmem_cache_alloc|}\""),
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "fentry/kmem_cache_alloc", "kernel new (6.18.0)",
                "kernel function 'kmem_cache_alloc' is not in its BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'kmem_cache_alloc': -ESRCH",
                "; did you mean 'fentry/kmem_cache_alloc_noprof'?"));

        [Fact]
        public Task A_shortened_LSM_hook_reaches_the_full_one() => Run(
            Program("\"lsm/{|#0:bprm_check|}\""),
            new[] { New, Old },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "lsm/bprm_check", "kernels new (6.18.0) and old (6.1.0)",
                "LSM hook 'bprm_check' is not in their BTF (vmlinux and modules)",
                "prog 'Prog': failed to find kernel BTF type ID of 'bprm_check': -ESRCH",
                "; did you mean 'lsm/bprm_check_security'?"));

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
        public Task A_part_a_profile_lacks_judges_nothing() => Run(
            Program("\"tp/sched/sched_swich\""),
            new[] { Old });

        [Fact]
        public Task An_attach_type_an_old_kernel_lacks_is_an_error_naming_it() => Run(
            Program("{|#0:\"tcx/ingress\"|}"),
            new[] { New, Old },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksProgramType)).WithLocation(0).WithArguments(
                "libbpf 1.7", "tcx/ingress", "kernel old (6.1.0) (1 other profile has it)", "attach type", "tcx_ingress", "attach_type"));

        [Fact]
        public Task An_optional_program_s_missing_target_is_information() => Run(
            Program("{|#0:\"?tp_btf/block_io_start\"|}"),
            new[] { Old },
            Verify.Diagnostic(Descriptors.Of(Rules.OptionalProgramLacksTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "?tp_btf/block_io_start", "kernel old (6.1.0)", "tracepoint 'block_io_start' is not in its BTF (vmlinux and modules)"));

        [Fact]
        public Task A_loader_that_sets_the_attach_target_waives_the_BTF_lookup() => Run(
            Program("\"fentry/nope\"", "[BpfLoader(SetsAttachTarget = true)] "),
            new[] { New });

        [Theory]
        [InlineData("", "empty, where a kernel profile starts with '# bpfkernel 1'")]
        [InlineData("# bpfkernel 2\n", "format 'bpfkernel 2', where this BpfAnalyzers reads 'bpfkernel 1': make the profile again with this release's bpf-sections")]
        [InlineData("# bpfkernel 1\nname x\nrelease r\narch x86_64\nparts funcs lsm\n\n[funcs]\nf\n", "the 'parts' line declares 'lsm', and the file has no [lsm]: truncated")]
        public Task A_bad_profile_is_BPF0025_naming_it_and_checks_nothing(string profile, string says)
        {
            var test = new Verify.Test { TestCode = "using BpfAnalyzers;\n" + Program("\"fentry/nope\"") };
            test.TestState.AdditionalFiles.Add(("/kernels/bad.bpfkernel", profile));
            test.TestState.AdditionalFiles.Add(("/other/notes.txt", "not a profile: ignored"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.Of(Rules.InvalidKernelProfile)).WithNoLocation()
                .WithMessage($"Kernel profile /kernels/bad.bpfkernel: {says}; no attach target is checked against it"));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
