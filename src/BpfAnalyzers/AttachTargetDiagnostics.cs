using System.Collections.Generic;
using System.Threading;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BpfAnalyzers
{
    /// <summary>
    /// Reports what <see cref="AttachTargetRules"/> finds in the attach target of a section name that
    /// resolved (cleanly, or with only a warning), underlining just the offending part of the literal.
    /// </summary>
    internal static class AttachTargetDiagnostics
    {
        internal const string AttachTargetSetInCodeProperty = "AttachTargetSetInCode";

        /// <summary>The rules that run only once the name itself is fine.</summary>
        public static readonly DiagnosticDescriptor[] Descriptors =
        {
            BpfAnalyzers.Descriptors.AttachTargetRejected,
            BpfAnalyzers.Descriptors.AttachTargetMisread,
            BpfAnalyzers.Descriptors.NoAutoAttach,
            BpfAnalyzers.Descriptors.BtfAttachTargetMissing,
            BpfAnalyzers.Descriptors.BtfAttachTargetInvalid,
            BpfAnalyzers.Descriptors.UnknownIterator,
            BpfAnalyzers.Descriptors.NoSuchTracepoint,
        };

        /// <summary>
        /// True when the name's own finding leaves room for an attach-target check: none, or a warning
        /// that the name is not canonical or deprecated. Never on top of a section-name error.
        /// </summary>
        public static bool AppliesAfter(SectionFinding? finding) =>
            finding is null ||
            finding.Descriptor.Id == RuleIdentifiers.NonCanonicalSection ||
            finding.Descriptor.Id == RuleIdentifiers.DeprecatedSection ||
            finding.Descriptor.Id == RuleIdentifiers.LegacySection;

        /// <summary>
        /// Reports the attach-target finding, if any. Returns false when the name has one (reported or waived by a
        /// loader declaration): only a name with none is clean whatever program carries it.
        /// </summary>
        public static bool Report(
            SyntaxNodeAnalysisContext context,
            AttributeSyntax attribute,
            ExpressionSyntax argument,
            string name,
            string program,
            SectionTarget target,
            IReadOnlyList<SectionEntry> custom,
            LoaderDeclarations loaders)
        {
            // Odd characters already earn the name a warning with its clean spelling; check that one instead.
            if (SectionNameRules.Malformation(name) is not null)
            {
                return false;
            }

            SectionResolution resolution = SectionResolver.ResolveProgram(name, target, custom);
            AttachTargetFinding? finding = AttachTargetRules.Check(resolution, program);
            if (finding is null)
            {
                return true;
            }

            LoaderDeclaration loader = loaders.For(context.ContainingSymbol, SetsTargetInCode(attribute, context.SemanticModel, context.CancellationToken));
            if ((finding.OnlyBreaksAutoAttach && loader.AttachesInCode) ||
                (finding.WaivedBySettingTargetInCode && loader.SetsAttachTarget))
            {
                return false;
            }

            string version = target.ToString();
            string display = SectionNameRules.Display(name);
            (DiagnosticDescriptor descriptor, object[] args) = finding.Problem switch
            {
                AttachTargetProblem.Rejected => (BpfAnalyzers.Descriptors.AttachTargetRejected, new object[] { version, display, finding.Reason, finding.Outcome }),
                AttachTargetProblem.Misread => (BpfAnalyzers.Descriptors.AttachTargetMisread, new object[] { version, display, finding.Reason, finding.Outcome }),
                AttachTargetProblem.NoAutoAttach => (BpfAnalyzers.Descriptors.NoAutoAttach, new object[] { version, display, finding.Reason, finding.Outcome }),
                AttachTargetProblem.BtfTargetMissing => (BpfAnalyzers.Descriptors.BtfAttachTargetMissing, new object[] { version, display, finding.Reason, finding.Outcome }),
                AttachTargetProblem.BtfTargetInvalid => (BpfAnalyzers.Descriptors.BtfAttachTargetInvalid, new object[] { version, display, finding.Reason, finding.Outcome }),
                AttachTargetProblem.NoSuchTracepoint => (BpfAnalyzers.Descriptors.NoSuchTracepoint, new object[] { version, display, finding.Reason, finding.Outcome }),
                _ => (BpfAnalyzers.Descriptors.UnknownIterator, new object[] { version, display, finding.Iterator!, DidYouMean(finding.Fixes, finding.Start), finding.Outcome }),
            };

            Location location = LiteralSpans.Locate(argument, name, finding.Start, finding.Length);
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, SectionNameAnalyzer.FixProperties(finding.Fixes), args));
            return false;
        }

        /// <summary>The BPF0018 finding for a name that is unknown only because of its <c>.s</c>, or null.</summary>
        public static SectionFinding? NoSleepableVariant(string name, string programName, SectionTarget target, IReadOnlyList<SectionEntry>? custom)
        {
            SleepableVariantFinding? s = SleepableVariants.Check(name, target, custom);
            if (s is null)
            {
                return null;
            }

            string loadFailure = string.Join("\" then \"", LibbpfMessages.UnknownSection(SectionNameRules.Display(name), target.Version, programName));
            var quoted = new List<string>();
            foreach (string fix in s.Fixes)
            {
                quoted.Add("'" + SectionNameRules.Display(fix) + "'");
            }

            string use = quoted.Count == 1
                ? quoted[0] + $" ('{s.BaseType}' cannot sleep)"
                : quoted[0] + $" ('{s.BaseType}' cannot sleep) or " + string.Join(" or ", quoted.GetRange(1, quoted.Count - 1)) + " (sleepable)";
            return new SectionFinding(
                BpfAnalyzers.Descriptors.NoSleepableVariant,
                new object[] { target.ToString(), SectionNameRules.Display(name), s.Written, loadFailure, use },
                s.Fixes);
        }

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

        /// <summary>The fixes are whole names that differ from the start of the iterator on; the message names the iterators.</summary>
        private static string DidYouMean(IReadOnlyList<string> fixes, int start)
        {
            if (fixes.Count == 0)
            {
                return string.Empty;
            }

            var names = new List<string>();
            foreach (string fix in fixes)
            {
                names.Add("'" + fix.Substring(start) + "'");
            }

            return "; did you mean " + string.Join(" or ", names) + "?";
        }
    }
}
