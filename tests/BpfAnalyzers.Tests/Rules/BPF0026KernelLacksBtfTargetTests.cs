using System.Threading.Tasks;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0026: BTF attach target missing on a kernel the project ships to (KernelProfileTests sources).</summary>
    public class BPF0026KernelLacksBtfTargetTests : KernelProfileTestsBase
    {
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
        public Task The_fix_writes_the_kernels_name() =>
            Fix(Program("\"fentry/{|BPF0026:tcp_v4_connet|}\""), Program("\"fentry/tcp_v4_connect\""), New);

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

        [Theory]
        // libbpf 1.5's MODULE:FUNC: a function in another module is fixed to where it is, then to the bare name.
        [InlineData("fentry/{|#0:nf_nat:nf_confirm|}", "nf_nat:nf_confirm", "; did you mean 'fentry/nf_conntrack:nf_confirm' or 'fentry/nf_confirm'?")]
        // A vmlinux function under a module's name: the bare name (vmlinux is searched first).
        [InlineData("fentry/{|#0:nf_conntrack:do_unlinkat|}", "nf_conntrack:do_unlinkat", "; did you mean 'fentry/do_unlinkat'?")]
        // A typo inside the module form keeps the module.
        [InlineData("fentry/{|#0:nf_conntrack:nf_confrm|}", "nf_conntrack:nf_confrm", "; did you mean 'fentry/nf_conntrack:nf_confirm'?")]
        public Task A_module_colon_function_is_fixed_in_the_module_form(string section, string wanted, string didYouMean) => Run(
            Program("\"" + section + "\""),
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", section.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), "kernel new (6.18.0)",
                $"kernel function '{wanted}' is not in its BTF (vmlinux and modules)",
                $"prog 'Prog': failed to find kernel BTF type ID of '{wanted}': -ESRCH",
                didYouMean));

        [Fact]
        public Task The_module_forms_libbpf_1_5_reads_are_clean() => Run(
            "static class P {\n" +
            "  [BpfSection(\"fentry/nf_conntrack:nf_confirm\")] static int A() => 0;\n" +
            "  [BpfSection(\"fentry/vmlinux:do_unlinkat\")] static int B() => 0;\n" +
            "  [BpfSection(\"fexit/nf_confirm\")] static int C() => 0;\n" +
            "}",
            new[] { New });

        [Fact]
        public Task A_struct_ops_map_whose_struct_the_kernel_lacks_fails_the_open() => Run(
            "namespace Dntc.Attributes { public class NativeTypeAttribute(string name, string header) : System.Attribute { } }\n" +
            "[Dntc.Attributes.NativeType(\"struct tcp_congestion_opz\", null)] public struct Ops { public int Flags; }\n" +
            "[Dntc.Attributes.NativeType(\"struct tcp_congestion_ops\", null)] public struct GoodOps { public int Flags; }\n" +
            "public struct Unnamed { public int Flags; }\n" +
            "static class P {\n" +
            "  [BpfSection({|#0:\".struct_ops\"|})] static Ops A;\n" +
            "  [BpfSection(\".struct_ops.link\")] static GoodOps B;\n" +
            // No C name known (no [NativeType]): not judged, a guess could be a false error.
            "  [BpfSection(\".struct_ops\")] static Unnamed C;\n" +
            "}",
            new[] { New },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksBtfTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", ".struct_ops", "kernel new (6.18.0)",
                "struct_ops type 'tcp_congestion_opz' (struct bpf_struct_ops_tcp_congestion_opz) is not in its BTF (vmlinux and modules)",
                "struct_ops init_kern: struct bpf_struct_ops_tcp_congestion_opz is not found in kernel BTF",
                "; the kernel's struct_ops types nearest it: 'tcp_congestion_ops'"));
    }
}
