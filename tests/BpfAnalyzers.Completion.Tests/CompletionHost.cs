using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace BpfAnalyzers.Completion.Tests
{
    /// <summary>
    /// An editor's view of one consumer project: the sources (with <c>$$</c> where the caret is), an optional
    /// <c>.editorconfig</c> and MSBuild properties, and the provider loaded from its built DLL as an analyzer
    /// reference. Asks Roslyn's CompletionService, as Visual Studio and the language servers do.
    /// </summary>
    internal sealed class CompletionHost
    {
        public const string Caret = "$$";

        /// <summary>The package's own attributes (method only), as lib/netstandard2.0 ships them.</summary>
        public const string PackageAttributes = """
            namespace BpfAnalyzers
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class BpfSectionAttribute : System.Attribute
                {
                    public BpfSectionAttribute(string name) { Name = name; }
                    public string Name { get; }
                    public bool AttachTargetSetInCode { get; set; }
                }

                [System.AttributeUsage(System.AttributeTargets.Assembly, AllowMultiple = true)]
                public sealed class BpfCustomSectionAttribute : System.Attribute
                {
                    public BpfCustomSectionAttribute(string section) { Section = section; }
                    public string Section { get; }
                    public string? ProgType { get; set; }
                }
            }
            """;

        /// <summary>A framework's own attribute, DotnetEbpf's shape: methods (programs) and fields (globals, maps).</summary>
        public const string FrameworkAttribute = """
            namespace DotnetEbpf.Core
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field | System.AttributeTargets.Property)]
                public class BpfSectionAttribute(string section) : System.Attribute
                {
                    public string Section { get; } = section;
                }
            }
            """;

        private const string Directory = "/consumer";
        private static readonly string ProviderDirectory = Path.Combine(AppContext.BaseDirectory, "provider");

        private readonly List<(string Name, string Text)> _sources = new();
        private string? _editorConfig;
        private readonly List<string> _globalConfig = new();
        private readonly List<(string Name, string Text)> _additional = new();

        /// <summary>An additional file of the project (a kernel profile: what a BpfKernel item becomes).</summary>
        public CompletionHost AdditionalFile(string name, string text)
        {
            _additional.Add((name, text));
            return this;
        }

        public static CompletionHost Create() => new CompletionHost().Source("Attributes.cs", PackageAttributes).Source("Framework.cs", FrameworkAttribute);

        public CompletionHost Source(string name, string text)
        {
            _sources.Add((name, text));
            return this;
        }

        /// <summary><c>[*.cs]</c> lines of the project folder's <c>.editorconfig</c>.</summary>
        public CompletionHost EditorConfig(string lines)
        {
            _editorConfig = "root = true\n[*.cs]\n" + lines + "\n";
            return this;
        }

        /// <summary>An MSBuild property made visible to analyzers (the package's CompilerVisibleProperty).</summary>
        public CompletionHost Property(string name, string value)
        {
            _globalConfig.Add($"build_property.{name} = {value}");
            return this;
        }

        /// <summary>The provider's items at the caret of <paramref name="markup"/> (one <c>$$</c>), in list order.</summary>
        public async Task<IReadOnlyList<CompletionItem>> ItemsAsync(string markup)
        {
            (Document document, int caret) = Open(markup);
            return await ItemsAtAsync(document, caret);
        }

        /// <summary>The description an editor shows beside the item named <paramref name="displayText"/>.</summary>
        public async Task<string> DescriptionAsync(string markup, string displayText)
        {
            (Document document, int caret) = Open(markup);
            CompletionItem item = Single(await ItemsAtAsync(document, caret), displayText);
            CompletionDescription? description = await CompletionService.GetService(document)!.GetDescriptionAsync(document, item);
            Assert.NotNull(description);
            return description!.Text;
        }

        /// <summary>Every item at the caret with its description.</summary>
        public async Task<IReadOnlyList<(string Name, string Description)>> DescribedItemsAsync(string markup)
        {
            (Document document, int caret) = Open(markup);
            CompletionService service = CompletionService.GetService(document)!;
            var described = new List<(string, string)>();
            foreach (CompletionItem item in await ItemsAtAsync(document, caret))
            {
                described.Add((item.DisplayText, (await service.GetDescriptionAsync(document, item))!.Text));
            }

            return described;
        }

        /// <summary>The source after the item named <paramref name="displayText"/> is committed, with <c>$$</c> where the caret goes.</summary>
        public async Task<string> CommitAsync(string markup, string displayText)
        {
            (Document document, int caret) = Open(markup);
            CompletionItem item = Single(await ItemsAtAsync(document, caret), displayText);
            CompletionChange change = await CompletionService.GetService(document)!.GetChangeAsync(document, item);
            SourceText text = await document.GetTextAsync();
            SourceText changed = text.WithChanges(change.TextChanges);
            int newCaret = change.NewPosition ?? change.TextChanges.Last().Span.Start + change.TextChanges.Last().NewText!.Length;
            string result = changed.ToString();
            return result.Substring(0, newCaret) + Caret + result.Substring(newCaret);
        }

        /// <summary>
        /// No item of the provider at the caret of <paramref name="markup"/>, while the same project, asked
        /// inside a <c>[BpfSection("")]</c> of another file, gets them: the provider is loaded and declines.
        /// </summary>
        public async Task AssertNothingOfferedAsync(string markup)
        {
            Source("Probe.cs", "using BpfAnalyzers;\nstatic class Probe\n{\n    [BpfSection(\"\")] static int P() => 0;\n}\n");
            (Document document, int caret) = Open(markup);
            Document probe = document.Project.Documents.Single(d => d.Name == "Probe.cs");
            string probeText = (await probe.GetTextAsync()).ToString();
            Assert.NotEmpty(await ItemsAtAsync(probe, probeText.IndexOf("(\"\")", StringComparison.Ordinal) + 2));

            IReadOnlyList<CompletionItem> items = await ItemsAtAsync(document, caret);
            Assert.True(items.Count == 0, "offered " + string.Join(", ", items.Select(i => i.DisplayText)));
        }

        private static CompletionItem Single(IReadOnlyList<CompletionItem> items, string displayText)
        {
            List<CompletionItem> found = items.Where(i => i.DisplayText == displayText).ToList();
            Assert.True(found.Count == 1, $"'{displayText}' is offered {found.Count} times among [{string.Join(", ", items.Select(i => i.DisplayText))}]");
            return found[0];
        }

        private static async Task<IReadOnlyList<CompletionItem>> ItemsAtAsync(Document document, int caret)
        {
            CompletionService service = CompletionService.GetService(document) ?? throw new InvalidOperationException("no C# completion service");
            CompletionList list = await service.GetCompletionsAsync(document, caret, CompletionTrigger.Invoke);

            // The provider's items are the ones it describes; Roslyn's own providers may add keywords and symbols.
            return list.ItemsList.Where(i => i.Properties.ContainsKey("BpfDescription")).ToList();
        }

        private (Document Document, int Caret) Open(string markup)
        {
            int caret = markup.IndexOf(Caret, StringComparison.Ordinal);
            Assert.True(caret >= 0 && markup.IndexOf(Caret, caret + Caret.Length, StringComparison.Ordinal) < 0, "markup needs exactly one $$");
            string source = markup.Remove(caret, Caret.Length);

            var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
            ProjectId projectId = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Consumer",
                "Consumer",
                LanguageNames.CSharp,
                filePath: Directory + "/Consumer.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: FrameworkReferences(),
                analyzerReferences: new AnalyzerReference[] { ProviderReference() }));

            DocumentId target = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(target, "Programs.cs", SourceText.From(source), filePath: Directory + "/Programs.cs");
            foreach ((string name, string text) in _sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: Directory + "/" + name);
            }

            foreach ((string name, string text) in _additional)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: Directory + "/" + name);
            }

            if (_editorConfig is not null)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(_editorConfig), filePath: Directory + "/.editorconfig");
            }

            if (_globalConfig.Count > 0)
            {
                // What MSBuild writes to obj/*.GeneratedMSBuildEditorConfig.editorconfig for CompilerVisibleProperty.
                string global = "is_global = true\n" + string.Join("\n", _globalConfig) + "\n";
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), "Consumer.GeneratedMSBuildEditorConfig.editorconfig", SourceText.From(global), filePath: Directory + "/obj/Consumer.GeneratedMSBuildEditorConfig.editorconfig");
            }

            Assert.True(workspace.TryApplyChanges(solution));
            return (workspace.CurrentSolution.GetDocument(target)!, caret);
        }

        private static AnalyzerFileReference ProviderReference()
        {
            string dll = Path.Combine(ProviderDirectory, "BpfAnalyzers.Completion.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the test project copies it from src/BpfAnalyzers.Completion's build output");
            return new AnalyzerFileReference(dll, FromDisk.Instance);
        }

        private static IReadOnlyList<MetadataReference> FrameworkReferences()
        {
            string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            return new[] { "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll" }
                .Select(f => (MetadataReference)MetadataReference.CreateFromFile(Path.Combine(runtime, f)))
                .ToList();
        }

        /// <summary>Loads the provider and its dependency (BpfAnalyzers.Sections) from the folder they ship in.</summary>
        private sealed class FromDisk : IAnalyzerAssemblyLoader
        {
            public static readonly FromDisk Instance = new();

            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
