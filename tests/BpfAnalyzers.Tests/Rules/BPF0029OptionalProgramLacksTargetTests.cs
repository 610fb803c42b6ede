using System.Threading.Tasks;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0029: Optional program's target missing on some kernels (KernelProfileTests sources).</summary>
    public class BPF0029OptionalProgramLacksTargetTests : KernelProfileTestsBase
    {
        [Fact]
        public Task An_optional_program_s_missing_target_is_information() => Run(
            Program("{|#0:\"?tp_btf/block_io_start\"|}"),
            new[] { Old },
            Verify.Diagnostic(Descriptors.Of(Rules.OptionalProgramLacksTarget)).WithLocation(0).WithArguments(
                "libbpf 1.7", "?tp_btf/block_io_start", "kernel old (6.1.0)", "tracepoint 'block_io_start' is not in its BTF (vmlinux and modules)"));
    }
}
