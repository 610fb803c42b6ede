using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// Checks every <c>[BpfSection("...")]</c> against libbpf's section table for the target release.
    /// Any attribute class named <c>BpfSectionAttribute</c> whose first constructor parameter is a string
    /// counts, so frameworks that define their own keep working.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SectionNameAnalyzer : DiagnosticAnalyzer
    {
        internal const string SectionAttributeName = AttributeReading.SectionAttributeName;
        internal const string CustomSectionAttributeName = AttributeReading.CustomSectionAttributeName;

        /// <summary>Diagnostic property keys of the ranked fixes: Fix0 is the best.</summary>
        internal static readonly string[] FixKeys = { "Fix0", "Fix1", "Fix2" };

        /// <summary>Diagnostic property key of the custom section an unknown name could be declared as (<c>user+</c>).</summary>
        internal const string CustomSectionKey = "CustomSection";

        // A finding's fixes list is shared by every program with the same wrong name (SectionChecker keeps one per name):
        // its properties are made once per list, not once per diagnostic.
        private static readonly ConditionalWeakTable<IReadOnlyList<string>, ImmutableDictionary<string, string?>> s_fixProperties = new();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            Rules.All.Select(Descriptors.Of).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            // Generated code is skipped here (IsGeneratedCode below), not by Roslyn: with Flags.None Roslyn also checks
            // every reported diagnostic for an enclosing [GeneratedCode] by walking the tree it is in, once per tree
            // (AnalyzerDriver.IsInGeneratedCode), which was most of the analyzer's cost when many files had a wrong name.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            // No attribute type, no work: nothing is registered for this compilation.
            if (!AttributeTypes.Exist(context.Compilation, SectionAttributeName))
            {
                return;
            }

            (IReadOnlyList<Kernel.KernelProfile> kernels, IReadOnlyList<string> kernelErrors) = KernelProfiles.Read(context.Options.AdditionalFiles, context.Options.AnalyzerConfigOptionsProvider, context.CancellationToken);
            var state = new CompilationState(
                new AnalyzerSettings(context.Options.AnalyzerConfigOptionsProvider),
                new SectionChecker(CustomSections.Read(context.Compilation, context.CancellationToken), kernels),
                new LoaderDeclarations(context.Compilation),
                new AttributeAliases(context.Compilation));
            foreach (string error in kernelErrors)
            {
                state.Settings.Errors.TryAdd("\u0002" + error, true);
            }

            context.RegisterSyntaxNodeAction(state.AnalyzeAttribute, SyntaxKind.Attribute);
            context.RegisterCompilationEndAction(state.OnCompilationEnd);
        }

        private sealed class CompilationState
        {
            private readonly AnalyzerSettings _settings;
            private readonly SectionChecker _checker;
            private readonly LoaderDeclarations _loaders;
            private readonly AttributeAliases _aliases;
            // Filled only under libbpf 0.1. Its element is a class: a queue (and GroupBy) over a value tuple is generic code of
            // its own that a cold compiler would JIT-compile for this analyzer alone, even empty (issue 23).
            private readonly ConcurrentQueue<SectionUse> _oneProgramPerSection = new();

            public AnalyzerSettings Settings => _settings;

            public CompilationState(AnalyzerSettings settings, SectionChecker checker, LoaderDeclarations loaders, AttributeAliases aliases)
            {
                _aliases = aliases;
                _settings = settings;
                _checker = checker;
                _loaders = loaders;
            }

            public void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
            {
                var attribute = (AttributeSyntax)context.Node;
                if (context.IsGeneratedCode || IsHidden(attribute))
                {
                    return;
                }

                string? simpleName = SimpleName(attribute.Name);
                if (simpleName is null)
                {
                    return;
                }

                SectionAttributeKind named = AttributeReading.KindOfName(simpleName);
                if (named == SectionAttributeKind.None)
                {
                    // [S("xdp")] under 'using S = BpfAnalyzers.BpfSectionAttribute;': bound below like the others.
                    if (!_aliases.TryGet(attribute.SyntaxTree, simpleName, context.CancellationToken, out bool aliasIsCustom))
                    {
                        return;
                    }

                    named = aliasIsCustom ? SectionAttributeKind.CustomSection : SectionAttributeKind.Section;
                }

                SectionPlace place = named == SectionAttributeKind.Section ? AttributeReading.PlaceOf(attribute) : SectionPlace.Elsewhere;
                if (named == SectionAttributeKind.Section && place == SectionPlace.Elsewhere)
                {
                    return;
                }

                // The compiler has bound the declared symbol's attributes already (constructor chosen, arguments
                // evaluated): reading them is free, where asking the semantic model binds the attribute again, at about
                // 0.1-0.2 ms each (bench/: most of what the analyzer cost). Anything else falls back to the model.
                AttributeData? bound = BoundByCompiler(context.ContainingSymbol, attribute);
                IMethodSymbol? ctor = bound?.AttributeConstructor ??
                    context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol as IMethodSymbol;
                if (AttributeReading.KindOf(ctor) != named)
                {
                    return;
                }

                ExpressionSyntax? argument = AttributeReading.FirstArgument(attribute, ctor!.Parameters[0].Name)?.Expression;
                if (argument is null || argument.IsMissing || argument.ContainsDiagnostics)
                {
                    // Half-typed code: the compiler already reports it.
                    return;
                }

                LibbpfSetup libbpf = _settings.LibbpfFor(attribute.SyntaxTree);
                Optional<object?> constant = bound?.AttributeConstructor is not null && bound.ConstructorArguments.Length > 0 &&
                                             bound.ConstructorArguments[0].Kind == TypedConstantKind.Primitive
                    ? new Optional<object?>(bound.ConstructorArguments[0].Value)
                    : context.SemanticModel.GetConstantValue(argument, context.CancellationToken);
                if (!constant.HasValue || (constant.Value is not null && constant.Value is not string))
                {
                    context.ReportDiagnostic(Create(SectionChecker.NonConstant(libbpf), argument.GetLocation()));
                    return;
                }

                string? name = (string?)constant.Value;
                if (named == SectionAttributeKind.CustomSection)
                {
                    CustomSections.Check(context, argument, name, libbpf);
                    return;
                }

                // On a field or property the attribute places a global or a map (DotnetEbpf): libbpf's data sections apply.
                if (place == SectionPlace.Data && attribute.Parent!.Parent is MemberDeclarationSyntax member)
                {
                    DataMemberDiagnostics.Report(context, member, argument, name, libbpf, _checker);
                    return;
                }

                // libbpf 0.1's one-program-per-section rule needs every program: no short cut there.
                bool oneProgramPerSection = SectionChecker.OneProgramPerSection(libbpf);
                if (name is not null && !oneProgramPerSection && _checker.IsKnownClean(name, libbpf))
                {
                    return;
                }

                string program = ProgramName(attribute, context.ContainingSymbol);
                ProgramFindings found = _checker.CheckProgram(name, libbpf, program);
                if (!found.IsEmpty)
                {
                    // What the loader does in code is looked up only when it could waive a finding.
                    LoaderWaiver loader = found.Waivable == LoaderWaiver.None
                        ? LoaderWaiver.None
                        : _loaders.For(context.ContainingSymbol, attribute, context.SemanticModel, context.CancellationToken).Waiver;
                    foreach (Finding finding in found.After(loader))
                    {
                        Location location = finding.IsWholeName
                            ? argument.GetLocation()
                            : LiteralSpans.Locate(argument, name!, finding.Start, finding.Length);
                        context.ReportDiagnostic(Create(finding, location));
                    }
                }

                // libbpf 0.1 made one program of each executable ELF section (bpf_object__add_program()).
                if (name is not null && oneProgramPerSection)
                {
                    _oneProgramPerSection.Enqueue(new SectionUse(name, program, argument.GetLocation()));
                }
            }

            public void OnCompilationEnd(CompilationAnalysisContext context)
            {
                // The usual end: nothing to report, and no sorting or grouping code run (or JIT-compiled) to find that out.
                if (_settings.Errors.IsEmpty && _oneProgramPerSection.IsEmpty)
                {
                    return;
                }

                foreach (string error in _settings.Errors.Keys.OrderBy(e => e, System.StringComparer.Ordinal))
                {
                    // U+0002 marks a kernel profile's error (BPF0025), the rest are settings' (BPF0010).
                    context.ReportDiagnostic(Create(
                        error[0] == '\u0002' ? SectionChecker.InvalidKernelProfile(error.Substring(1)) : SectionChecker.InvalidConfiguration(error),
                        Location.None));
                }

                foreach (var group in _oneProgramPerSection.GroupBy(p => p.Name, System.StringComparer.Ordinal))
                {
                    var uses = group.OrderBy(u => u.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(u => u.Location.SourceSpan.Start).ToList();
                    for (int i = 1; i < uses.Count; i++)
                    {
                        LibbpfSetup libbpf = _settings.LibbpfFor(uses[i].Location.SourceTree!);
                        context.ReportDiagnostic(Create(SectionChecker.DuplicateSection(group.Key, uses[0].Program, libbpf), uses[i].Location));
                    }
                }
            }
        }

        /// <summary>One program's section under libbpf 0.1, which made one program of each section.</summary>
        private sealed class SectionUse
        {
            public SectionUse(string name, string program, Location location)
            {
                Name = name;
                Program = program;
                Location = location;
            }

            public string Name { get; }

            public string Program { get; }

            public Location Location { get; }
        }

        /// <summary>The diagnostic of an engine finding at <paramref name="location"/>, its fixes in the properties the code fixes read.</summary>
        internal static Diagnostic Create(Finding finding, Location location) =>
            Diagnostic.Create(Descriptors.Of(finding.Rule), location, Properties(finding), finding.Arguments);

        /// <summary>Under <c>#line hidden</c>, as generated code: Roslyn would drop what is reported there.</summary>
        private static bool IsHidden(AttributeSyntax attribute) =>
            attribute.SyntaxTree.HasHiddenRegions() && attribute.SyntaxTree.GetLineVisibility(attribute.SpanStart) == LineVisibility.Hidden;

        /// <summary>
        /// The compiler's own binding of <paramref name="attribute"/> when it decorates <paramref name="symbol"/> (a method or
        /// type); null for attributes elsewhere (return values, parameters, local functions, the assembly).
        /// </summary>
        private static AttributeData? BoundByCompiler(ISymbol? symbol, AttributeSyntax attribute)
        {
            if (symbol is null)
            {
                return null;
            }

            foreach (AttributeData data in symbol.GetAttributes())
            {
                SyntaxReference? reference = data.ApplicationSyntaxReference;
                if (reference is not null && reference.Span == attribute.Span && reference.SyntaxTree == attribute.SyntaxTree)
                {
                    return data;
                }
            }

            return null;
        }

        private static string? SimpleName(NameSyntax name) => name switch
        {
            IdentifierNameSyntax id => id.Identifier.ValueText,
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>
        /// The function libbpf names the program after, as its messages do: dntc's <c>[CustomFunctionName("handle_tp")]</c>
        /// renames the C function, so it renames the program too.
        /// </summary>
        private static string ProgramName(AttributeSyntax attribute, ISymbol? containing) => attribute.Parent?.Parent switch
        {
            MethodDeclarationSyntax when containing is IMethodSymbol method => DataMemberDiagnostics.CName(method, DataMemberDiagnostics.CustomFunctionNameAttribute),
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            LocalFunctionStatementSyntax f => f.Identifier.ValueText,
            _ => "<program>",
        };

        private static ImmutableDictionary<string, string?> Properties(Finding finding)
        {
            ImmutableDictionary<string, string?> properties = finding.Fixes.Count == 0
                ? ImmutableDictionary<string, string?>.Empty
                : s_fixProperties.GetValue(finding.Fixes, FixProperties);
            return finding.CustomSection is string custom ? properties.SetItem(CustomSectionKey, custom) : properties;
        }

        private static ImmutableDictionary<string, string?> FixProperties(IReadOnlyList<string> fixes)
        {
            ImmutableDictionary<string, string?>.Builder builder = ImmutableDictionary.CreateBuilder<string, string?>();
            for (int i = 0; i < fixes.Count && i < FixKeys.Length; i++)
            {
                builder[FixKeys[i]] = fixes[i];
            }

            return builder.ToImmutable();
        }
    }
}
