using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Runs <see cref="SectionNameAnalyzer"/> the way a compiler host does (<see cref="CompilationWithAnalyzers"/>),
    /// recording every analyzer exception instead of turning it into AD0001 only.
    /// </summary>
    internal static class AnalyzerHarness
    {
        /// <summary>The AD0001 a host reports when an analyzer throws.</summary>
        public const string AnalyzerExceptionId = "AD0001";

        public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "BPF" });

        public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false);

        private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> s_references = new(ResolveReferencesAsync);

        /// <summary>
        /// .NET 8 reference assemblies (Microsoft.CodeAnalysis.Testing resolves them once) and the attribute
        /// assembly the package ships. Basic.Reference.Assemblies is served, but needs Roslyn 4.11; the repository
        /// pins 4.8.
        /// </summary>
        public static ImmutableArray<MetadataReference> References => s_references.Value.GetAwaiter().GetResult();

        private static async Task<ImmutableArray<MetadataReference>> ResolveReferencesAsync()
        {
            ImmutableArray<MetadataReference> bcl = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).ConfigureAwait(false);
            return bcl.Add(MetadataReference.CreateFromFile(typeof(BpfSectionAttribute).Assembly.Location));
        }

        public static CSharpCompilation Compile(params string[] sources) =>
            Compile(sources.Select((s, i) => ($"/src/File{i}.cs", s)).ToArray());

        public static CSharpCompilation Compile(IReadOnlyList<(string Path, string Source)> sources) =>
            CSharpCompilation.Create(
                "Fuzzed",
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, ParseOptions, s.Path)),
                References,
                CompilationOptions);

        public static AnalyzerOptions Options(string? libbpfVersion, bool strict = false)
        {
            var global = new Dictionary<string, string>(StringComparer.Ordinal);
            if (libbpfVersion is not null)
            {
                global["build_property.BpfLibbpfVersion"] = libbpfVersion;
            }

            if (strict)
            {
                global["build_property.BpfStrictSectionNames"] = "true";
            }

            return new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(global));
        }

        /// <summary>
        /// Analyzes <paramref name="compilation"/>. Analyzer exceptions are recorded, never swallowed: the result
        /// carries them and every AD0001.
        /// </summary>
        public static async Task<AnalysisRun> RunAsync(Compilation compilation, AnalyzerOptions options, bool concurrent = true, CancellationToken cancellationToken = default)
        {
            var exceptions = new ConcurrentQueue<Exception>();
            var withAnalyzers = new CompilationWithAnalyzers(
                compilation,
                ImmutableArray.Create<DiagnosticAnalyzer>(new SectionNameAnalyzer()),
                new CompilationWithAnalyzersOptions(
                    options,
                    onAnalyzerException: (e, _, _) => exceptions.Enqueue(e),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: false,
                    analyzerExceptionFilter: null));
            ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return new AnalysisRun(diagnostics, exceptions.ToArray());
        }

        /// <summary>Compiler errors, as text, to compare before and after a fix.</summary>
        public static IReadOnlyList<string> CompilerErrors(Compilation compilation) =>
            compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();

        private sealed class GlobalOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private static readonly AnalyzerConfigOptions s_empty = new DictionaryOptions(new Dictionary<string, string>());

            public GlobalOptionsProvider(Dictionary<string, string> global)
            {
                GlobalOptions = new DictionaryOptions(global);
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;
        }

        private sealed class DictionaryOptions : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public DictionaryOptions(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                _values.TryGetValue(key, out value);
        }
    }

    /// <summary>What one analysis produced.</summary>
    internal sealed class AnalysisRun
    {
        public AnalysisRun(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<Exception> exceptions)
        {
            Diagnostics = diagnostics;
            Exceptions = exceptions;
        }

        public ImmutableArray<Diagnostic> Diagnostics { get; }

        public IReadOnlyList<Exception> Exceptions { get; }

        /// <summary>Our diagnostics (BPF*), without the host's AD0001.</summary>
        public IEnumerable<Diagnostic> Bpf => Diagnostics.Where(d => d.Id.StartsWith("BPF", StringComparison.Ordinal));

        /// <summary>Throws, with the analyzer's own stack traces, when the analyzer threw.</summary>
        public void AssertNoAnalyzerException(string context)
        {
            Diagnostic? ad0001 = Diagnostics.FirstOrDefault(d => d.Id == AnalyzerHarness.AnalyzerExceptionId);
            if (Exceptions.Count > 0 || ad0001 is not null)
            {
                throw new InvalidOperationException(
                    $"the analyzer threw on {context}: {ad0001?.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}\n" +
                    string.Join("\n---\n", Exceptions.Select(e => e.ToString())),
                    Exceptions.FirstOrDefault());
            }
        }
    }
}
