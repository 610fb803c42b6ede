using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using BpfAnalyzers.Robustness.Tests;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>What the loader does in code, declared with <c>[BpfLoader]</c> (issue 12's design).</summary>
    internal readonly record struct LoaderDeclaration(bool AttachesInCode, bool SetsType, bool SetsAttachTarget)
    {
        public static readonly LoaderDeclaration None = default;

        public bool Any => AttachesInCode || SetsType || SetsAttachTarget;

        public string Attribute
        {
            get
            {
                var props = new List<string>();
                if (AttachesInCode)
                {
                    props.Add("AttachesInCode = true");
                }

                if (SetsType)
                {
                    props.Add("SetsType = true");
                }

                if (SetsAttachTarget)
                {
                    props.Add("SetsAttachTarget = true");
                }

                return props.Count == 0 ? "" : "[BpfLoader(" + string.Join(", ", props) + ")] ";
            }
        }
    }

    /// <summary>
    /// One name as the analyzer sees it: on a method or on a static field of <paramref name="FieldType"/>, which a program
    /// reads (as <see cref="BpfObjectSource.Global"/>'s) unless <paramref name="Unread"/>.
    /// </summary>
    internal sealed record ProbeItem(string Name, LoaderDeclaration Loader, bool OnField = false, bool Unread = false, string FieldType = "int");

    /// <summary>
    /// Runs the analyzer over a compilation that puts each name on its own method (or static field), with the
    /// compilation's own copy of the attributes in a namespace of its own (the analyzer matches any namespace),
    /// and answers each name's diagnostics.
    /// </summary>
    internal static class AnalyzerProbe
    {
        private const string Attributes = @"
namespace LoaderProbe
{
    [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field)]
    public sealed class BpfSectionAttribute : System.Attribute
    {
        public BpfSectionAttribute(string name) { Name = name; }
        public string Name { get; }
    }

    [System.AttributeUsage(System.AttributeTargets.Assembly | System.AttributeTargets.Module | System.AttributeTargets.Class |
                           System.AttributeTargets.Struct | System.AttributeTargets.Method)]
    public sealed class BpfLoaderAttribute : System.Attribute
    {
        public bool AttachesInCode { get; set; }
        public bool SetsType { get; set; }
        public bool SetsAttachTarget { get; set; }
    }
";

        /// <summary>Each item's diagnostics, in item order; diagnostics without a place go to every item.</summary>
        public static IReadOnlyList<IReadOnlyList<Diagnostic>> Run(IReadOnlyList<ProbeItem> items, string libbpfVersion, IReadOnlyList<(string Path, string Text)>? additionalFiles = null)
        {
            var sb = new StringBuilder(Attributes);
            sb.Append("    public static class Programs\n    {\n");
            int firstLine = sb.ToString().Count(c => c == '\n');
            for (int i = 0; i < items.Count; i++)
            {
                ProbeItem item = items[i];
                // one item per line: the diagnostic's line says whose it is
                sb.Append(item.OnField
                    ? $"        [BpfSection({CSharpString(item.Name)})] public static {item.FieldType} V{i};" +
                      (item.Unread ? "\n" : $" [BpfSection(\"{(item.Name == "socket" ? "xdp" : "socket")}\")] public static int R{i}(object ctx) => V{i}.GetHashCode();\n")
                    : $"        {item.Loader.Attribute}[BpfSection({CSharpString(item.Name)})] public static int P{i}(object ctx) => 0;\n");
            }

            sb.Append("    }\n}\n");
            Compilation compilation = AnalyzerHarness.Compile(sb.ToString());
            IReadOnlyList<string> compilerErrors = AnalyzerHarness.CompilerErrors(compilation);
            if (compilerErrors.Count > 0)
            {
                throw new InvalidOperationException("the probe source does not compile: " + string.Join("\n", compilerErrors.Take(5)));
            }

            Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions options = AnalyzerHarness.Options(libbpfVersion);
            if (additionalFiles is not null)
            {
                options = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(
                    System.Collections.Immutable.ImmutableArray.CreateRange<AdditionalText>(additionalFiles.Select(f => new InMemoryText(f.Path, f.Text))),
                    options.AnalyzerConfigOptionsProvider);
            }

            AnalysisRun run = AnalyzerHarness.RunAsync(compilation, options).GetAwaiter().GetResult();
            run.AssertNoAnalyzerException("the loader corpus at libbpf " + libbpfVersion);
            var perItem = items.Select(_ => new List<Diagnostic>()).ToList();
            foreach (Diagnostic d in run.Bpf)
            {
                if (!d.Location.IsInSource)
                {
                    perItem.ForEach(l => l.Add(d));
                    continue;
                }

                int index = d.Location.GetLineSpan().StartLinePosition.Line - firstLine;
                if (index < 0 || index >= items.Count)
                {
                    throw new InvalidOperationException("a diagnostic outside the probe's items: " + d);
                }

                perItem[index].Add(d);
            }

            return perItem;
        }

        /// <summary>An additional file as the build hands it to the analyzer (a kernel profile, say).</summary>
        private sealed class InMemoryText : AdditionalText
        {
            private readonly Microsoft.CodeAnalysis.Text.SourceText _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = Microsoft.CodeAnalysis.Text.SourceText.From(text);
            }

            public override string Path { get; }

            public override Microsoft.CodeAnalysis.Text.SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => _text;
        }

        public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
            string.Join("; ", diagnostics.Select(d => $"{d.Id} {d.Severity}: {d.GetMessage(CultureInfo.InvariantCulture)}"));

        /// <summary>A C# regular string literal holding exactly <paramref name="text"/>.</summary>
        public static string CSharpString(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in text)
            {
                if (c == '"' || c == '\\')
                {
                    sb.Append('\\').Append(c);
                }
                else if (c < 0x20 || c > 0x7e)
                {
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(c);
                }
            }

            return sb.Append('"').ToString();
        }
    }
}
