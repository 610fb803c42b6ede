using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>The target release and severities come from MSBuild and .editorconfig, as users expect.</summary>
    public class ConfigurationTests
    {
        private const string TcxProgram = """
            using BpfAnalyzers;
            static class Programs
            {
                [BpfSection({|#0:"tcx/ingress"|})] static int Handle() => 0;
            }
            """;

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

        [Fact]
        public Task An_unknown_version_is_reported_and_the_newest_is_used() =>
            Verify.Analyzer(
                TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"tcx/ingress\""),
                "build_property.BpfLibbpfVersion = 9.9",
                Verify.Diagnostic(Descriptors.InvalidConfiguration).WithNoLocation().WithArguments(
                    "BpfLibbpfVersion '9.9' is not a libbpf release with a section table (0.1 to 1.7); checking against libbpf 1.7"));

        [Fact]
        public Task Strict_mode_before_0_6_is_reported() =>
            Verify.Analyzer(
                TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"xdp\""),
                "build_property.BpfLibbpfVersion = 0.5\nbuild_property.BpfStrictSectionNames = true",
                Verify.Diagnostic(Descriptors.InvalidConfiguration).WithNoLocation().WithArguments(
                    "BpfStrictSectionNames is true, but libbpf 0.5 has no LIBBPF_STRICT_SEC_NAME mode (it exists from 0.6)"));

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
