using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0020: BPF program section used for a global or map (DataSectionAnalyzerTests sources).</summary>
    public class BPF0020ProgramSectionOnDataOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task A_program_section_on_a_field_is_its_own_error() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0020:"xdp"|})] static int V;
                [DotnetEbpf.Core.BpfSection({|BPF0020:"tp/syscalls/sys_enter_write"|})] static int W;
                [DotnetEbpf.Core.BpfSection("socket")] static int P() => V + W;
            }
            """);

        [Fact]
        public Task CustomFieldName_names_the_global_in_messages() =>
            Verify.Analyzer(
                "\nstatic class G { [Dntc.Attributes.CustomFieldName(\"my_pid\")] [DotnetEbpf.Core.BpfSection({|#0:\"xdp\"|})] static int MyPid; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => MyPid; }" + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.ProgramSectionOnData)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "xdp", "xdp", "my_pid", "prog 'P': bad map relo against 'my_pid' in section 'xdp'", "'.data' or '.rodata' or '.bss'"));
    }
}
