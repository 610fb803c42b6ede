using System;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>
    /// Every diagnostic this package reports, made of the rules in <see cref="Rules"/> (BpfAnalyzers.Sections), where their
    /// words live so that the CLI says exactly what the analyzer says.
    /// </summary>
    public static class Descriptors
    {
        public const string SectionsCategory = Rules.SectionsCategory;
        public const string ConfigurationCategory = Rules.ConfigurationCategory;
        public const string AttachTargetsCategory = Rules.AttachTargetsCategory;

        public static readonly DiagnosticDescriptor UnknownSection = From(RuleIdentifiers.UnknownSection, Rules.UnknownSection);

        public static readonly DiagnosticDescriptor LegacyPrefixSection = From(RuleIdentifiers.LegacyPrefixSection, Rules.LegacyPrefixSection);

        public static readonly DiagnosticDescriptor NonCanonicalSection = From(RuleIdentifiers.NonCanonicalSection, Rules.NonCanonicalSection);

        public static readonly DiagnosticDescriptor DeprecatedSection = From(RuleIdentifiers.DeprecatedSection, Rules.DeprecatedSection);

        public static readonly DiagnosticDescriptor SectionNeedsNewerLibbpf = From(RuleIdentifiers.SectionNeedsNewerLibbpf, Rules.SectionNeedsNewerLibbpf);

        public static readonly DiagnosticDescriptor MalformedSectionName = From(RuleIdentifiers.MalformedSectionName, Rules.MalformedSectionName);

        public static readonly DiagnosticDescriptor DataSectionAsProgram = From(RuleIdentifiers.DataSectionAsProgram, Rules.DataSectionAsProgram);

        public static readonly DiagnosticDescriptor DuplicateSection = From(RuleIdentifiers.DuplicateSection, Rules.DuplicateSection);

        public static readonly DiagnosticDescriptor NonConstantSection = From(RuleIdentifiers.NonConstantSection, Rules.NonConstantSection);

        public static readonly DiagnosticDescriptor InvalidConfiguration = From(RuleIdentifiers.InvalidConfiguration, Rules.InvalidConfiguration);

        public static readonly DiagnosticDescriptor InvalidCustomSection = From(RuleIdentifiers.InvalidCustomSection, Rules.InvalidCustomSection);

        public static readonly DiagnosticDescriptor AttachTargetRejected = From(RuleIdentifiers.AttachTargetRejected, Rules.AttachTargetRejected);

        public static readonly DiagnosticDescriptor AttachTargetMisread = From(RuleIdentifiers.AttachTargetMisread, Rules.AttachTargetMisread);

        public static readonly DiagnosticDescriptor NoAutoAttach = From(RuleIdentifiers.NoAutoAttach, Rules.NoAutoAttach);

        public static readonly DiagnosticDescriptor BtfAttachTargetMissing = From(RuleIdentifiers.BtfAttachTargetMissing, Rules.BtfAttachTargetMissing);

        public static readonly DiagnosticDescriptor BtfAttachTargetInvalid = From(RuleIdentifiers.BtfAttachTargetInvalid, Rules.BtfAttachTargetInvalid);

        public static readonly DiagnosticDescriptor UnknownIterator = From(RuleIdentifiers.UnknownIterator, Rules.UnknownIterator);

        public static readonly DiagnosticDescriptor NoSleepableVariant = From(RuleIdentifiers.NoSleepableVariant, Rules.NoSleepableVariant);

        public static readonly DiagnosticDescriptor UnknownDataSection = From(RuleIdentifiers.UnknownDataSection, Rules.UnknownDataSection);

        public static readonly DiagnosticDescriptor ProgramSectionOnData = From(RuleIdentifiers.ProgramSectionOnData, Rules.ProgramSectionOnData);

        public static readonly DiagnosticDescriptor DataSectionMisfit = From(RuleIdentifiers.DataSectionMisfit, Rules.DataSectionMisfit);

        public static readonly DiagnosticDescriptor NoSuchTracepoint = From(RuleIdentifiers.NoSuchTracepoint, Rules.NoSuchTracepoint);

        public static readonly DiagnosticDescriptor LegacySection = From(RuleIdentifiers.LegacySection, Rules.LegacySection);

        /// <summary>Where each rule's documentation lives.</summary>
        public static string HelpLink(string id) => Rules.HelpLink(id);

        /// <summary>The descriptor of a finding's rule.</summary>
        internal static DiagnosticDescriptor Of(Rule rule) => rule.Id switch
        {
            RuleIdentifiers.UnknownSection => UnknownSection,
            RuleIdentifiers.LegacyPrefixSection => LegacyPrefixSection,
            RuleIdentifiers.NonCanonicalSection => NonCanonicalSection,
            RuleIdentifiers.DeprecatedSection => DeprecatedSection,
            RuleIdentifiers.SectionNeedsNewerLibbpf => SectionNeedsNewerLibbpf,
            RuleIdentifiers.MalformedSectionName => MalformedSectionName,
            RuleIdentifiers.DataSectionAsProgram => DataSectionAsProgram,
            RuleIdentifiers.DuplicateSection => DuplicateSection,
            RuleIdentifiers.NonConstantSection => NonConstantSection,
            RuleIdentifiers.InvalidConfiguration => InvalidConfiguration,
            RuleIdentifiers.InvalidCustomSection => InvalidCustomSection,
            RuleIdentifiers.AttachTargetRejected => AttachTargetRejected,
            RuleIdentifiers.AttachTargetMisread => AttachTargetMisread,
            RuleIdentifiers.NoAutoAttach => NoAutoAttach,
            RuleIdentifiers.BtfAttachTargetMissing => BtfAttachTargetMissing,
            RuleIdentifiers.BtfAttachTargetInvalid => BtfAttachTargetInvalid,
            RuleIdentifiers.UnknownIterator => UnknownIterator,
            RuleIdentifiers.NoSleepableVariant => NoSleepableVariant,
            RuleIdentifiers.UnknownDataSection => UnknownDataSection,
            RuleIdentifiers.ProgramSectionOnData => ProgramSectionOnData,
            RuleIdentifiers.DataSectionMisfit => DataSectionMisfit,
            RuleIdentifiers.NoSuchTracepoint => NoSuchTracepoint,
            RuleIdentifiers.LegacySection => LegacySection,
            _ => throw new ArgumentException("no descriptor for " + rule.Id, nameof(rule)),
        };

        internal static DiagnosticSeverity Severity(FindingSeverity severity) => severity switch
        {
            FindingSeverity.Error => DiagnosticSeverity.Error,
            FindingSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };

        private static DiagnosticDescriptor From(string id, Rule rule)
        {
            System.Diagnostics.Debug.Assert(id == rule.Id, "descriptor and rule agree");
            return rule.IsCompilationEnd
                ? new DiagnosticDescriptor(id, rule.Title, rule.MessageFormat, rule.Category, Severity(rule.Severity), isEnabledByDefault: true, rule.Description, rule.HelpLink, WellKnownDiagnosticTags.CompilationEnd)
                : new DiagnosticDescriptor(id, rule.Title, rule.MessageFormat, rule.Category, Severity(rule.Severity), isEnabledByDefault: true, rule.Description, rule.HelpLink);
        }
    }
}
