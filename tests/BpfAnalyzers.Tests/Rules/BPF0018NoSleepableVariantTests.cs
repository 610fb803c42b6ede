using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0018: BPF program type has no sleepable variant (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0018NoSleepableVariantAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Kprobe_has_no_sleepable_variant() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"kprobe.s/do_sys_open\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NoSleepableVariant)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "kprobe.s/do_sys_open",
                    "kprobe.s",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'kprobe.s/do_sys_open'",
                    "'kprobe/do_sys_open' ('kprobe' cannot sleep) or 'fentry.s/do_sys_open' (sleepable)"));
    }
}
