using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers
{
    /// <summary>What a program's loader does in code, from the <c>[BpfLoader]</c> declarations that reach it.</summary>
    internal readonly struct LoaderDeclaration
    {
        public LoaderDeclaration(bool attachesInCode, bool setsType, bool setsAttachTarget)
        {
            AttachesInCode = attachesInCode;
            SetsType = setsType;
            SetsAttachTarget = setsAttachTarget;
        }

        /// <summary><c>bpf_program__attach_*()</c> or <c>bpf_program__set_autoattach(false)</c>: auto-attach never reads the name.</summary>
        public bool AttachesInCode { get; }

        /// <summary><c>bpf_program__set_type()</c>: the type libbpf infers from the name does not matter.</summary>
        public bool SetsType { get; }

        /// <summary><c>bpf_program__set_attach_target()</c>: the BTF target in the name does not matter.</summary>
        public bool SetsAttachTarget { get; }

        /// <summary>The same, as the check engine takes it.</summary>
        public LoaderWaiver Waiver =>
            (AttachesInCode ? LoaderWaiver.AttachesInCode : LoaderWaiver.None) |
            (SetsType ? LoaderWaiver.SetsType : LoaderWaiver.None) |
            (SetsAttachTarget ? LoaderWaiver.SetsAttachTarget : LoaderWaiver.None);
    }

    /// <summary>
    /// Finds the <c>[BpfLoader]</c> declarations of a program: any attribute class named
    /// <c>BpfLoaderAttribute</c>, as for <c>BpfSectionAttribute</c>. For each property the nearest
    /// declaration that sets it explicitly wins: the program, its containing types outward, the module,
    /// the assembly. The module's and assembly's are read once per compilation.
    /// </summary>
    internal sealed class LoaderDeclarations
    {
        internal const string AttributeName = "BpfLoaderAttribute";
        internal const string AttachesInCodeProperty = "AttachesInCode";
        internal const string SetsTypeProperty = "SetsType";
        internal const string SetsAttachTargetProperty = "SetsAttachTarget";

        /// <summary><c>[BpfSection(AttachTargetSetInCode = true)]</c>: the program's own <c>SetsAttachTarget</c>.</summary>
        internal const string AttachTargetSetInCodeProperty = "AttachTargetSetInCode";

        private readonly Explicit _compilationWide;

        public LoaderDeclarations(Compilation compilation)
        {
            Explicit e = default;
            e = e.Then(Read(compilation.SourceModule));
            _compilationWide = e.Then(Read(compilation.Assembly));
        }

        /// <summary>
        /// The declaration in force for the program <paramref name="program"/> (its method, or whatever symbol the
        /// section attribute decorates). <paramref name="attachTargetSetInCode"/> is the program's own
        /// <c>[BpfSection(AttachTargetSetInCode = ...)]</c> when written, which is its <c>SetsAttachTarget</c>.
        /// </summary>
        public LoaderDeclaration For(ISymbol? program, bool? attachTargetSetInCode)
        {
            var e = new Explicit(null, null, attachTargetSetInCode);
            for (ISymbol? s = program; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
            {
                if (e.IsComplete)
                {
                    break;
                }

                e = e.Then(Read(s));
            }

            e = e.Then(_compilationWide);
            return new LoaderDeclaration(e.AttachesInCode == true, e.SetsType == true, e.SetsAttachTarget == true);
        }

        /// <summary>The declaration in force for the program the section attribute <paramref name="attribute"/> decorates.</summary>
        public LoaderDeclaration For(ISymbol? program, AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
            For(program, SetsTargetInCode(attribute, model, cancellationToken));

        /// <summary>The attribute's <c>AttachTargetSetInCode</c> when it is written with a constant, else null.</summary>
        private static bool? SetsTargetInCode(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
        {
            if (attribute.ArgumentList is null)
            {
                return null;
            }

            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == AttachTargetSetInCodeProperty)
                {
                    Optional<object?> value = model.GetConstantValue(argument.Expression, cancellationToken);
                    return value.HasValue && value.Value is bool b ? b : null;
                }
            }

            return null;
        }

        private static Explicit Read(ISymbol symbol)
        {
            foreach (AttributeData data in symbol.GetAttributes())
            {
                if (data.AttributeClass?.Name != AttributeName)
                {
                    continue;
                }

                bool? attaches = null;
                bool? setsType = null;
                bool? setsTarget = null;
                foreach (var argument in data.NamedArguments)
                {
                    if (argument.Value.Kind != TypedConstantKind.Primitive || argument.Value.Value is not bool value)
                    {
                        continue;
                    }

                    switch (argument.Key)
                    {
                        case AttachesInCodeProperty:
                            attaches = value;
                            break;
                        case SetsTypeProperty:
                            setsType = value;
                            break;
                        case SetsAttachTargetProperty:
                            setsTarget = value;
                            break;
                    }
                }

                return new Explicit(attaches, setsType, setsTarget);
            }

            return default;
        }

        /// <summary>The properties set explicitly so far, nearest first; null where none has been.</summary>
        private readonly struct Explicit
        {
            public Explicit(bool? attachesInCode, bool? setsType, bool? setsAttachTarget)
            {
                AttachesInCode = attachesInCode;
                SetsType = setsType;
                SetsAttachTarget = setsAttachTarget;
            }

            public bool? AttachesInCode { get; }

            public bool? SetsType { get; }

            public bool? SetsAttachTarget { get; }

            public bool IsComplete => AttachesInCode.HasValue && SetsType.HasValue && SetsAttachTarget.HasValue;

            /// <summary>This, with what it leaves unset taken from <paramref name="farther"/>.</summary>
            public Explicit Then(Explicit farther) =>
                new(AttachesInCode ?? farther.AttachesInCode, SetsType ?? farther.SetsType, SetsAttachTarget ?? farther.SetsAttachTarget);
        }
    }
}
