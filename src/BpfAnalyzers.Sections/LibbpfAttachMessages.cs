namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What libbpf prints, word for word, when it cannot auto-attach or load a program because of its
    /// attach target (<c>attach_*()</c> and <c>libbpf_find_attach_btf_id()</c> in <c>src/libbpf.c</c>), per
    /// release. Where the text depends on the running kernel, <see cref="KernelDependent"/> stands in.
    /// </summary>
    public static class LibbpfAttachMessages
    {
        /// <summary>Stands for the part of a message only the running kernel decides (an errno).</summary>
        public const string KernelDependent = "…";

        private static readonly LibbpfVersion s_v0_2 = new(0, 2);
        private static readonly LibbpfVersion s_v0_3 = new(0, 3);
        private static readonly LibbpfVersion s_v1_1 = new(1, 1);
        private static readonly LibbpfVersion s_v1_5 = new(1, 5);
        private static readonly LibbpfVersion s_v1_6 = new(1, 6);

        /// <summary>
        /// An errno as libbpf formats it: <c>%d</c> until 1.5, then <c>errstr()</c> (1.6), which prints the
        /// symbolic name.
        /// </summary>
        public static string Errno(string symbol, int number, LibbpfVersion version) =>
            version >= s_v1_6 ? "-" + symbol : "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// ENOENT as an attach function prints it: <c>libbpf_strerror_r()</c> (glibc's text) until 1.5,
        /// <c>errstr()</c> from 1.6.
        /// </summary>
        public static string NoSuchFile(LibbpfVersion version) => version >= s_v1_6 ? "-ENOENT" : "No such file or directory";

        /// <summary>
        /// <c>bpf_object__attach_skeleton()</c> when an attach function fails: "failed to auto-attach
        /// program" until 0.7, "prog '...': failed to auto-attach" from 0.8, the errno by name from 1.6.
        /// </summary>
        public static string AutoAttachFailed(string program, string errnoSymbol, int errnoNumber, LibbpfVersion version) =>
            version >= LibbpfVersion.V0_8
                ? $"prog '{program}': failed to auto-attach: {Errno(errnoSymbol, errnoNumber, version)}"
                : $"failed to auto-attach program '{program}': -{errnoNumber}";

        /// <summary><c>attach_kprobe()</c> (0.5+) when its sscanf reads no function name.</summary>
        public static string KprobeNameInvalid(string functionPart) => "kprobe name is invalid: " + functionPart;

        /// <summary><c>attach_kprobe()</c> on main (not yet released) for a negative <c>+OFFSET</c>.</summary>
        public static string KprobeNegativeOffset(long offset) =>
            "kprobe offset must be a non-negative integer: " + offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// <c>attach_tp()</c> and <c>attach_raw_tp()</c> on main (<c>sec_name_match_prefix()</c>, not yet
        /// released) for a name with nothing after its <c>/</c>; 1.7's <c>attach_raw_tp()</c> printed it
        /// only for a name none of its prefixes matched.
        /// </summary>
        public static string InvalidSectionName(string program, string section) =>
            $"prog '{program}': invalid section name '{section}'";

        /// <summary><c>attach_tracing_multi()</c> on main (not yet released) when the pattern is empty or starts with a character outside <c>[a-zA-Z0-9_.*?:]</c>.</summary>
        public static string TracingMultiPatternInvalid(string spec) => "tracing multi pattern is invalid: " + spec;

        /// <summary><c>attach_kprobe()</c> (0.5+) for <c>kretprobe/FUNC+OFFSET</c> with a non-zero offset.</summary>
        public const string KretprobeOffset = "kretprobes do not support offset specification";

        /// <summary><c>bpf_program__attach_kprobe()</c> before 0.5, which passed the whole target to the kernel.</summary>
        public static string KprobePerfEventFailed(string program, bool retprobe, string function, LibbpfVersion version) =>
            $"{(version >= s_v0_2 ? "prog" : "program")} '{program}': failed to create {(retprobe ? "kretprobe" : "kprobe")} '{function}' perf event: {KernelDependent}";

        /// <summary><c>attach_uprobe()</c> (0.8+) when the section has a binary path but no function.</summary>
        public static string UprobeMissingFunction(string program, string section) =>
            $"prog '{program}': section '{section}' missing ':function[+offset]' specification";

        /// <summary><c>attach_uprobe()</c> (0.8+) for a uretprobe with a non-zero offset.</summary>
        public static string UretprobeOffset(string program) => $"prog '{program}': uretprobes do not support offset specification";

        /// <summary><c>attach_uprobe_multi()</c> (1.3+) for a path without a function pattern.</summary>
        public static string InvalidSectionDefinition(string program, string section) =>
            $"prog '{program}': invalid format of section definition '{section}'";

        /// <summary>
        /// <c>attach_kprobe_multi()</c> (0.8+) when the pattern is empty or starts with a character outside
        /// <c>[a-zA-Z0-9_.*?]</c>. Until 1.4 libbpf printed the pattern pointer sscanf had not set.
        /// </summary>
        public static string KprobeMultiPatternInvalid(string spec, LibbpfVersion version) =>
            "kprobe multi pattern is invalid: " + (version >= s_v1_5 ? spec : "<an uninitialised pointer>");

        /// <summary><c>attach_kprobe_session()</c> (1.5+).</summary>
        public static string KprobeSessionPatternInvalid(string spec) => "kprobe session pattern is invalid: " + spec;

        /// <summary><c>attach_usdt()</c> (0.8+) for anything but <c>usdt/PATH:PROVIDER:NAME</c>.</summary>
        public static string UsdtInvalid(string section) =>
            $"invalid section '{section}', expected SEC(\"usdt/<path>:<provider>:<name>\")";

        /// <summary><c>bpf_program__attach_tracepoint_opts()</c> when tracefs has no such event.</summary>
        public static string TracepointIdFailed(string category, string name, LibbpfVersion version) =>
            $"failed to determine tracepoint '{category}/{name}' perf event ID: {NoSuchFile(version)}";

        /// <summary><c>bpf_program__attach_raw_tracepoint()</c> when the kernel has no such raw tracepoint.</summary>
        public static string RawTracepointAttachFailed(string program, string name, LibbpfVersion version) =>
            $"{(version >= s_v0_2 ? "prog" : "program")} '{program}': failed to attach to raw tracepoint '{name}': {NoSuchFile(version)}";

        /// <summary>
        /// <c>libbpf_find_attach_btf_id()</c> when no kernel BTF type has the name: "NAME is not found in
        /// vmlinux BTF" (0.1–0.2), "failed to find kernel BTF type ID of 'NAME': ERR" (0.3–1.0), with the
        /// program from 1.1.
        /// </summary>
        public static string BtfTypeNotFound(string program, string attachName, string errnoSymbol, int errnoNumber, LibbpfVersion version)
        {
            if (version < s_v0_3)
            {
                return attachName + " is not found in vmlinux BTF";
            }

            string text = $"failed to find kernel BTF type ID of '{attachName}': {Errno(errnoSymbol, errnoNumber, version)}";
            return version >= s_v1_1 ? $"prog '{program}': " + text : text;
        }

        /// <summary>The first libbpf that refuses a negative kprobe offset (<see cref="KprobeNegativeOffset"/>).</summary>
        public static LibbpfVersion KprobeNegativeOffsetSince => LibbpfVersion.Main;

        /// <summary>The first libbpf that prints <see cref="InvalidSectionName"/> for <c>tp/</c> and <c>raw_tp/</c>.</summary>
        public static LibbpfVersion InvalidSectionNameForEmptyTargetSince => LibbpfVersion.Main;
    }
}
