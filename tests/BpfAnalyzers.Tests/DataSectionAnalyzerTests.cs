using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of DataSectionAnalyzerTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class DataSectionAnalyzerTestsBase
    {
        /// <summary>The framework's declarations, written as DotnetEbpf and dntc declare theirs.</summary>
        protected const string Framework = """
            namespace DotnetEbpf.Core
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field)]
                public class BpfSectionAttribute(string section) : System.Attribute { }

                [System.AttributeUsage(System.AttributeTargets.Field)]
                public class BpfLicenseAttribute(string license) : System.Attribute { public const string DualBsdGpl = "Dual BSD/GPL"; }

                public struct BpfMap { }
                public struct RingBufferMap { }
            }
            namespace Dntc.Attributes
            {
                public class CustomFunctionNameAttribute(string name) : System.Attribute { }
                public class CustomFieldNameAttribute(string name) : System.Attribute { }
            }
            """;

        protected static Task Check(string source, string? version = null) =>
            Verify.Analyzer(source + "\n" + Framework, version is null ? null : "bpf_libbpf_version = " + version);
    }

    /// <summary>
    /// <c>[BpfSection]</c> on fields and properties, in DotnetEbpf's shape: its own attribute (primary constructor,
    /// methods and fields), dntc's renaming attributes, a license field, map fields, and tracepoint, uprobe and
    /// perf_event programs. What the attribute decorates decides the rules.
    /// </summary>
    public class DataSectionAnalyzerTests : DataSectionAnalyzerTestsBase
    {
        [Fact]
        public Task Correct_DotnetEbpf_style_code_gets_no_diagnostic() => Check("""
            using Dntc.Attributes;
            using DotnetEbpf.Core;

            public static class Minimal
            {
                [BpfLicense(BpfLicenseAttribute.DualBsdGpl)]
                public static string? License;

                [BpfSection("license")] public static string Licence2 = "GPL";
                [BpfSection(".maps")] public static BpfMap Events;
                [BpfSection(".rodata")] public static readonly int MyPid;
                [BpfSection(".data.counters")] public static long Counter;
                [BpfSection(".bss")] public static int Zero;
                [BpfSection("version")] public static uint KernelVersion;

                [CustomFunctionName("handle_tp")]
                [BpfSection("tp/syscalls/sys_enter_write")]
                public static int HandleTracePoint(int ctx) => MyPid == ctx ? (int)Counter : Zero;

                [BpfSection("uprobe//proc/self/exe:uprobed_sub")] public static int UProbeSub(int a, int b) => 0;
                [BpfSection("perf_event")] public static int Profile(int ctx) => 0;
            }
            """);
    }
}
