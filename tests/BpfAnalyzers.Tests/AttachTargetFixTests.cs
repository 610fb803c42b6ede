using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>Where the right target is clear, the fix writes it; the literal keeps its kind.</summary>
    public class AttachTargetFixTests
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
        public Task Kretprobe_offset_is_dropped() =>
            Verify.Fix(Program("[BpfSection(\"kretprobe/do_exit{|BPF0012:+0x10|}\")]"), Program("[BpfSection(\"kretprobe/do_exit\")]"));

        [Fact]
        public Task Uretprobe_offset_is_dropped() =>
            Verify.Fix(Program("[BpfSection(\"uretprobe//bin/bash:readline{|BPF0012:+8|}\")]"), Program("[BpfSection(\"uretprobe//bin/bash:readline\")]"));

        [Fact]
        public Task Kprobe_target_is_written_as_libbpf_reads_it() =>
            Verify.Fix(Program("[BpfSection(\"kprobe/foo{|BPF0013:-bar|}\")]"), Program("[BpfSection(\"kprobe/foo\")]"));

        [Fact]
        public Task Usdt_fourth_part_is_dropped() =>
            Verify.Fix(Program("[BpfSection(\"usdt/libc.so.6:libc:setjmp{|BPF0013::extra|}\")]"), Program("[BpfSection(\"usdt/libc.so.6:libc:setjmp\")]"));

        [Fact]
        public Task Kprobe_multi_pattern_is_written_as_libbpf_reads_it() =>
            Verify.Fix(Program("[BpfSection(\"kprobe.multi/tcp_*{|BPF0013:-v4|}\")]"), Program("[BpfSection(\"kprobe.multi/tcp_*\")]"));

        [Fact]
        public Task Unknown_iterator_is_fixed_to_the_nearest_known_one() =>
            Verify.Fix(Program("[BpfSection(\"iter/{|BPF0017:tsk|}\")]"), Program("[BpfSection(\"iter/task\")]"));

        [Fact]
        public Task Sleepable_kprobe_becomes_a_kprobe() =>
            Verify.Fix(Program("[BpfSection({|BPF0018:\"kprobe.s/do_sys_open\"|})]"), Program("[BpfSection(\"kprobe/do_sys_open\")]"));

        [Fact]
        public Task Sleepable_kprobe_can_become_fentry_s_instead() =>
            Verify.Fix(Program("[BpfSection({|BPF0018:\"kprobe.s/do_sys_open\"|})]"), Program("[BpfSection(\"fentry.s/do_sys_open\")]"), rank: 1);

        [Fact]
        public Task A_verbatim_literal_stays_verbatim() =>
            Verify.Fix(Program("[BpfSection(@\"kretprobe/do_exit{|BPF0012:+0x10|}\")]"), Program("[BpfSection(@\"kretprobe/do_exit\")]"));

        [Fact]
        public Task A_const_field_is_fixed_where_it_is_declared() =>
            Verify.Fix(
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Exit = "kretprobe/do_exit+0x10";
                    [BpfSection({|BPF0012:Exit|})] static int Handle() => 0;
                }
                """,
                """
                using BpfAnalyzers;
                static class Programs
                {
                    const string Exit = "kretprobe/do_exit";
                    [BpfSection(Exit)] static int Handle() => 0;
                }
                """);

        [Fact]
        public Task Fentry_can_declare_its_target_set_in_code() =>
            DeclareTest.Run(
                Program("[BpfSection(\"{|BPF0015:fentry|}\")]"),
                Program("[BpfSection(\"fentry\", AttachTargetSetInCode = true)]"));

        [Fact]
        public Task A_false_declaration_is_turned_true() =>
            DeclareTest.Run(
                Program("[BpfSection(\"{|BPF0015:lsm|}\", AttachTargetSetInCode = false)]"),
                Program("[BpfSection(\"lsm\", AttachTargetSetInCode = true)]"));

        [Fact]
        public Task An_attribute_without_the_property_gets_no_declaration_fix()
        {
            const string source = """
                namespace Framework
                {
                    [System.AttributeUsage(System.AttributeTargets.Method)]
                    sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(string name) { } }
                }
                static class Programs
                {
                    [Framework.BpfSection("{|BPF0015:fentry|}")] static int Handle() => 0;
                }
                """;
            return DeclareTest.Run(source, source);
        }

        /// <summary>The analyzer with <see cref="DeclareAttachTargetInCodeFix"/>.</summary>
        private sealed class DeclareTest : CSharpCodeFixTest<SectionNameAnalyzer, DeclareAttachTargetInCodeFix, DefaultVerifier>
        {
            private DeclareTest()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
                TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location));
            }

            public static Task Run(string source, string fixedSource) =>
                new DeclareTest { TestCode = source, FixedCode = fixedSource }.RunAsync(CancellationToken.None);
        }
    }
}
