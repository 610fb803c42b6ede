using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0014: BPF program cannot be auto-attached (AttachTargetAnalyzerTests sources).</summary>
    public class BPF0014NoAutoAttachAttachTargetTests : AttachTargetAnalyzerTestsBase
    {
        [Fact]
        public Task Bare_kprobe_is_informational() =>
            Verify.Analyzer(
                Program("[BpfSection(\"{|#0:kprobe|}\")]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NoAutoAttach)).WithLocation(0).WithMessage(
                    "Section 'kprobe' loads under libbpf 1.7, but libbpf cannot auto-attach it: bare 'kprobe' names no kernel function, so attach_kprobe() attaches nothing; libbpf prints nothing: the skeleton skips the program, and bpf_program__attach() fails with -EOPNOTSUPP"));

        [Theory]
        [InlineData("uprobe")]
        [InlineData("usdt")]
        [InlineData("tp")]
        [InlineData("raw_tp")]
        [InlineData("ksyscall")]
        [InlineData("kprobe.multi")]
        [InlineData("?tracepoint")]
        public Task Bare_forms_get_the_info(string name) =>
            Verify.Analyzer(Program($"[BpfSection(\"{name.Substring(0, name.Length - name.TrimStart('?').Length)}{{|BPF0014:{name.TrimStart('?')}|}}\")]"));

        [Fact]
        public Task Before_0_8_uprobes_do_not_auto_attach() =>
            Verify.Analyzer(Program("[BpfSection(\"{|BPF0014:uprobe//bin/bash:readline|}\")]"), "build_property.BpfLibbpfVersion = 0.7");

        [Fact]
        public Task Attach_target_rules_can_be_turned_off_in_editorconfig()
        {
            var test = new Verify.Test { TestCode = Program("[BpfSection(\"kprobe\")]") };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.BPF0014.severity = none\n"));
            return test.RunAsync();
        }
    }

    /// <summary>BPF0014: BPF program cannot be auto-attached (DataSectionAnalyzerTests sources).</summary>
    public class BPF0014NoAutoAttachOnDataTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task Uprobe_and_perf_event_programs_with_a_license_and_a_ring_buffer_get_no_warning_or_error() => Check("""
            using Dntc.Attributes;
            using DotnetEbpf.Core;

            public static class Probes
            {
                [BpfLicense(BpfLicenseAttribute.DualBsdGpl)] public static string? License;
                [BpfSection(".maps")] [CustomFieldName("events")] public static RingBufferMap Events;

                [BpfSection("{|BPF0014:uprobe|}")] public static int UProbeAdd(int a, int b) => 0;
                [BpfSection("{|BPF0014:uretprobe|}")] public static int URetProbeAdd(int ret) => 0;
                [BpfSection("uprobe//proc/self/exe:uprobed_sub")] public static int UProbeSub(int a, int b) => 0;
                [BpfSection("uretprobe//proc/self/exe:uprobed_sub")] public static int URetProbeSub(int ret) => 0;

                [BpfSection("perf_event")] [CustomFunctionName("profile")] public static int RunProfile(int ctx) => 0;
            }
            """, "1.1");
    }
}
