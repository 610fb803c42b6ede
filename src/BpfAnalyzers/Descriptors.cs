using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>Every diagnostic this package reports, on one screen.</summary>
    public static class Descriptors
    {
        public const string SectionsCategory = "BpfSections";
        public const string ConfigurationCategory = "BpfConfiguration";

        public static readonly DiagnosticDescriptor UnknownSection = Rule(
            RuleIdentifiers.UnknownSection,
            "Unknown BPF section name",
            "{0} does not know section '{1}' and would fail to load the program: \"{2}\"{3}",
            SectionsCategory,
            DiagnosticSeverity.Error,
            "libbpf infers a program's type from its ELF section name. A name that matches no entry of the section table fails at load time.");

        public static readonly DiagnosticDescriptor LegacyPrefixSection = Rule(
            RuleIdentifiers.LegacyPrefixSection,
            "BPF section name loads only by legacy prefix matching",
            "Section '{1}' loads under {0} only because legacy prefix matching reads it as '{2}' ({3}); libbpf 1.0 rejects it: write '{2}'",
            SectionsCategory,
            DiagnosticSeverity.Warning,
            "Before libbpf 1.0 many entries matched any name that started with them, so 'xdpblah' loaded as XDP and 'xdp_devmap_omg' as plain XDP. libbpf 1.0 removed that.");

        public static readonly DiagnosticDescriptor NonCanonicalSection = Rule(
            RuleIdentifiers.NonCanonicalSection,
            "BPF section name is not canonical",
            "Section '{1}' loads under {0}, but {2}: write '{3}'",
            SectionsCategory,
            DiagnosticSeverity.Warning,
            "libbpf accepts some spellings that are not what a reader expects, such as 'kprobe/' with an empty attach target.");

        public static readonly DiagnosticDescriptor DeprecatedSection = Rule(
            RuleIdentifiers.DeprecatedSection,
            "BPF section name is deprecated",
            "Section '{1}' is {2} in {0}: use {3}",
            SectionsCategory,
            DiagnosticSeverity.Warning,
            "libbpf deprecates section names before it removes them: 'xdp_devmap/' and 'classifier' in 0.7-0.8, 'tc', 'classifier' and 'action' in favour of tcx from 1.3.");

        public static readonly DiagnosticDescriptor SectionNeedsNewerLibbpf = Rule(
            RuleIdentifiers.SectionNeedsNewerLibbpf,
            "BPF section name needs a newer libbpf",
            "Section '{1}' needs libbpf {2} or newer, but the project targets {0}, which would fail to load the program: \"{3}\"",
            SectionsCategory,
            DiagnosticSeverity.Error,
            "Each libbpf release adds section names. Set BpfLibbpfVersion to the release the program runs with.");

        public static readonly DiagnosticDescriptor MalformedSectionName = Rule(
            RuleIdentifiers.MalformedSectionName,
            "BPF section name is empty or malformed",
            "Section name {1}; {0} compares names byte for byte and would not recognise it",
            SectionsCategory,
            DiagnosticSeverity.Error,
            "Section names are compared exactly. Whitespace, control characters and invisible characters are never part of a valid name.");

        public static readonly DiagnosticDescriptor DataSectionAsProgram = Rule(
            RuleIdentifiers.DataSectionAsProgram,
            "ELF data section used for a BPF program",
            "'{1}' is the ELF section for {2}, not a program section; {0} would not load a program from it",
            SectionsCategory,
            DiagnosticSeverity.Error,
            "Sections such as .maps, license, .rodata, .data and .bss hold data that libbpf reads for itself; a program placed there is not a program to libbpf.");

        public static readonly DiagnosticDescriptor DuplicateSection = Rule(
            RuleIdentifiers.DuplicateSection,
            "Two BPF programs in one ELF section",
            "{0} loads one program per ELF section, and section '{1}' is also used by '{2}'; libbpf 0.2 added several programs per section",
            SectionsCategory,
            DiagnosticSeverity.Error,
            "libbpf 0.1 treated each executable ELF section as one program. Two programs with the same section name end up in one section.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor NonConstantSection = Rule(
            RuleIdentifiers.NonConstantSection,
            "BPF section name is not a constant",
            "The section name is not a compile-time constant, so it cannot be checked against {0}",
            SectionsCategory,
            DiagnosticSeverity.Warning,
            "Only a constant string can be checked. Use a string literal, a const field or a constant expression.");

        public static readonly DiagnosticDescriptor InvalidConfiguration = Rule(
            RuleIdentifiers.InvalidConfiguration,
            "Invalid BpfAnalyzers configuration",
            "{0}",
            ConfigurationCategory,
            DiagnosticSeverity.Error,
            "BpfLibbpfVersion must name a libbpf release with a section table (0.1 to the newest), and strict section names exist from libbpf 0.6.",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor InvalidCustomSection = Rule(
            RuleIdentifiers.InvalidCustomSection,
            "Invalid custom BPF section",
            "{0}",
            ConfigurationCategory,
            DiagnosticSeverity.Error,
            "A custom section is written as libbpf's libbpf_register_prog_handler() takes it: 'type+', 'type/' or 'type', printable ASCII, and needs libbpf 0.8 or newer.");

        /// <summary>Where each rule's documentation lives.</summary>
        public static string HelpLink(string id) => "https://github.com/bpfanalyzers/bpfanalyzers/blob/main/docs/rules/" + id + ".md";

        private static DiagnosticDescriptor Rule(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
            new DiagnosticDescriptor(id, title, message, category, severity, isEnabledByDefault: true, description, HelpLink(id), tags);
    }
}
