using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// The analyzer at target 1.1 against what real libbpf 1.1.2 did with each section name: a C object with
    /// <c>int V SEC("NAME");</c> read by a <c>SEC("xdp")</c> program (a tracepoint program for NAME = xdp), built with
    /// <c>clang -O2 -g -target bpf</c> and opened and loaded with Debian's libbpf 1.1.2 (issue 11). The analyzer reports an
    /// error exactly when the object failed to open or load.
    /// </summary>
    public class DataSectionLoaderAgreementTests
    {
        [Theory]
        [InlineData("license", false)]
        [InlineData("version", false)]
        [InlineData(".maps", false)]
        [InlineData("maps", false)]
        [InlineData(".data", true)]
        [InlineData(".rodata", true)]
        [InlineData(".data.counters", true)]
        [InlineData(".rodata.str1.1", true)]
        [InlineData(".rodata.x", true)]
        [InlineData(".bss", true)]
        [InlineData(".bss.x", true)]
        [InlineData(".struct_ops", false)]
        [InlineData(".struct_ops.link", false)]
        [InlineData("?.struct_ops", false)]
        [InlineData(".addr_space.1", false)]
        [InlineData(".jumptables", false)]
        [InlineData(".kconfig", false)]
        [InlineData(".ksyms", false)]
        [InlineData(".rodat", false)]
        [InlineData("data", false)]
        [InlineData(".data_counters", false)]
        [InlineData("rodata", false)]
        [InlineData(".DATA", false)]
        [InlineData("tp/syscalls/sys_enter_write", false)]
        [InlineData(".text", false)]
        [InlineData(".BTF", false)]
        [InlineData(".BTF.ext", false)]
        [InlineData(".rel.data", false)]
        [InlineData(".bss_x", false)]
        [InlineData(".data.", true)]
        [InlineData(".rodata.", true)]
        [InlineData(".bss.", true)]
        [InlineData(".datax", false)]
        [InlineData(".tdata", false)]
        [InlineData(".sbss", false)]
        [InlineData(".data.rel.ro", true)]
        [InlineData(".init_array", false)]
        [InlineData(".note.x", false)]
        [InlineData(".comment", false)]
        [InlineData(".symtab", false)]
        [InlineData(".strtab", false)]
        [InlineData(".llvm_addrsig", false)]
        [InlineData("xdp", false)]
        public async Task An_error_exactly_when_libbpf_1_1_2_fails_to_open_the_object(string name, bool loads)
        {
            string source = $$"""
                using BpfAnalyzers;
                static class Program
                {
                    [BpfSection("{{name}}")] static int V;
                    [BpfSection("tp/syscalls/sys_enter_write")] static int Prog(int ctx) => V;
                }
                """;
            var compilation = CSharpCompilation.Create(
                "Agreement",
                new[] { CSharpSyntaxTree.ParseText(source) },
                new[]
                {
                    MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                    MetadataReference.CreateFromFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll")),
                    MetadataReference.CreateFromFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(object).Assembly.Location)!, "netstandard.dll")),
                    MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location),
                },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new Target("1.1"));
            ImmutableArray<Diagnostic> diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SectionNameAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            Assert.True(
                loads == diagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
                $"libbpf 1.1.2 {(loads ? "loads" : "fails to open")} '{name}', the analyzer says: " + string.Join(" | ", diagnostics.Select(d => d.ToString())));
        }

        /// <summary><c>build_property.BpfLibbpfVersion</c>, as MSBuild passes it.</summary>
        private sealed class Target : AnalyzerConfigOptionsProvider
        {
            public Target(string version) => GlobalOptions = new Options(version);

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
        }

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new Options(null);

            private readonly string? _version;

            public Options(string? version) => _version = version;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == "build_property.BpfLibbpfVersion" ? _version : null;
                return value is not null;
            }
        }
    }
}
