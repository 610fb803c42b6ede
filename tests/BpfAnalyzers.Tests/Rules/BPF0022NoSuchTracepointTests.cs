using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// BPF0022: a tracepoint name auto-attach hands to the kernel that no kernel can have, in every release that
    /// auto-attaches it; the part libbpf hands over is underlined, and a loader that attaches in code waives it.
    /// </summary>
    public class BPF0022NoSuchTracepointTests : AttachTargetAnalyzerTestsBase
    {
        public static TheoryData<string> Names() => new()
        {
            // attach_raw_tp() passes the name to bpf_raw_tracepoint_open(): the kernel's names are C identifiers.
            "raw_tp/{|BPF0022:/foo|}",
            "raw_tp/{|BPF0022:sched-switch|}",
            "raw_tracepoint/{|BPF0022:sched switch|}",
            // attach_tp() reads tracefs events/CATEGORY/NAME/id: NAME holds no '/'.
            "tp/sched/{|BPF0022:sched_switch/x|}",
            "tracepoint/sched/{|BPF0022:sched_switch/x|}",
        };

        [Theory]
        [MemberData(nameof(Names))]
        public async Task Flagged_in_every_release(string marked)
        {
            foreach (string version in new[] { "0.1", "0.5", "0.8", "1.0", "1.4", "1.7", "main" })
            {
                await Verify.Analyzer(Program($"[BpfSection(\"{marked}\")]"), "build_property.BpfLibbpfVersion = " + version);
            }
        }

        [Theory]
        [InlineData("raw_tp/sched_switch")]
        [InlineData("raw_tp/9p_client_req")]
        [InlineData("raw_tracepoint/4")]
        [InlineData("tp/sched/sched_switch")]
        [InlineData("tp/9p/9p_client_req")]
        [InlineData("tp/kvm/kvm-exit")]
        public Task Names_a_kernel_could_have_are_left_to_the_kernel(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name}\")]"));

        [Fact]
        public Task A_loader_that_attaches_in_code_waives_it() =>
            Verify.Analyzer(Program("[BpfSection(\"raw_tp//foo\")] [BpfLoader(AttachesInCode = true)]"));
    }
}
