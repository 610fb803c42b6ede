using System.Threading.Tasks;
using BpfAnalyzers.Sections;
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
                "build_property.BpfLibbpfVersion = 0.9",
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
                    "BpfLibbpfVersion '0.9' is not a libbpf release with a section table (0.1 to 1.7, or main); checking against libbpf 1.7"));

        private const string SleepableTracepointProgram = """
            using BpfAnalyzers;
            static class Programs
            {
                [BpfSection({|#0:"tp.s/syscalls/sys_enter_openat"|})] static int Handle() => 0;
            }
            """;

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

        [Theory]
        [InlineData("1.8")]
        [InlineData("1.8.0")]
        [InlineData("v2.0")]
        public Task A_release_newer_than_every_table_is_an_error_and_main_is_used(string value) =>
            Verify.Analyzer(
                // Checked against main meanwhile: what main accepts gets no error of its own.
                SleepableTracepointProgram.Replace("{|#0:", string.Empty).Replace("|}", string.Empty),
                "build_property.BpfLibbpfVersion = " + value,
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
                    $"BpfLibbpfVersion '{value}' is newer than every libbpf release with a section table (the newest is 1.7); " +
                    "set it to 'main' (libbpf's main branch at f7081a6baf3f, 2026-07-30) or to '1.7'; checking against libbpf main"));

        [Fact]
        public Task Strict_mode_before_0_6_is_reported() =>
            Verify.Analyzer(
                TcxProgram.Replace("{|#0:\"tcx/ingress\"|}", "\"xdp\""),
                "build_property.BpfLibbpfVersion = 0.5\nbuild_property.BpfStrictSectionNames = true",
                Verify.Diagnostic(Descriptors.Of(Rules.InvalidConfiguration)).WithNoLocation().WithArguments(
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
