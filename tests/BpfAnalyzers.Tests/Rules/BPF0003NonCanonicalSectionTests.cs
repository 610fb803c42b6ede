using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>BPF0003: BPF section name is not canonical (SectionNameAnalyzerTests sources).</summary>
    public class BPF0003NonCanonicalSectionTests : SectionNameAnalyzerTestsBase
    {
        [Fact]
        public Task An_empty_target_is_not_canonical() =>
            Verify.Analyzer(
                Program("[BpfSection({|#0:\"struct_ops/\"|})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonCanonicalSection)).WithLocation(0).WithArguments("libbpf 1.7", "struct_ops/", "the attach target after '/' is empty", "struct_ops"));

        [Theory]
        [InlineData("kprobe/do_sys_open ", "it has leading or trailing whitespace", "kprobe/do_sys_open")]
        [InlineData("kprobe/do_sys\\u0007open", "it contains the control character U+0007", "kprobe/do_sysopen")]
        [InlineData("xdp\\0junk", "it contains the control character U+0000", "xdp")]
        public Task Odd_characters_in_a_name_libbpf_still_accepts_are_a_warning_not_an_error(string literal, string why, string fix) =>
            Verify.Analyzer(
                Program($"[BpfSection({{|#0:\"{literal}\"|}})]"),
                null,
                Verify.Diagnostic(Descriptors.Of(Rules.NonCanonicalSection)).WithLocation(0).WithArguments(
                    "libbpf 1.7", literal.Replace("\\0", "\\u0000"), why, fix));
    }
}
