using System.Threading.Tasks;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0025: Invalid kernel profile (KernelProfileTests sources).</summary>
    public class BPF0025InvalidKernelProfileTests : KernelProfileTestsBase
    {
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
