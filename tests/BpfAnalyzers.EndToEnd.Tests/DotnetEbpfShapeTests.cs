using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// A project shaped as DotnetEbpf (KallDrexx/DotnetEbpf) writes one: its own <c>BpfSectionAttribute(string section)</c>
    /// with a primary constructor on methods (programs) and static fields (globals and maps), dntc's
    /// <c>[CustomFunctionName]</c>, a license field. Built against the packed package with warnings as errors,
    /// as a user's CI builds it. The sources are written here in that shape, not copied.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class DotnetEbpfShapeTests
    {
        private const string Framework = """
            using System;

            namespace DotnetEbpf.Core
            {
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.Field)]
                public class BpfSectionAttribute(string section) : Attribute
                {
                    public string Section { get; } = section;
                }

                [AttributeUsage(AttributeTargets.Field)]
                public class BpfLicenseAttribute(string license) : Attribute
                {
                    public const string DualBsdGpl = "Dual BSD/GPL";
                    public string License { get; } = license;
                }

                public struct BpfMap
                {
                }
            }

            namespace Dntc.Attributes
            {
                [AttributeUsage(AttributeTargets.Method)]
                public class CustomFunctionNameAttribute(string name) : Attribute
                {
                    public string Name { get; } = name;
                }
            }

            """;

        private const string Programs = """
            using Dntc.Attributes;
            using DotnetEbpf.Core;

            namespace DotnetEbpfShaped
            {
                public static class Minimal
                {
                    [BpfSection("license")]
                    public static string License = BpfLicenseAttribute.DualBsdGpl;

                    [BpfSection(".maps")]
                    public static BpfMap Events;

                    [BpfSection(".rodata")]
                    public static int TargetPid;

                    [BpfSection(".data.counters")]
                    public static long Writes;

                    [BpfSection(".bss")]
                    public static int Seen;

                    [CustomFunctionName("handle_tp")]
                    [BpfSection("tp/syscalls/sys_enter_write")]
                    public static int HandleTracePoint(int ctx) => 0;

                    [BpfSection("perf_event")]
                    [CustomFunctionName("profile")]
                    public static int RunProfile(int ctx) => 0;

                    [BpfSection("uprobe//proc/self/exe:uprobed_sub")]
                    public static int UProbeSub(int a, int b) => 0;

                    [BpfSection("uretprobe//proc/self/exe:uprobed_sub")]
                    public static int URetProbeSub(int ret) => 0;
                }
            }

            """;

        private readonly PackedPackage _package;

        public DotnetEbpfShapeTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task A_DotnetEbpf_shaped_project_with_globals_and_maps_builds_under_TreatWarningsAsErrors_with_no_BPF_warning_or_error()
        {
            ConsumerProject consumer = _package.NewConsumer("dotnetebpf")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Framework.cs", Framework)
                .Source("Programs.cs", Programs);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.DoesNotContain(build.Bpf, d => d.Severity != "info");
        }
    }
}
