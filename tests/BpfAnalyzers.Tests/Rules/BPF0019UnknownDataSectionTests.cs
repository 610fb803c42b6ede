using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0019: Unknown ELF data section for a global or map (DataSectionAnalyzerTests sources).</summary>
    public class BPF0019UnknownDataSectionOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Theory]
        [InlineData(".rodat", "; did you mean '.rodata'?")]
        [InlineData("data", "; did you mean '.data'?")]
        [InlineData(".data_counters", "; did you mean '.data.counters'?")]
        [InlineData("rodata", "; did you mean '.rodata'?")]
        [InlineData(".DATA", "; did you mean '.data' or '.rodata'?")]
        public Task An_unknown_data_name_is_an_error_quoting_libbpf_and_the_best_fix(string name, string didYouMean) =>
            Verify.Analyzer(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|#0:\"" + name + "\"|})] static int V; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => V; }" + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownDataSection)).WithLocation(0).WithArguments(
                    "libbpf 1.1",
                    name,
                    "V",
                    "it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it",
                    $"elf: skipping unrecognized data section(N) {name}\" then \"prog 'P': bad map relo against 'V' in section '{name}'",
                    didYouMean));

        [Fact]
        public Task The_samples_globals_raise_only_the_typo() => Verify.Analyzer("""
            using BpfAnalyzers;
            public struct RingBufferMap { }
            public static class Globals
            {
                [BpfSection("license")] public static string License = "Dual BSD/GPL";
                [BpfSection(".maps")] public static RingBufferMap Events;
                [BpfSection(".rodata")] public static readonly int TargetPid;
                [BpfSection(".data.counters")] public static long Packets;
                [BpfSection({|BPF0019:".rodat"|})] public static readonly int MinSize;
                [BpfSection("xdp")] public static int CountPackets(int ctx) => TargetPid == 0 && MinSize == 0 && Packets >= 0 ? 2 : 1;
            }
            """);

        [Fact]
        public Task The_message_names_the_program_that_reads_the_global() =>
            Verify.Analyzer(
                """
                static class P
                {
                    [Dntc.Attributes.CustomFieldName("my_pid")]
                    [DotnetEbpf.Core.BpfSection({|#0:".rodat"|})] static readonly int MyPid;

                    [DotnetEbpf.Core.BpfSection("perf_event")] static int Other(int ctx) => 0;

                    [Dntc.Attributes.CustomFunctionName("handle_tp")]
                    [DotnetEbpf.Core.BpfSection("tp/syscalls/sys_enter_write")]
                    static int HandleTracePoint(int ctx) => MyPid == ctx ? 1 : 0;
                }
                """ + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownDataSection)).WithLocation(0).WithArguments(
                    "libbpf 1.1", ".rodat", "my_pid",
                    "it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it",
                    "elf: skipping unrecognized data section(N) .rodat\" then \"prog 'handle_tp': bad map relo against 'my_pid' in section '.rodat'",
                    "; did you mean '.rodata'?"));
    }
}
