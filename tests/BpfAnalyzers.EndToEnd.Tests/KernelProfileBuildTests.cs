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

        }

        [Fact]
        public async Task Raw_BTF_becomes_a_profile_under_obj_incrementally_and_bad_BTF_is_a_clear_error()
        {
            const string programs = """
                using BpfAnalyzers;

                public static class Programs
                {
                    [BpfSection("fentry/tcp_v4_connet")] public static int OnConnect(object ctx) => 0;
                    [BpfSection("fentry/tcp_v4_connect")] public static int OnConnected(object ctx) => 0;
                }
                """;

            // The MSBuild task turns the raw BTF into a profile under obj/; csc only ever sees that text (no CS2015).
            ConsumerProject raw = _package.NewConsumer("kernel-raw")
                .Source("Programs.cs", programs)
                .Item("<BpfKernel Include=\"/sys/kernel/btf/vmlinux\" Name=\"this-machine\" />");
            BuildOutcome first = await raw.BuildAsync();
            Assert.False(first.Succeeded, first.ToString());
            Assert.Equal(new[] { "Programs.cs(5,25): error BPF0026" }, first.BpfPositions);
            Assert.Contains("on kernel this-machine", first.Bpf[0].Message, System.StringComparison.Ordinal);
            Assert.Contains("did you mean 'fentry/tcp_v4_connect'", first.Bpf[0].Message, System.StringComparison.Ordinal);
            Assert.DoesNotContain("CS2015", first.Result.Output, System.StringComparison.Ordinal);
            string profile = Directory.GetFiles(Path.Combine(raw.Directory, "obj"), "vmlinux.bpfkernel", SearchOption.AllDirectories).Single();
            Assert.StartsWith("# bpfkernel 1\n", File.ReadAllText(profile), System.StringComparison.Ordinal);
            Assert.Contains("\nname this-machine\n", File.ReadAllText(profile), System.StringComparison.Ordinal);

            // An unchanged kernel costs the next build nothing: the target is skipped, the profile not rewritten.
            System.DateTime made = File.GetLastWriteTimeUtc(profile);
            BuildOutcome again = await raw.BuildAsync("-v:n");
            // (-v:n also prints lines that parse as diagnostics of other files: only the project's own are compared.)
            Assert.Equal(first.BpfPositions, again.BpfPositions.Where(p => p.StartsWith("Programs.cs", System.StringComparison.Ordinal)));
            Assert.Contains("Skipping target \"BpfMakeKernelProfiles\" because all output files are up-to-date", again.Result.Output, System.StringComparison.Ordinal);
            Assert.Equal(made, File.GetLastWriteTimeUtc(profile));

            // Junk and truncated BTF: error BPF0025 naming the file, no crash, nothing handed to csc.
            var junk = new byte[4096];
            new System.Random(22).NextBytes(junk);
            byte[] vmlinux = File.ReadAllBytes("/sys/kernel/btf/vmlinux");
            ConsumerProject bad = _package.NewConsumer("kernel-bad-btf")
                .Source("Programs.cs", programs)
                .Item("<BpfKernel Include=\"junk.btf\" /><BpfKernel Include=\"truncated.btf\" />");
            File.WriteAllBytes(Path.Combine(bad.Directory, "junk.btf"), junk);
            File.WriteAllBytes(Path.Combine(bad.Directory, "truncated.btf"), vmlinux[..(vmlinux.Length / 3)]);
            BuildOutcome badBuild = await bad.BuildAsync();
            Assert.False(badBuild.Succeeded, badBuild.ToString());
            Assert.Contains("junk.btf", badBuild.Result.Output, System.StringComparison.Ordinal);
            Assert.Contains("truncated.btf", badBuild.Result.Output, System.StringComparison.Ordinal);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(badBuild.Result.Output, @"error BPF0025: [^\n]*\.btf").Select(m => m.Value).Distinct().Count());
            Assert.DoesNotContain("CS2015", badBuild.Result.Output, System.StringComparison.Ordinal);
            Assert.DoesNotContain("MSB4018", badBuild.Result.Output, System.StringComparison.Ordinal);
        }
    }
}
