using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.Options;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// Completes section names inside <c>[BpfSection("|")]</c>: program sections of the target libbpf release
    /// on a method, data sections on a field or property. Roslyn (Visual Studio, the Roslyn language server,
    /// csharp-ls) loads it from the package's <c>analyzers/dotnet/cs/</c> by its export attribute.
    /// </summary>
    [ExportCompletionProvider(nameof(SectionNameCompletionProvider), LanguageNames.CSharp)]
    public sealed class SectionNameCompletionProvider : CompletionProvider
    {
        private const string DescriptionProperty = "BpfDescription";
        private const string InsertProperty = "BpfInsert";

        // Roslyn's TextTags.CodeBlockStart/End, which are internal: tags are plain strings.
        private const string CodeBlockStart = "CodeBlockStart";
        private const string CodeBlockEnd = "CodeBlockEnd";

        /// <summary>
        /// Names hold '/', '.', '+', ':' and '?': typing them filters the list instead of committing it. An
        /// item commits with Tab or Enter, or with the closing quote.
        /// </summary>
        private static readonly CompletionItemRules s_rules = CompletionItemRules.Create(
            filterCharacterRules: ImmutableArray.Create(CharacterSetModificationRule.Create(CharacterSetModificationKind.Add, '/', '.', '+', ':', '?', '_', '-')),
            commitCharacterRules: ImmutableArray.Create(CharacterSetModificationRule.Create(CharacterSetModificationKind.Replace, '"')),
            enterKeyRule: EnterKeyRule.Never);

        public override bool ShouldTriggerCompletion(SourceText text, int caretPosition, CompletionTrigger trigger, OptionSet options)
        {
            if (trigger.Kind != CompletionTriggerKind.Insertion || caretPosition <= 0)
            {
                return false;
            }

            // Cheap, text-only: the opening quote, or a name character after one on the same line. Whether the
            // string is a section name is decided, with the syntax tree, when the items are asked for.
            char c = trigger.Character;
            if (c != '"' && !char.IsLetterOrDigit(c) && c != '_' && c != '.' && c != '/' && c != '?')
            {
                return false;
            }

            TextLine line = text.Lines.GetLineFromPosition(caretPosition);
            for (int i = caretPosition - 1; i >= line.Start; i--)
            {
                if (text[i] == '"')
                {
                    return true;
                }
            }

            return false;
        }

        public override async Task ProvideCompletionsAsync(CompletionContext context)
        {
            Document document = context.Document;
            CancellationToken cancellationToken = context.CancellationToken;
            SectionLiteral? literal = await SectionLiteral.FindAsync(document, context.Position, cancellationToken).ConfigureAwait(false);
            if (literal is null)
            {
                return;
            }

            SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            if (tree is null)
            {
                return;
            }

            TextSpan typedSpan = TextSpan.FromBounds(literal.Content.Start, context.Position);
            string typed = text.ToString(typedSpan);
            LibbpfSetup libbpf = CompletionSettings.For(document, tree);

            // The names replace what is typed before the caret; what follows the caret stays.
            context.CompletionListSpan = typedSpan;
            if ((literal.Kind & SectionKind.Program) != 0)
            {
                IReadOnlyList<SectionEntry> custom = await CompletionSettings.CustomSectionsAsync(document, cancellationToken).ConfigureAwait(false);

                // SEC("?name"), libbpf 0.8+: the program is not auto-loaded; the rest is the name.
                string noAutoload = typed.StartsWith("?", StringComparison.Ordinal) && libbpf.SupportsNoAutoload ? "?" : "";
                string name = typed.Substring(noAutoload.Length);
                if (!ProgramSectionNames.IsInAttachTarget(name, libbpf, custom))
                {
                    Add(context, ProgramSectionNames.For(libbpf, custom), noAutoload, name);
                }
                else
                {
                    // Past the slash: the kernels' names, when the project declares kernels (BpfKernel items).
                    IReadOnlyList<Kernel.KernelProfile> kernels = await KernelNames.ProfilesAsync(document.Project, cancellationToken).ConfigureAwait(false);
                    Add(context, KernelNames.For(name, libbpf, kernels), noAutoload, name);
                }
            }

            if ((literal.Kind & SectionKind.Data) != 0)
            {
                Add(context, DataSectionNames.For(libbpf.Version), "", typed);
            }
        }

        public override Task<CompletionDescription?> GetDescriptionAsync(Document document, CompletionItem item, CancellationToken cancellationToken) =>
            Task.FromResult(item.Properties.TryGetValue(DescriptionProperty, out string? description) ? Describe(description) : null);

        /// <summary>
        /// The first line (<c>kprobe/FUNC[+OFFSET]</c>) as a code block, the rest as text: the shape of Roslyn's own
        /// symbol descriptions. csharp-ls shows a description only in that shape (the code block as the item's
        /// detail, the rest as its documentation); Roslyn's LSP server renders it as Markdown.
        /// </summary>
        private static CompletionDescription Describe(string description)
        {
            string[] lines = description.Split('\n');
            ImmutableArray<TaggedText>.Builder parts = ImmutableArray.CreateBuilder<TaggedText>();
            parts.Add(new TaggedText(CodeBlockStart, string.Empty));
            parts.Add(new TaggedText(TextTags.Text, lines[0]));
            parts.Add(new TaggedText(CodeBlockEnd, string.Empty));
            for (int i = 1; i < lines.Length; i++)
            {
                parts.Add(new TaggedText(TextTags.LineBreak, "\n"));
                parts.Add(new TaggedText(TextTags.Text, lines[i]));
            }

            return CompletionDescription.Create(parts.ToImmutable());
        }

        public override Task<CompletionChange> GetChangeAsync(Document document, CompletionItem item, char? commitKey, CancellationToken cancellationToken)
        {
            string insert = item.Properties.TryGetValue(InsertProperty, out string? value) ? value : item.DisplayText;
            return Task.FromResult(CompletionChange.Create(new TextChange(item.Span, insert)));
        }

        /// <summary>The names that start with what is typed (libbpf compares names case-sensitively).</summary>
        private static void Add(CompletionContext context, IReadOnlyList<SectionName> names, string prefix, string typed)
        {
            foreach (SectionName name in names)
            {
                if (!name.Name.StartsWith(typed, StringComparison.Ordinal))
                {
                    continue;
                }

                string insert = prefix + name.Name;
                context.AddItem(CompletionItem.Create(
                    displayText: insert,
                    filterText: insert,
                    sortText: insert,
                    properties: ImmutableDictionary<string, string>.Empty
                        .Add(DescriptionProperty, name.Description)
                        .Add(InsertProperty, insert),
                    tags: ImmutableArray.Create(WellKnownTags.Constant),
                    rules: s_rules,
                    inlineDescription: name.Inline.Length > 0 ? name.Inline : null));
            }
        }
    }
}
