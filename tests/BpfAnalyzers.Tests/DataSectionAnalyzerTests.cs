using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// <c>[BpfSection]</c> on fields and properties, in DotnetEbpf's shape: its own attribute (primary constructor,
    /// methods and fields), dntc's renaming attributes, a license field, map fields, and tracepoint, uprobe and
    /// perf_event programs. What the attribute decorates decides the rules.
    /// </summary>
    public class DataSectionAnalyzerTests
    {
        /// <summary>The framework's declarations, written as DotnetEbpf and dntc declare theirs.</summary>
        private const string Framework = """
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

        private static Task Check(string source, string? version = null) =>
            Verify.Analyzer(source + "\n" + Framework, version is null ? null : "bpf_libbpf_version = " + version);

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
        public Task The_fix_rewrites_an_unknown_data_name_to_the_best_data_section() =>
            Verify.Fix(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|BPF0024:\".data_counters\"|})] static int A; [DotnetEbpf.Core.BpfSection({|BPF0024:\"rodata\"|})] static int B; }" + "\n" + Framework,
                "\nstatic class G { [DotnetEbpf.Core.BpfSection(\".data.counters\")] static int A; [DotnetEbpf.Core.BpfSection(\".rodata\")] static int B; }" + "\n" + Framework);

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
        public Task A_program_section_on_a_readonly_field_is_fixed_to_rodata() =>
            Verify.Fix(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|BPF0024:\"tp/syscalls/sys_enter_write\"|})] static readonly int V; }" + "\n" + Framework,
                "\nstatic class G { [DotnetEbpf.Core.BpfSection(\".rodata\")] static readonly int V; }" + "\n" + Framework);

        [Fact]
        public Task A_data_section_on_a_method_stays_BPF0007() => Check("""
            static class P { [DotnetEbpf.Core.BpfSection({|BPF0007:".rodata"|})] static int Prog() => 0; }
            """);

        [Fact]
        public Task Named_bss_sections_need_libbpf_1_1_and_the_message_says_so() =>
            Verify.Analyzer(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|#0:\".bss.counters\"|})] static int V; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => V; }" + "\n" + Framework,
                "bpf_libbpf_version = 1.0",
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 1.0", ".bss.counters", "libbpf 1.1 or newer",
                    "elf: skipping unrecognized data section(N) .bss.counters\" then \"prog 'P': bad map relo against 'V' in section '.bss.counters'", ""));

        [Theory]
        [InlineData("0.5", ".data.counters", "BPF0005")]
        [InlineData("0.6", ".data.counters", null)]
        [InlineData("1.1", ".struct_ops.link", "BPF0005")]
        [InlineData("1.3", ".addr_space.1", "BPF0005")]
        [InlineData("1.4", ".addr_space.1", null)]
        [InlineData("0.6", "maps", null)]
        [InlineData("0.7", "maps", "BPF0004")]
        [InlineData("1.0", "maps", "BPF0019")]
        [InlineData("1.7", ".kconfig", "BPF0021")]
        [InlineData("1.7", ".ksyms", "BPF0021")]
        [InlineData("1.7", ".jumptables", "BPF0021")]
        [InlineData("1.1", ".bss.x", null)]
        public Task Each_data_name_behaves_as_that_release_of_libbpf(string version, string name, string? id) =>
            Check(
                "static class G { [DotnetEbpf.Core.BpfSection(" + (id is null ? "\"" + name + "\"" : "{|" + id + ":\"" + name + "\"|}") + ")] static int V; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => V; }",
                version);

        [Fact]
        public Task A_scalar_in_maps_or_struct_ops_is_an_error_a_map_struct_is_not() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0021:".maps"|})] static int Counter;
                [DotnetEbpf.Core.BpfSection({|BPF0021:".struct_ops"|})] static long Ops;
                [DotnetEbpf.Core.BpfSection(".maps")] static DotnetEbpf.Core.RingBufferMap Events;
            }
            """, "1.1");

        [Fact]
        public Task Version_must_be_four_bytes() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0021:"version"|})] static long Wide;
            }
            """);

        [Fact]
        public Task A_program_using_a_license_or_version_global_is_an_error_that_names_the_program() =>
            Verify.Analyzer(
                """

                    using DotnetEbpf.Core;
                    static class P
                    {
                        [BpfSection("version")] static int V;
                        [BpfSection("license")] static string L = "GPL";

                        [Dntc.Attributes.CustomFunctionName("handle_tp")]
                        [BpfSection("tp/syscalls/sys_enter_write")]
                        static int Handle(int ctx) => {|#0:V|};

                        [BpfSection("xdp")] static int Other(int ctx) { {|#1:L|} = "MIT"; return nameof(L).Length; }
                    }
                    """ + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.DataSectionMisfit)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "V", "version",
                    "libbpf makes no map of 'version', so a program cannot use 'V'; the object fails to open",
                    "; libbpf prints \"prog 'handle_tp': bad map relo against 'V' in section 'version'\""),
                Verify.Diagnostic(Descriptors.Of(Rules.DataSectionMisfit)).WithLocation(1).WithArguments(
                    "libbpf 1.1", "L", "license",
                    "libbpf makes no map of 'license', so a program cannot use 'L'; the object fails to open",
                    "; libbpf prints \"prog 'Other': bad map relo against 'L' in section 'license'\""));

        [Fact]
        public Task CustomFunctionName_names_the_program_in_messages() =>
            Verify.Analyzer(
                """

                    static class P
                    {
                        [Dntc.Attributes.CustomFunctionName("handle_tp")]
                        [DotnetEbpf.Core.BpfSection({|#0:"xdpblah"|})]
                        static int HandleTracePoint(int ctx) => 0;
                    }
                    """ + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.UnknownSection)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "xdpblah", "prog 'handle_tp': missing BPF prog type, check ELF section name 'xdpblah'", "; did you mean 'xdp'?"));

        [Fact]
        public Task CustomFieldName_names_the_global_in_messages() =>
            Verify.Analyzer(
                "\nstatic class G { [Dntc.Attributes.CustomFieldName(\"my_pid\")] [DotnetEbpf.Core.BpfSection({|#0:\"xdp\"|})] static int MyPid; [DotnetEbpf.Core.BpfSection(\"socket\")] static int P() => MyPid; }" + "\n" + Framework,
                "bpf_libbpf_version = 1.1",
                Verify.Diagnostic(Descriptors.Of(Rules.ProgramSectionOnData)).WithLocation(0).WithArguments(
                    "libbpf 1.1", "xdp", "xdp", "my_pid", "prog 'P': bad map relo against 'my_pid' in section 'xdp'", "'.data' or '.rodata' or '.bss'"));

        [Fact]
        public Task Our_own_attribute_allows_fields_and_properties() => Verify.Analyzer("""
            using BpfAnalyzers;
            static class G
            {
                [BpfSection(".rodata")] static readonly int Pid = 0;
                [BpfSection(".data")] static int Count { get; set; }
                [BpfSection({|BPF0024:".rodat"|})] static int Typo;
            }
            """);
    
        [Fact]
        public Task Null_empty_and_padded_names_on_fields_are_malformed() => Check("""
            static class G
            {
                [DotnetEbpf.Core.BpfSection({|BPF0006:null|})] static int A;
                [DotnetEbpf.Core.BpfSection({|BPF0006:""|})] static int B;
                [DotnetEbpf.Core.BpfSection({|BPF0006:" .data"|})] static int C;
            }
            """);

        [Fact]
        public Task Fix_All_fixes_unknown_data_names_and_program_sections_on_fields_together() =>
            Verify.Fix(
                """
                static class G
                {
                    [DotnetEbpf.Core.BpfSection({|BPF0024:".rodat"|})] static readonly int A;
                    [DotnetEbpf.Core.BpfSection({|BPF0024:"xdp"|})] static int B;
                    [DotnetEbpf.Core.BpfSection({|BPF0001:"xdpblah"|})] static int Prog() => 0;
                }
                """ + "\n" + Framework,
                """
                static class G
                {
                    [DotnetEbpf.Core.BpfSection(".rodata")] static readonly int A;
                    [DotnetEbpf.Core.BpfSection(".data")] static int B;
                    [DotnetEbpf.Core.BpfSection("xdp")] static int Prog() => 0;
                }
                """ + "\n" + Framework);

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
