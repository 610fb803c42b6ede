using BpfAnalyzers.Sections;

namespace BpfAnalyzers
{
    /// <summary>Every rule ID (kept in <see cref="RuleIds"/>, BpfAnalyzers.Sections). IDs are stable: never reuse or renumber one.</summary>
    public static class RuleIdentifiers
    {
        public const string UnknownSection = RuleIds.UnknownSection;
        public const string LegacyPrefixSection = RuleIds.LegacyPrefixSection;
        public const string NonCanonicalSection = RuleIds.NonCanonicalSection;
        public const string DeprecatedSection = RuleIds.DeprecatedSection;
        public const string SectionNeedsNewerLibbpf = RuleIds.SectionNeedsNewerLibbpf;
        public const string MalformedSectionName = RuleIds.MalformedSectionName;
        public const string DataSectionAsProgram = RuleIds.DataSectionAsProgram;
        public const string DuplicateSection = RuleIds.DuplicateSection;
        public const string NonConstantSection = RuleIds.NonConstantSection;
        public const string InvalidConfiguration = RuleIds.InvalidConfiguration;
        public const string InvalidCustomSection = RuleIds.InvalidCustomSection;
        public const string AttachTargetRejected = RuleIds.AttachTargetRejected;
        public const string AttachTargetMisread = RuleIds.AttachTargetMisread;
        public const string NoAutoAttach = RuleIds.NoAutoAttach;
        public const string BtfAttachTargetMissing = RuleIds.BtfAttachTargetMissing;
        public const string BtfAttachTargetInvalid = RuleIds.BtfAttachTargetInvalid;
        public const string UnknownIterator = RuleIds.UnknownIterator;
        public const string NoSleepableVariant = RuleIds.NoSleepableVariant;
        public const string UnknownDataSection = RuleIds.UnknownDataSection;
        public const string ProgramSectionOnData = RuleIds.ProgramSectionOnData;
        public const string DataSectionMisfit = RuleIds.DataSectionMisfit;
        public const string NoSuchTracepoint = RuleIds.NoSuchTracepoint;
        public const string LegacySection = RuleIds.LegacySection;
    }
}
