namespace BpfAnalyzers.Sections
{
    /// <summary>Every rule ID, in one place. IDs are stable: never reuse or renumber one.</summary>
    public static class RuleIds
    {
        public const string UnknownSection = "BPF0001";
        public const string LegacyPrefixSection = "BPF0002";
        public const string NonCanonicalSection = "BPF0003";
        public const string DeprecatedSection = "BPF0004";
        public const string SectionNeedsNewerLibbpf = "BPF0005";
        public const string MalformedSectionName = "BPF0006";
        public const string DataSectionAsProgram = "BPF0007";
        public const string DuplicateSection = "BPF0008";
        public const string NonConstantSection = "BPF0009";
        public const string InvalidConfiguration = "BPF0010";
        public const string InvalidCustomSection = "BPF0011";
        public const string AttachTargetRejected = "BPF0012";
        public const string AttachTargetMisread = "BPF0013";
        public const string NoAutoAttach = "BPF0014";
        public const string BtfAttachTargetMissing = "BPF0015";
        public const string BtfAttachTargetInvalid = "BPF0016";
        public const string UnknownIterator = "BPF0017";
        public const string NoSleepableVariant = "BPF0018";
        public const string UnknownDataSection = "BPF0019";
        public const string ProgramSectionOnData = "BPF0020";
        public const string DataSectionMisfit = "BPF0021";
        public const string NoSuchTracepoint = "BPF0022";
        public const string LegacySection = "BPF0023";
        public const string SkippedDataSectionUnused = "BPF0024";
        public const string InvalidKernelProfile = "BPF0025";
        public const string KernelLacksBtfTarget = "BPF0026";
        public const string KernelLacksAttachTarget = "BPF0027";
        public const string KernelLacksProgramType = "BPF0028";
        public const string OptionalProgramLacksTarget = "BPF0029";
    }
}
