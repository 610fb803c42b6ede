using System.Threading.Tasks;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0028: Program or attach type missing on a kernel the project ships to (KernelProfileTests sources).</summary>
    public class BPF0028KernelLacksProgramTypeTests : KernelProfileTestsBase
    {
        [Fact]
        public Task An_attach_type_an_old_kernel_lacks_is_an_error_naming_it() => Run(
            Program("{|#0:\"tcx/ingress\"|}"),
            new[] { New, Old },
            Verify.Diagnostic(Descriptors.Of(Rules.KernelLacksProgramType)).WithLocation(0).WithArguments(
                "libbpf 1.7", "tcx/ingress", "kernel old (6.1.0) (1 other profile has it)", "attach type", "tcx_ingress", "attach_type"));
    }
}
