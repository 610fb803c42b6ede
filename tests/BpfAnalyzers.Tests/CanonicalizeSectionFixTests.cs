using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>Each fix rewrites the name and nothing else: kind of literal, trivia, where it is declared.</summary>
    public class CanonicalizeSectionFixTests
    {
        private static string Program(string attribute) => $$"""
            using BpfAnalyzers;

            static class Programs
            {
                {{attribute}}
                static int Handle() => 0;
            }
            """;

        [Fact]
        public Task Xdpblah_is_fixed_to_xdp() =>
            Verify.Fix(Program("[BpfSection({|BPF0001:\"xdpblah\"|})]"), Program("[BpfSection(\"xdp\")]"));

        [Fact]
        public Task Kprobe_slash_is_fixed_to_kprobe() =>
            Verify.Fix(Program("[BpfSection(\"kprobe{|BPF0012:/|}\")]"), Program("[BpfSection(\"{|BPF0014:kprobe|}\")]"));

        [Fact]
        public Task An_empty_target_without_an_attach_parser_is_fixed_to_the_bare_type() =>
            Verify.Fix(Program("[BpfSection({|BPF0003:\"struct_ops/\"|})]"), Program("[BpfSection(\"struct_ops\")]"));

        [Fact]
        public Task A_typo_is_fixed_keeping_the_attach_target() =>
            Verify.Fix(Program("[BpfSection({|BPF0001:\"kprobes/do_sys_open\"|})]"), Program("[BpfSection(\"kprobe/do_sys_open\")]"));

        [Fact]
        public Task The_second_suggestion_is_the_second_code_action() =>
            Verify.Fix(Program("[BpfSection({|BPF0001:\"xdp_devmap_omg\"|})]"), Program("[BpfSection(\"xdp/devmap\")]"), rank: 1);

        [Fact]
        public Task Legacy_prefix_warning_is_fixed_to_the_entry_it_matched() =>
            Verify.Fix(
                Program("[BpfSection({|BPF0002:\"perf_eventblah\"|})]"),
                Program("[BpfSection(\"perf_event\")]"),
                globalConfig: "build_property.BpfLibbpfVersion = 0.8");

        [Fact]
        public Task Deprecated_name_is_fixed_to_its_replacement() =>
            Verify.Fix(
                Program("[BpfSection({|BPF0004:\"xdp_devmap/foo\"|})]"),
                Program("[BpfSection(\"xdp/devmap\")]"),
                globalConfig: "build_property.BpfLibbpfVersion = 0.8");

        [Fact]
        public Task Tc_is_fixed_to_tcx_egress_as_the_second_action() =>
            Verify.Fix(Program("[BpfSection({|BPF0023:\"tc\"|})]"), Program("[BpfSection(\"tcx/egress\")]"), rank: 1);

        [Fact]
        public Task Padded_name_is_trimmed() =>
            Verify.Fix(Program("[BpfSection({|BPF0006:\" xdp \"|})]"), Program("[BpfSection(\"xdp\")]"));

        [Fact]
        public Task Verbatim_strings_stay_verbatim() =>
            Verify.Fix(Program("[BpfSection({|BPF0001:@\"XDP\"|})]"), Program("[BpfSection(@\"xdp\")]"));

        [Fact]
        public Task Raw_strings_stay_raw() =>
            Verify.Fix(Program("[BpfSection({|BPF0001:\"\"\"xdpblah\"\"\"|})]"), Program("[BpfSection(\"\"\"xdp\"\"\")]"));

        [Fact]
        public Task Multi_line_raw_strings_stay_multi_line_raw() =>
            Verify.Fix(
                "using BpfAnalyzers;\nstatic class Programs\n{\n    [BpfSection({|BPF0001:\"\"\"\n        xdpblah\n        \"\"\"|})]\n    static int Handle() => 0;\n}\n",
                "using BpfAnalyzers;\nstatic class Programs\n{\n    [BpfSection(\"\"\"\n        xdp\n        \"\"\")]\n    static int Handle() => 0;\n}\n");

        [Fact]
        public Task Trivia_around_the_literal_is_kept() =>
            Verify.Fix(
                Program("[BpfSection( /* entry */ {|BPF0001:\"xdpblah\"|} /* end */ )]"),
                Program("[BpfSection( /* entry */ \"xdp\" /* end */ )]"));

        [Fact]
        public Task Named_arguments_are_fixed() =>
            Verify.Fix(Program("[BpfSection(name: {|BPF0001:\"xdpblah\"|})]"), Program("[BpfSection(name: \"xdp\")]"));

        [Fact]
        public Task A_const_field_is_fixed_where_it_is_declared() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Section = "xdpblah";
                    [BpfSection({|BPF0001:Section|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Section = "xdp";
                    [BpfSection(Section)] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_const_field_of_another_class_is_fixed_where_it_is_declared() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Names { public const string Probe = "kprobes/do_sys_open"; }
                static class Programs
                {
                    [BpfSection({|BPF0001:Names.Probe|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Names { public const string Probe = "kprobe/do_sys_open"; }
                static class Programs
                {
                    [BpfSection(Names.Probe)] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task A_constant_expression_becomes_a_literal() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Prefix = "kprobes";
                    [BpfSection({|BPF0001:Prefix + "/do_sys_open"|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Prefix = "kprobes";
                    [BpfSection("kprobe/do_sys_open")] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task Fix_all_fixes_every_name_with_its_best_suggestion() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection({|BPF0001:"xdpblah"|})] static int A() => 0;
                    [BpfSection({|BPF0001:"perf_eventblah"|})] static int B() => 0;
                    [BpfSection({|BPF0001:"kprobes/f"|})] static int C() => 0;
                    [BpfSection({|BPF0001:@"XDP"|})] static int D() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    [BpfSection("xdp")] static int A() => 0;
                    [BpfSection("perf_event")] static int B() => 0;
                    [BpfSection("kprobe/f")] static int C() => 0;
                    [BpfSection(@"xdp")] static int D() => 0;
                }
                """);

        [Fact]
        public Task Fix_all_over_a_shared_const_field_converges()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using BpfAnalyzers;
                    static class Programs
                    {
                        const string Section = "xdpblah";
                        [BpfSection({|BPF0001:Section|})] static int A() => 0;
                        [BpfSection({|BPF0001:Section|})] static int B() => 0;
                    }
                    """,
                FixedCode = """
                    using BpfAnalyzers;
                    static class Programs
                    {
                        const string Section = "xdp";
                        [BpfSection(Section)] static int A() => 0;
                        [BpfSection(Section)] static int B() => 0;
                    }
                    """,
            };
            test.NumberOfIncrementalIterations = 1;
            test.NumberOfFixAllIterations = 1;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_all_in_a_project_fixes_every_document()
        {
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", "using BpfAnalyzers;\nstatic class A { [BpfSection({|BPF0001:\"xdpblah\"|})] static int P() => 0; }\n"));
            test.TestState.Sources.Add(("B.cs", "using BpfAnalyzers;\nstatic class B { [BpfSection({|BPF0001:\"kprobes/f\"|})] static int P() => 0; }\n"));
            test.FixedState.Sources.Add(("A.cs", "using BpfAnalyzers;\nstatic class A { [BpfSection(\"xdp\")] static int P() => 0; }\n"));
            test.FixedState.Sources.Add(("B.cs", "using BpfAnalyzers;\nstatic class B { [BpfSection(\"kprobe/f\")] static int P() => 0; }\n"));
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_all_applies_the_best_fix_of_every_rule_in_one_pass()
        {
            // The equivalence key is per rank, not per rule (dotnet format fixes by the first key it sees).
            var test = new Verify.Test();
            test.TestState.Sources.Add(("A.cs", "using BpfAnalyzers;\nstatic class A { [BpfSection({|BPF0001:\"xdpblah\"|})] static int P() => 0; }\n"));
            test.TestState.Sources.Add(("B.cs", "using BpfAnalyzers;\nstatic class B { [BpfSection({|BPF0003:\"struct_ops/\"|})] static int P() => 0; }\n"));
            test.FixedState.Sources.Add(("A.cs", "using BpfAnalyzers;\nstatic class A { [BpfSection(\"xdp\")] static int P() => 0; }\n"));
            test.FixedState.Sources.Add(("B.cs", "using BpfAnalyzers;\nstatic class B { [BpfSection(\"struct_ops\")] static int P() => 0; }\n"));
            return test.RunAsync();
        }
    }
}
