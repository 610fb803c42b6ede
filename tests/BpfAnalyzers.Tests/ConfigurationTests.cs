using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The sources and helpers of ConfigurationTests and of the rule tests in Rules/ made from it.</summary>
    public abstract class ConfigurationTestsBase
    {
        protected const string TcxProgram = """
            using BpfAnalyzers;
            static class Programs
            {
                [BpfSection({|#0:"tcx/ingress"|})] static int Handle() => 0;
            }
            """;

        protected const string SleepableTracepointProgram = """
            using BpfAnalyzers;
            static class Programs
            {
                [BpfSection({|#0:"tp.s/syscalls/sys_enter_openat"|})] static int Handle() => 0;
            }
            """;
    }

    /// <summary>The target release and severities come from MSBuild and .editorconfig, as users expect.</summary>
    public class ConfigurationTests : ConfigurationTestsBase
    {
        [Fact]
        public Task The_default_target_is_the_newest_release() =>
            Verify.Analyzer(TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"tcx/ingress\""));

        [Fact]
        public Task The_msbuild_property_sets_the_target() =>
            Verify.Analyzer(TcxProgram, "build_property.BpfLibbpfVersion = 1.2", Verify.Diagnostic("BPF0005").WithLocation(0));

        [Fact]
        public Task A_patch_version_is_accepted() =>
            Verify.Analyzer(TcxProgram, "build_property.BpfLibbpfVersion = 1.1.2", Verify.Diagnostic("BPF0005").WithLocation(0));

        [Fact]
        public Task The_globalconfig_key_sets_the_target() =>
            Verify.Analyzer(TcxProgram, "bpf_libbpf_version = 1.2", Verify.Diagnostic("BPF0005").WithLocation(0));

        [Fact]
        public Task The_editorconfig_key_wins_over_the_msbuild_property()
        {
            var test = new Verify.Test { TestCode = TcxProgram };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.BpfLibbpfVersion = 1.7\n"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nbpf_libbpf_version = 1.2\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("BPF0005").WithLocation(0));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("main")]
        [InlineData("MAIN")]
        [InlineData(" Main ")]
        [InlineData("master")]
        public Task Main_targets_libbpfs_main_branch(string value) =>
            Verify.Analyzer(SleepableTracepointProgram.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), "build_property.BpfLibbpfVersion = " + value);

        [Fact]
        public Task The_editorconfig_key_takes_main() =>
            Verify.Analyzer(SleepableTracepointProgram.Replace("{|#0:", string.Empty).Replace("|}", string.Empty), "bpf_libbpf_version = main");

        [Fact]
        public Task The_newest_release_lacks_what_only_main_has() =>
            Verify.Analyzer(
                SleepableTracepointProgram,
                "build_property.BpfLibbpfVersion = 1.7",
                Verify.Diagnostic(Descriptors.Of(Rules.SectionNeedsNewerLibbpf)).WithLocation(0).WithArguments(
                    "libbpf 1.7",
                    "tp.s/syscalls/sys_enter_openat",
                    "libbpf main (not yet released)",
                    "prog 'Handle': missing BPF prog type, check ELF section name 'tp.s/syscalls/sys_enter_openat'", ""));

        [Fact]
        public Task A_rule_can_be_turned_off_in_editorconfig()
        {
            var test = new Verify.Test { TestCode = TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"kprobe/do_sys_open \"") };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.BPF0003.severity = none\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Pragma_warning_disable_suppresses() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                #pragma warning disable BPF0001
                    [BpfSection("xdpblah")] static int Handle() => 0;
                #pragma warning restore BPF0001
                }
                """);

        [Fact]
        public Task SuppressMessage_suppresses() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    [System.Diagnostics.CodeAnalysis.SuppressMessage("BpfSections", "BPF0001", Justification = "custom loader")]
                    [BpfSection("xdpblah")] static int Handle() => 0;
                }
                """);
    }
}
