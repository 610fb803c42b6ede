using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// Issue 22: <c>&lt;BpfKernel Include="..." /&gt;</c> in a project that installed the package. The build hands the profile
    /// to the analyzer (the package's targets) and the analyzer, from the package folder, checks against it.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public sealed class KernelProfileBuildTests
    {
        private const string Profile = """
            # bpfkernel 1
            name debian12
            release 6.1.0-37-amd64
            arch x86_64
            parts prog_types attach_types funcs btf_trace

            [prog_types]
            sched_cls
            tracing
            [attach_types]
            trace_fentry
            trace_raw_tp
            [funcs]
            tcp_v4_connect
            [btf_trace]
            sched_switch
            """;

        private readonly PackedPackage _package;

        public KernelProfileBuildTests(PackedPackage package) => _package = package;

        [Fact]
        public async Task A_BpfKernel_item_checks_attach_targets_and_a_project_without_one_is_unchanged()
        {
            const string programs = """
                using BpfAnalyzers;

                public static class Programs
                {
                    [BpfSection("fentry/tcp_v4_connet")] public static int OnConnect(object ctx) => 0;
                    [BpfSection("tp_btf/sched_switch")] public static int OnSwitch(object ctx) => 0;
                    [BpfSection("tcx/ingress")] public static int Ingress(object skb) => 0;
                }
                """;
            ConsumerProject without = _package.NewConsumer("kernel-none").Source("Programs.cs", programs);
            BuildOutcome plain = await without.BuildAsync();
            Assert.True(plain.Succeeded, plain.ToString());
            Assert.Empty(plain.Bpf);

            ConsumerProject with = _package.NewConsumer("kernel-debian12")
                .Source("Programs.cs", programs)
                .WriteFile("debian12.bpfkernel", Profile)
                .Item("<BpfKernel Include=\"debian12.bpfkernel\" />");
            BuildOutcome checkedBuild = await with.BuildAsync();
            Assert.False(checkedBuild.Succeeded, checkedBuild.ToString());
            Assert.Equal(new[] { "Programs.cs(5,25): error BPF0026", "Programs.cs(7,17): error BPF0028" }, checkedBuild.BpfPositions);
            Assert.Contains("on kernel debian12 (6.1.0-37-amd64)", checkedBuild.Bpf[0].Message, System.StringComparison.Ordinal);
            Assert.Contains("did you mean 'fentry/tcp_v4_connect'?", checkedBuild.Bpf[0].Message, System.StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(with.Directory, "debian12.bpfkernel"), "# bpfkernel 2\n");
            BuildOutcome bad = await with.BuildAsync();
            Assert.False(bad.Succeeded, bad.ToString());
            Assert.Contains("error BPF0025: Kernel profile ", bad.Result.Output, System.StringComparison.Ordinal);
            Assert.Empty(bad.Bpf);

            // Raw BTF never reaches csc as an additional file (CS2015): the build warns and checks nothing with it.
            ConsumerProject raw = _package.NewConsumer("kernel-raw")
                .Source("Programs.cs", programs)
                .Item("<BpfKernel Include=\"/sys/kernel/btf/vmlinux\" />");
            BuildOutcome rawBuild = await raw.BuildAsync();
            Assert.True(rawBuild.Succeeded, rawBuild.ToString());
            Assert.Contains("warning BPF0025: BpfKernel '/sys/kernel/btf/vmlinux' is not a kernel profile", rawBuild.Result.Output, System.StringComparison.Ordinal);
            Assert.DoesNotContain("CS2015", rawBuild.Result.Output, System.StringComparison.Ordinal);
        }
    }
}
