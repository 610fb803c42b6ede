using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// An unknown name that is no typo of anything (the seed's SEC("user") with nothing declared) can be
    /// declared as a custom section, from libbpf 0.8 (libbpf_register_prog_handler()), by the light bulb
    /// only: never by Fix All.
    /// </summary>
    public class DeclareCustomSectionFixTests
    {
        [Fact]
        public void The_fix_takes_no_part_in_Fix_All_or_dotnet_format()
        {
            Assert.Null(new DeclareCustomSectionFix().GetFixAllProvider());
        }

        [Fact]
        public Task User_gets_an_assembly_declaration_between_the_usings_and_the_code() =>
            Fix(
                """
                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection({|BPF0001:"user"|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;

                [assembly: BpfCustomSection("user+")]

                static class Programs
                {
                    [BpfSection("user")] static int Handle() => 0;
                }
                """);

        [Theory]
        [InlineData("user/audit")]
        [InlineData("?user")]
        public Task The_declared_type_is_the_part_before_the_slash(string name) =>
            Fix(
                $$"""
                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection({|BPF0001:"{{name}}"|})] static int Handle() => 0;
                }
                """,
                $$"""
                using BpfAnalyzers;

                [assembly: BpfCustomSection("user+")]

                static class Programs
                {
                    [BpfSection("{{name}}")] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_new_declaration_goes_after_the_existing_ones() =>
            Fix(
                """
                using System.Reflection;
                using BpfAnalyzers;

                [assembly: AssemblyDescription("probes")]
                [assembly: BpfCustomSection("audit+")]

                static class Programs
                {
                    [BpfSection({|BPF0001:"user"|})] static int Handle() => 0;
                }
                """,
                """
                using System.Reflection;
                using BpfAnalyzers;

                [assembly: AssemblyDescription("probes")]
                [assembly: BpfCustomSection("audit+")]
                [assembly: BpfCustomSection("user+")]

                static class Programs
                {
                    [BpfSection("user")] static int Handle() => 0;
                }
                """);

        [Fact]
        public async Task A_new_declaration_goes_to_the_file_that_already_declares_custom_sections()
        {
            var test = new Test();
            test.TestState.Sources.Add(("/0/Sections.cs", """
                using BpfAnalyzers;

                [assembly: BpfCustomSection("audit+")]

                """));
            test.TestState.Sources.Add(("/0/Programs.cs", """
                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection({|BPF0001:"user"|})] static int Handle() => 0;
                }
                """));
            test.FixedState.Sources.Add(("/0/Sections.cs", """
                using BpfAnalyzers;

                [assembly: BpfCustomSection("audit+")]
                [assembly: BpfCustomSection("user+")]

                """));
            test.FixedState.Sources.Add(("/0/Programs.cs", """
                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection("user")] static int Handle() => 0;
                }
                """));
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task A_file_scoped_namespace_with_its_usings_inside_gets_a_top_level_using() =>
            Fix(
                """
                namespace Probes;

                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection({|BPF0001:"user"|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;

                [assembly: BpfCustomSection("user+")]

                namespace Probes;

                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection("user")] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_qualified_attribute_without_a_using_gets_one() =>
            Fix(
                """
                static class Programs
                {
                    [BpfAnalyzers.BpfSection({|BPF0001:"user"|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;

                [assembly: BpfCustomSection("user+")]

                static class Programs
                {
                    [BpfAnalyzers.BpfSection("user")] static int Handle() => 0;
                }
                """);

        [Theory]
        [InlineData("xdpblah", null)]
        [InlineData("user", "0.7")]
        public Task No_declaration_is_offered_for_a_typo_or_before_0_8(string name, string? version)
        {
            string source = $$"""
                using BpfAnalyzers;

                static class Programs
                {
                    [BpfSection({|BPF0001:"{{name}}"|})] static int Handle() => 0;
                }
                """;
            var test = new Test { TestCode = source, FixedCode = source };
            test.Configure(version is null ? null : "build_property.BpfLibbpfVersion = " + version);
            return test.RunAsync(CancellationToken.None);
        }

        private static Task Fix(string source, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            return test.RunAsync(CancellationToken.None);
        }

        private sealed class Test : CSharpCodeFixTest<SectionNameAnalyzer, DeclareCustomSectionFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location));
            }

            public void Configure(string? globalConfig)
            {
                if (globalConfig is not null)
                {
                    TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig + "\n"));
                }
            }
        }
    }
}
