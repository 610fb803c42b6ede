namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Every rule of the package, with the words it speaks in: the analyzer makes its diagnostic descriptors of these, and
    /// the CLI formats the same messages, so both surfaces say the same thing about a name.
    /// </summary>
    public static class Rules
    {
        public const string SectionsCategory = "BpfSections";
        public const string ConfigurationCategory = "BpfConfiguration";
        public const string AttachTargetsCategory = "BpfAttachTargets";

        public static readonly Rule UnknownSection = new Rule(
            "BPF0001",
            "Unknown BPF section name",
            "{0} does not know section '{1}' and would fail to load the program: \"{2}\"{3}",
            SectionsCategory,
            FindingSeverity.Error,
            "libbpf infers a program's type from its ELF section name. A name that matches no entry of the section table fails at load time.",
            RuleFixes.Rename | RuleFixes.DeclareCustomSection,
            waivedBy: LoaderWaiver.SetsType);

        public static readonly Rule LegacyPrefixSection = new Rule(
            "BPF0002",
            "BPF section name loads only by legacy prefix matching",
            "Section '{1}' loads under {0} only because legacy prefix matching reads it as '{2}' ({3}); libbpf 1.0 rejects it: write '{2}'{4}",
            SectionsCategory,
            FindingSeverity.Warning,
            "Before libbpf 1.0 many entries matched any name that started with them, so 'xdpblah' loaded as XDP and 'xdp_devmap_omg' as plain XDP. libbpf 1.0 removed that.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsType);

        public static readonly Rule NonCanonicalSection = new Rule(
            "BPF0003",
            "BPF section name is not canonical",
            "Section '{1}' loads under {0}, but {2}: write '{3}'",
            SectionsCategory,
            FindingSeverity.Warning,
            "libbpf accepts some spellings that are not what a reader expects, such as 'kprobe/' with an empty attach target.",
            RuleFixes.Rename);

        public static readonly Rule DeprecatedSection = new Rule(
            "BPF0004",
            "BPF section name is deprecated",
            "Section '{1}' is {2} in {0}: use {3}",
            SectionsCategory,
            FindingSeverity.Warning,
            "libbpf deprecates section names before it removes them: 'xdp_devmap/', 'xdp_cpumap/' and 'classifier' in 0.7-0.8 carry SEC_DEPRECATED, and libbpf prints a message when it loads them.",
            RuleFixes.Rename);

        public static readonly Rule SectionNeedsNewerLibbpf = new Rule(
            "BPF0005",
            "BPF section name needs a newer libbpf",
            "Section '{1}' needs {2}, but the project targets {0}, which would fail to load the program: \"{3}\"{4}",
            SectionsCategory,
            FindingSeverity.Error,
            "Each libbpf release adds section names. Set BpfLibbpfVersion to the release the program runs with.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsType);

        public static readonly Rule MalformedSectionName = new Rule(
            "BPF0006",
            "BPF section name is empty or malformed",
            "Section name {1}; {0} compares names byte for byte and would not recognise it",
            SectionsCategory,
            FindingSeverity.Error,
            "Section names are compared exactly. Whitespace, control characters and invisible characters are never part of a valid name.",
            RuleFixes.Rename);

        public static readonly Rule DataSectionAsProgram = new Rule(
            "BPF0007",
            "ELF data section used for a BPF program",
            "'{1}' is the ELF section for {2}, not a program section; {0} would not load a program from it",
            SectionsCategory,
            FindingSeverity.Error,
            "Sections such as .maps, license, .rodata, .data and .bss hold data that libbpf reads for itself; a program placed there is not a program to libbpf.");

        public static readonly Rule DuplicateSection = new Rule(
            "BPF0008",
            "Two BPF programs in one ELF section",
            "{0} loads one program per ELF section, and section '{1}' is also used by '{2}'; libbpf 0.2 added several programs per section",
            SectionsCategory,
            FindingSeverity.Error,
            "libbpf 0.1 treated each executable ELF section as one program. Two programs with the same section name end up in one section.",
            compilationEnd: true);

        public static readonly Rule NonConstantSection = new Rule(
            "BPF0009",
            "BPF section name is not a constant",
            "The section name is not a compile-time constant, so it cannot be checked against {0}",
            SectionsCategory,
            FindingSeverity.Warning,
            "Only a constant string can be checked. Use a string literal, a const field or a constant expression.");

        public static readonly Rule InvalidConfiguration = new Rule(
            "BPF0010",
            "Invalid BpfAnalyzers configuration",
            "{0}",
            ConfigurationCategory,
            FindingSeverity.Error,
            "BpfLibbpfVersion must name a libbpf release with a section table (0.1 to the newest) or 'main' (libbpf's main branch); a release newer than every table is an error, checked against main meanwhile. Strict section names exist from libbpf 0.6.",
            compilationEnd: true);

        public static readonly Rule InvalidCustomSection = new Rule(
            "BPF0011",
            "Invalid custom BPF section",
            "{0}",
            ConfigurationCategory,
            FindingSeverity.Error,
            "A custom section is written as libbpf's libbpf_register_prog_handler() takes it: 'type+', 'type/' or 'type', printable ASCII, and needs libbpf 0.8 or newer.");

        public static readonly Rule AttachTargetRejected = new Rule(
            "BPF0012",
            "libbpf's auto-attach rejects the attach target",
            "Section '{1}' loads under {0}, but libbpf's auto-attach would fail: {2}; {3}. If the loader attaches the program itself, declare [BpfLoader(AttachesInCode = true)]",
            AttachTargetsCategory,
            FindingSeverity.Warning,
            "libbpf parses the attach target after the '/' only when it auto-attaches a program (attach_kprobe(), attach_uprobe(), attach_usdt(), attach_tp(), ...): the program loads, but bpf_object__attach_skeleton() and bpf_program__attach() fail. Loaders that attach the program themselves (bpf_program__attach_uprobe_opts(), ...) never read it; declare that with [BpfLoader(AttachesInCode = true)].",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.AttachesInCode | LoaderWaiver.SetsAttachTarget);

        public static readonly Rule AttachTargetMisread = new Rule(
            "BPF0013",
            "libbpf reads the attach target differently from how it is written",
            "{0} reads section '{1}' differently from how it is written: {2}; {3}",
            AttachTargetsCategory,
            FindingSeverity.Warning,
            "libbpf's sscanf-based parsers stop at the first character they do not expect and silently ignore the rest, so 'kprobe/foo-bar' auto-attaches to 'foo'. A loader that attaches the program itself never reads the name: declare [BpfLoader(AttachesInCode = true)].",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.AttachesInCode);

        public static readonly Rule NoAutoAttach = new Rule(
            "BPF0014",
            "BPF program cannot be auto-attached",
            "Section '{1}' loads under {0}, but libbpf cannot auto-attach it: {2}; {3}",
            AttachTargetsCategory,
            FindingSeverity.Info,
            "A bare 'kprobe', 'uprobe', 'usdt', 'tp', 'raw_tp', 'ksyscall' or 'kprobe.multi' loads, but names nothing to attach to: the program must be attached in code. Declare that with [BpfLoader(AttachesInCode = true)].",
            waivedBy: LoaderWaiver.AttachesInCode | LoaderWaiver.SetsAttachTarget);

        public static readonly Rule BtfAttachTargetMissing = new Rule(
            "BPF0015",
            "BPF program needs a BTF attach target",
            "{0} cannot load section '{1}': {2}; {3}",
            AttachTargetsCategory,
            FindingSeverity.Error,
            "fentry, fexit, fmod_ret, tp_btf, lsm, lsm_cgroup, iter and their sleepable forms are verified against a BTF target at load. Name it after '/', or set it with bpf_program__set_attach_target() and declare that with [BpfLoader(SetsAttachTarget = true)] or AttachTargetSetInCode = true.",
            RuleFixes.DeclareAttachTargetInCode,
            waivedBy: LoaderWaiver.SetsAttachTarget);

        public static readonly Rule BtfAttachTargetInvalid = new Rule(
            "BPF0016",
            "BTF attach target cannot exist",
            "{0} cannot load section '{1}': {2}; {3}",
            AttachTargetsCategory,
            FindingSeverity.Error,
            "libbpf looks the target up in kernel BTF when it loads the program. An empty name, a name that is not a C identifier, a 'module:function' form the release cannot read, or a name too long for libbpf's buffer is never found.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsAttachTarget);

        public static readonly Rule UnknownIterator = new Rule(
            "BPF0017",
            "Unknown BPF iterator",
            "Section '{1}' names iterator '{2}', which no Linux kernel defines{3}; {0} fails to load the program on a kernel without it: {4}",
            AttachTargetsCategory,
            FindingSeverity.Warning,
            "libbpf loads an 'iter/NAME' program against the kernel's BTF function bpf_iter_NAME, which exists only where the kernel (or a module) defines that iterator.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsAttachTarget);

        public static readonly Rule NoSleepableVariant = new Rule(
            "BPF0018",
            "BPF program type has no sleepable variant",
            "{0} has no sleepable '{2}' section, so '{1}' would fail to load: \"{3}\"; use {4}",
            SectionsCategory,
            FindingSeverity.Error,
            "libbpf marks sleepable programs per table entry (fentry.s, fexit.s, fmod_ret.s, lsm.s, iter.s, uprobe.s, ...). There is no general '.s' suffix: 'kprobe.s/f' is simply unknown.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsType);

        public static readonly Rule UnknownDataSection = new Rule(
            "BPF0019",
            "Unknown ELF data section for a global or map",
            "{0} cannot use data section '{1}' for '{2}': {3}; libbpf prints \"{4}\"{5}",
            SectionsCategory,
            FindingSeverity.Error,
            "libbpf reads globals and maps only from the data sections bpf_object__elf_collect() knows (.data, .rodata, .bss and their .NAME forms, .maps, license, ...). It skips any other section, so the global does not exist at run time and a program that reads it fails to open.",
            RuleFixes.Rename);

        public static readonly Rule ProgramSectionOnData = new Rule(
            "BPF0020",
            "BPF program section used for a global or map",
            "'{1}' is a program section ({2}), not a data section: {0} skips global '{3}', and a program that reads it fails to open (libbpf prints \"{4}\"); use {5}",
            SectionsCategory,
            FindingSeverity.Error,
            "Program sections hold code. A global or map placed in one is not a global to libbpf: it skips the section's data.",
            RuleFixes.Rename);

        public static readonly Rule DataSectionMisfit = new Rule(
            "BPF0021",
            "Global or map does not fit its ELF data section",
            "{0} cannot use '{1}' in section '{2}': {3}{4}",
            SectionsCategory,
            FindingSeverity.Error,
            "Some data sections take only one kind of member: '.maps' and '.struct_ops' hold structs, 'version' one u32, '.kconfig' and '.ksyms' extern declarations, and a program cannot read a global kept in 'license' or 'version'.");

        public static readonly Rule NoSuchTracepoint = new Rule(
            "BPF0022",
            "Tracepoint name no kernel can have",
            "{0} cannot auto-attach section '{1}' on any kernel: {2}; {3}. If the loader attaches the program itself, declare [BpfLoader(AttachesInCode = true)]",
            AttachTargetsCategory,
            FindingSeverity.Error,
            "libbpf's auto-attach hands the name after 'raw_tp/' to the kernel, and 'CATEGORY/NAME' after 'tp/' to tracefs. Tracepoint names are C identifiers and tracefs event names have no further '/', so a name that is neither fails on every kernel.",
            waivedBy: LoaderWaiver.AttachesInCode);

        public static readonly Rule LegacySection = new Rule(
            "BPF0023",
            "BPF section name is legacy",
            "{0} marks section '{1}' legacy only in a source comment (\"deprecated / legacy, use tcx\") and loads it without a message; on Linux 6.6 or newer consider {2}",
            SectionsCategory,
            FindingSeverity.Info,
            "From libbpf 1.3 the table entries 'tc', 'classifier' and 'action' carry the comment \"deprecated / legacy, use tcx\", but no flag and no message: they load as before, and kernels before 6.6 have no tcx.",
            RuleFixes.Rename);

        public static readonly Rule SkippedDataSectionUnused = new Rule(
            "BPF0024",
            "Global in a data section libbpf skips, used by no program",
            "{0} skips section '{1}' and global '{2}' with it: {3}; no program uses '{2}', so the object opens, and a loader may read the section from the ELF file itself (libxdp reads '.xdp_run_config'), but a program that uses '{2}' would fail to open (libbpf prints \"{4}\"){5}",
            SectionsCategory,
            FindingSeverity.Warning,
            "libbpf skips a data section it does not read globals from, and the global with it. That breaks only a program that uses the global (\"bad map relo\"); with no such program the object loads, and loaders such as libxdp keep data of their own in such sections and read it from the ELF file.",
            RuleFixes.Rename);

        public const string KernelsCategory = "BpfKernels";

        public static readonly Rule InvalidKernelProfile = new Rule(
            "BPF0025",
            "Invalid kernel profile",
            "{0}; no attach target is checked against it",
            ConfigurationCategory,
            FindingSeverity.Error,
            "A BpfKernel item must be a kernel profile (.bpfkernel) that bpf-sections kernel profile wrote, in the format version this package reads. Raw BTF goes through bpf-sections kernel profile --btf first.",
            compilationEnd: true);

        public static readonly Rule KernelLacksBtfTarget = new Rule(
            "BPF0026",
            "BTF attach target missing on a kernel the project ships to",
            "{0} cannot load section '{1}' on {2}: {3}; libbpf prints \"{4}\"{5}",
            KernelsCategory,
            FindingSeverity.Error,
            "fentry, fexit, fmod_ret, tp_btf, lsm, iter and their sleepable forms are looked up in the kernel's BTF (vmlinux, then modules) when the program loads. A function renamed or inlined, a tracepoint, LSM hook or iterator the kernel lacks, or a typo fails the load there.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.SetsAttachTarget);

        public static readonly Rule KernelLacksAttachTarget = new Rule(
            "BPF0027",
            "Attach target missing on a kernel the project ships to",
            "Section '{1}' loads under {0}, but libbpf's auto-attach would fail on {2}: {3}; libbpf prints \"{4}\". If the loader attaches the program itself, declare [BpfLoader(AttachesInCode = true)]{5}",
            KernelsCategory,
            FindingSeverity.Warning,
            "raw_tp, tp/tracepoint, kprobe, kretprobe and ksyscall targets are read only when libbpf auto-attaches the program: the program loads, and bpf_program__attach() fails on a kernel without the target.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.AttachesInCode);

        public static readonly Rule KernelLacksProgramType = new Rule(
            "BPF0028",
            "Program or attach type missing on a kernel the project ships to",
            "{0} cannot load section '{1}' on {2}: the kernel has no {3} '{4}' (enum bpf_{5} in its BTF), so BPF_PROG_LOAD fails with EINVAL",
            KernelsCategory,
            FindingSeverity.Error,
            "A section name implies a program type and an expected attach type. A kernel too old for them (tcx before 6.6, netkit, struct_ops links) refuses the load.",
            waivedBy: LoaderWaiver.SetsType);

        public static readonly Rule OptionalProgramLacksTarget = new Rule(
            "BPF0029",
            "Optional program's target missing on some kernels",
            "Optional program '{1}' would fail on {2} ({3}); its '?' turns autoload off, so the loader must leave it off there (bpf_program__set_autoload())",
            KernelsCategory,
            FindingSeverity.Info,
            "A '?' in front of the section name (libbpf 0.8+) makes the program optional: libbpf loads it only when the loader turns autoload on. What a kernel lacks is then information for the loader, not an error.");

        public static readonly Rule KprobeTargetNotInBtf = new Rule(
            "BPF0030",
            "kprobe target not among a kernel's BTF functions",
            "Section '{1}': '{2}' is not a function in the BTF of {3}, whose profile has no kallsyms to tell for sure; kprobes also attach to functions BTF leaves out ('.isra' and '.constprop' clones){4}",
            KernelsCategory,
            FindingSeverity.Info,
            "kprobe and kretprobe attach to any kernel text symbol (kallsyms). A profile made from BTF alone (a distro kernel package, a BTFhub file) has no kallsyms; BTF functions cover about 91 % of them, so a target missing there is a hint, never an error.",
            RuleFixes.Rename,
            waivedBy: LoaderWaiver.AttachesInCode);

        /// <summary>Every rule, in identifier order.</summary>
        public static System.Collections.Generic.IReadOnlyList<Rule> All { get; } = new[]
        {
            UnknownSection, LegacyPrefixSection, NonCanonicalSection, DeprecatedSection, SectionNeedsNewerLibbpf, MalformedSectionName,
            DataSectionAsProgram, DuplicateSection, NonConstantSection, InvalidConfiguration, InvalidCustomSection, AttachTargetRejected,
            AttachTargetMisread, NoAutoAttach, BtfAttachTargetMissing, BtfAttachTargetInvalid, UnknownIterator, NoSleepableVariant,
            UnknownDataSection, ProgramSectionOnData, DataSectionMisfit, NoSuchTracepoint, LegacySection, SkippedDataSectionUnused,
            InvalidKernelProfile, KernelLacksBtfTarget, KernelLacksAttachTarget, KernelLacksProgramType, OptionalProgramLacksTarget,
            KprobeTargetNotInBtf,
        };

        /// <summary>The ids of the rules that offer <paramref name="fix"/>, in identifier order: what a fixer's FixableDiagnosticIds are.</summary>
        public static System.Collections.Generic.IReadOnlyList<string> Fixable(RuleFixes fix)
        {
            var ids = new System.Collections.Generic.List<string>();
            foreach (Rule rule in All)
            {
                if ((rule.Fixes & fix) != 0)
                {
                    ids.Add(rule.Id);
                }
            }

            return ids;
        }

        /// <summary>Where each rule's documentation lives.</summary>
        public static string HelpLink(string id) => "https://github.com/bpfanalyzers/bpfanalyzers/blob/main/docs/rules/" + id + ".md";
    }
}
