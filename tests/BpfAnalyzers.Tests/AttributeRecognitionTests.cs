using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>Which attributes are checked, how arguments are evaluated, and what happens in broken code.</summary>
    public class AttributeRecognitionTests
    {
        [Fact]
        public Task A_framework_attribute_of_the_same_name_in_another_namespace_is_checked() =>
            Verify.Analyzer("""
                namespace MyBpf
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    sealed class BpfSectionAttribute : System.Attribute
                    {
                        public BpfSectionAttribute(string section, int flags = 0) { }
                    }

                    static class Programs
                    {
                        [BpfSection({|BPF0001:"xdpblah"|})] static int Handle() => 0;
                        [MyBpf.BpfSectionAttribute("xdp", 1)] static int Other() => 0;
                    }
                }
                """);

        [Fact]
        public Task Every_spelling_of_the_attribute_is_checked_aliases_global_and_the_full_name_included() =>
            Verify.Analyzer("""
                using S = BpfAnalyzers.BpfSectionAttribute;
                using Custom = BpfAnalyzers.BpfCustomSectionAttribute;

                [assembly: Custom({|BPF0011:"bad name"|})]

                namespace App
                {
                    using Inner = global::BpfAnalyzers.BpfSectionAttribute;

                    static class Programs
                    {
                        [S({|BPF0001:"xdpblah"|})] static int A() => 0;
                        [Inner({|BPF0001:"kprobes/do_unlinkat"|})] static int B() => 0;
                        [global::BpfAnalyzers.BpfSection({|BPF0001:"cgroup_sock"|})] static int C() => 0;
                        [BpfAnalyzers.BpfSectionAttribute({|BPF0001:"socketx"|})] static int D() => 0;
                        [S("xdp")] static int E() => 0;
                    }
                }
                """);

        [Fact]
        public Task A_global_using_alias_in_another_file_is_checked()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add("global using Sec = BpfAnalyzers.BpfSectionAttribute;\n");
            test.TestState.Sources.Add("static class Programs { [Sec({|BPF0001:\"xdpblah\"|})] static int A() => 0; }\n");
            return test.RunAsync();
        }

        [Fact]
        public Task An_alias_of_another_attribute_is_not_a_section_attribute() =>
            Verify.Analyzer("""
                using S = System.ObsoleteAttribute;
                static class Programs { [S("xdpblah")] static int A() => 0; }
                """);

        [Fact]
        public Task Only_methods_local_functions_fields_and_properties_place_a_section() =>
            // dntc emits SEC() for those only; completion offers names exactly there too (AttributeReading.PlaceOf).
            Verify.Analyzer("""
                namespace Fw
                {
                    [System.AttributeUsage(System.AttributeTargets.All)]
                    sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(string section) { } }
                }

                [Fw.BpfSection("xdpblah")]
                static class Programs
                {
                    [return: Fw.BpfSection("xdpblah")] static int A([Fw.BpfSection("xdpblah")] int x) => x;
                    [method: Fw.BpfSection({|BPF0001:"xdpblah"|})] static int B() => 0;
                    [field: Fw.BpfSection({|BPF0024:".rodatax"|})] static int F;
                }
                """);

        [Fact]
        public Task An_attribute_of_that_name_without_a_string_parameter_is_ignored() =>
            Verify.Analyzer("""
                sealed class BpfSectionAttribute : System.Attribute
                {
                    public BpfSectionAttribute(int id) { }
                }
                static class Programs
                {
                    [BpfSection(42)] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_compilation_without_the_attribute_gets_no_diagnostics()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    sealed class OtherAttribute : System.Attribute { public OtherAttribute(string s) { } }
                    static class Programs { [Other("xdpblah")] static int Handle() => 0; }
                    """,
            };
            test.TestState.AdditionalReferences.Clear();
            return test.RunAsync();
        }

        [Fact]
        public Task Const_fields_and_constant_expressions_are_evaluated() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    const string Prefix = "kprobe";
                    const string Bad = "kprobes";
                    [BpfSection(Prefix + "/do_sys_open")] static int A() => 0;
                    [BpfSection($"{Prefix}/do_sys_open")] static int B() => 0;
                    [BpfSection({|BPF0001:Bad + "/do_sys_open"|})] static int C() => 0;
                    [BpfSection({|BPF0001:$"{Bad}/do_sys_open"|})] static int D() => 0;
                    [BpfSection(nameof(xdp))] static int E() => 0;
                    static int xdp;
                }
                """);

        [Fact]
        public Task Named_and_qualified_forms_are_checked() =>
            Verify.Analyzer("""
                static class Programs
                {
                    [BpfAnalyzers.BpfSection(name: {|BPF0001:"xdpblah"|})] static int A() => 0;
                    [global::BpfAnalyzers.BpfSectionAttribute({|BPF0001:"xdpblah"|}, AttachTargetSetInCode = true)] static int B() => 0;
                }
                """);

        [Fact]
        public Task Local_functions_are_checked() =>
            Verify.Analyzer("""
                using BpfAnalyzers;
                static class Programs
                {
                    static void Outer()
                    {
                        [BpfSection({|BPF0001:"xdpblah"|})] static int Local() => 0;
                        Local();
                    }
                }
                """);

        [Fact]
        public Task A_half_typed_attribute_raises_only_compiler_errors()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using BpfAnalyzers;
                    static class Programs
                    {
                        [BpfSection("xdp
                        static int Handle() => 0;
                    }
                    """,
            };
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            return test.RunAsync();
        }

        [Fact]
        public Task An_attribute_with_no_argument_yet_raises_only_compiler_errors()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using BpfAnalyzers;
                    static class Programs
                    {
                        [BpfSection(]
                        static int Handle() => 0;
                    }
                    """,
            };
            test.CompilerDiagnostics = CompilerDiagnostics.None;
            return test.RunAsync();
        }

        [Fact]
        public Task Generated_code_is_skipped()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("Programs.g.cs", """
                // <auto-generated/>
                using BpfAnalyzers;
                static class Programs { [BpfSection("xdpblah")] static int Handle() => 0; }
                """));
            return test.RunAsync();
        }

        [Fact]
        public Task Code_marked_GeneratedCode_is_skipped() =>
            Verify.Analyzer("""
                using BpfAnalyzers;

                [System.CodeDom.Compiler.GeneratedCode("bpfgen", "1.0")]
                static class Generated { [BpfSection("xdpblah")] static int Handle() => 0; }

                static class Written { [BpfSection({|BPF0001:"xdpblah"|})] static int Handle() => 0; }
                """);

        [Fact]
        public Task Code_under_line_hidden_is_skipped() =>
            Verify.Analyzer("""
                using BpfAnalyzers;

                static class Programs
                {
                #line hidden
                    [BpfSection("xdpblah")] static int Hidden() => 0;
                #line default
                    [BpfSection({|BPF0001:"kprobes/x"|})] static int Visible() => 0;
                }
                """);
    }
}
