using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// BPF0024 (issue 24): a global in a data section libbpf skips is a load failure only when a program uses it ("bad map
    /// relo"). With no such use anywhere in the compilation it is a warning (libxdp's <c>.xdp_run_config</c>,
    /// <c>xdp_metadata</c>, xdp-filter's <c>features</c>); with one, in any file, the error it always was.
    /// </summary>
    public class BPF0024SkippedDataSectionUnusedTests
    {
        private const string Framework = """
            namespace DotnetEbpf.Core
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field)]
                public class BpfSectionAttribute(string section) : System.Attribute { }
            }
            namespace Dntc.Attributes
            {
                public class CustomFunctionNameAttribute(string name) : System.Attribute { }
            }
            public struct XdpRunConfig { public int Priority; public int ChainCallActions; }
            """;

        private static string Message(string version, string section, string variable, string why, string didYouMean = "") =>
            $"libbpf {version} skips section '{section}' and global '{variable}' with it: {why}; no program uses '{variable}', so the object opens, " +
            $"and a loader may read the section from the ELF file itself (libxdp reads '.xdp_run_config'), but a program that uses '{variable}' would fail to open " +
            $"(libbpf prints \"prog 'PROG': bad map relo against '{variable}' in section '{section}'\"){didYouMean}";

        private static Task Run(string[] sources, string? version, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test();
            foreach (string source in sources)
            {
                test.TestState.Sources.Add(source);
            }

            test.TestState.Sources.Add(Framework);
            test.Configure(version is null ? null : "bpf_libbpf_version = " + version);
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData(".xdp_run_config")]
        [InlineData("xdp_metadata")]
        [InlineData("features")]
        public Task A_libxdp_section_no_program_reads_is_a_warning_not_an_error(string section) => Run(
            new[] { "static class G { [DotnetEbpf.Core.BpfSection({|#0:\"" + section + "\"|})] static XdpRunConfig Config; }" },
            "1.1",
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message("1.1", section, "Config", "it is not a section libbpf reads globals or maps from")));

        [Fact]
        public Task A_typo_no_program_reads_is_a_warning_with_the_fix() => Run(
            new[] { "static class G { [DotnetEbpf.Core.BpfSection({|#0:\".rodat\"|})] static readonly int MyPid; }" },
            "1.7",
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message("1.7", ".rodat", "MyPid", "it is not a section libbpf reads globals or maps from", "; did you mean '.rodata'?")));

        [Fact]
        public Task A_section_only_a_later_release_reads_is_a_warning_when_unused() => Run(
            new[] { "static class G { [DotnetEbpf.Core.BpfSection({|#0:\".bss.counters\"|})] static int V; }" },
            "1.0",
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message("1.0", ".bss.counters", "V", "libbpf 1.1 is the first release that reads it")));

        [Fact]
        public Task A_program_section_on_an_unused_global_is_a_warning() => Run(
            new[] { "static class G { [DotnetEbpf.Core.BpfSection({|#0:\"xdp\"|})] static int V; }" },
            "1.7",
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message("1.7", "xdp", "V", "it is a program section (xdp), where libbpf looks for code, not data", "; did you mean '.data' or '.rodata' or '.bss'?")));

        [Fact]
        public Task A_use_in_a_program_in_another_file_makes_it_the_error_naming_that_program() => Run(
            new[]
            {
                "public static class G { [DotnetEbpf.Core.BpfSection({|#0:\".rodat\"|})] public static readonly int MyPid; }",
                """
                public static class P
                {
                    [Dntc.Attributes.CustomFunctionName("handle_tp")]
                    [DotnetEbpf.Core.BpfSection("tp/syscalls/sys_enter_write")]
                    public static int Handle(int ctx) => G.MyPid == ctx ? 1 : 0;
                }
                """,
            },
            "1.1",
            Verify.Diagnostic(Descriptors.Of(Rules.UnknownDataSection)).WithLocation(0).WithArguments(
                "libbpf 1.1", ".rodat", "MyPid",
                "it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it",
                "elf: skipping unrecognized data section(N) .rodat\" then \"prog 'handle_tp': bad map relo against 'MyPid' in section '.rodat'",
                "; did you mean '.rodata'?"));

        [Fact]
        public Task A_use_in_a_helper_a_program_calls_counts_as_that_programs_use() => Run(
            new[]
            {
                "public static class G { [DotnetEbpf.Core.BpfSection({|#0:\".xdp_run_config\"|})] public static XdpRunConfig Config; }",
                """
                public static class Helpers { public static int Priority() => Local(); private static int Local() => G.Config.Priority; }
                public static class P { [DotnetEbpf.Core.BpfSection("xdp")] public static int Filter(int ctx) => Helpers.Priority(); }
                """,
            },
            "1.7",
            Verify.Diagnostic(Descriptors.Of(Rules.UnknownDataSection)).WithLocation(0).WithArguments(
                "libbpf 1.7", ".xdp_run_config", "Config",
                "it is not a section libbpf reads globals or maps from, so libbpf skips it and the global with it",
                "elf: skipping unrecognized data section(N) .xdp_run_config\" then \"prog 'Filter': bad map relo against 'Config' in section '.xdp_run_config'",
                string.Empty));

        [Fact]
        public Task Nameof_and_uses_outside_any_program_are_not_uses() => Run(
            new[]
            {
                "public static class G { [DotnetEbpf.Core.BpfSection({|#0:\".xdp_run_config\"|})] public static XdpRunConfig Config; }",
                """
                public static class Loader { public static string Name => nameof(G.Config); public static int Read() => G.Config.Priority; }
                public static class P { [DotnetEbpf.Core.BpfSection("xdp")] public static int Filter(int ctx) => nameof(G.Config).Length; }
                """,
            },
            "1.7",
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message("1.7", ".xdp_run_config", "Config", "it is not a section libbpf reads globals or maps from")));

        [Fact]
        public Task A_use_of_a_license_global_in_another_files_program_is_reported_at_the_use() => Run(
            new[]
            {
                "public static class G { [DotnetEbpf.Core.BpfSection(\"license\")] public static string License = \"GPL\"; }",
                "public static class P { [DotnetEbpf.Core.BpfSection(\"xdp\")] public static int Filter(int ctx) => {|#0:G.License|}.Length; }",
            },
            "1.7",
            Verify.Diagnostic(Descriptors.Of(Rules.DataSectionMisfit)).WithLocation(0).WithArguments(
                "libbpf 1.7", "License", "license",
                "libbpf makes no map of 'license', so a program cannot use 'License'; the object fails to open",
                "; libbpf prints \"prog 'Filter': bad map relo against 'License' in section 'license'\""));

        [Fact]
        public Task The_fix_rewrites_the_name_as_BPF0019s_does() =>
            Verify.Fix(
                "\nstatic class G { [DotnetEbpf.Core.BpfSection({|BPF0024:\".rodat\"|})] static readonly int MyPid; }\n" + Framework,
                "\nstatic class G { [DotnetEbpf.Core.BpfSection(\".rodata\")] static readonly int MyPid; }\n" + Framework);

        [Theory]
        [InlineData("0.2")]
        [InlineData("0.8")]
        [InlineData("1.0")]
        [InlineData("1.4")]
        [InlineData("1.7")]
        [InlineData("main")]
        public Task The_libxdp_run_config_is_a_warning_in_every_release(string version) => Run(
            new[] { "static class G { [DotnetEbpf.Core.BpfSection({|#0:\".xdp_run_config\"|})] static XdpRunConfig Config; }" },
            version,
            Verify.Diagnostic(Descriptors.Of(Rules.SkippedDataSectionUnused)).WithLocation(0)
                .WithMessage(Message(version, ".xdp_run_config", "Config", "it is not a section libbpf reads globals or maps from")));
    }
}
