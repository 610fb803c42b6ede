namespace BpfAnalyzers.Cli
{
    /// <summary>What <c>bpf-sections</c> returns to the shell. Listed in the help text too.</summary>
    internal static class ExitCodes
    {
        /// <summary>Done; for <c>explain</c>: libbpf loads the name cleanly.</summary>
        public const int Ok = 0;

        /// <summary><c>explain</c>: libbpf rejects the name (no entry matches).</summary>
        public const int Rejected = 1;

        /// <summary>Bad command line: unknown command or option, unknown release, <c>--strict</c> before 0.6.</summary>
        public const int Usage = 2;

        /// <summary><c>explain</c>: libbpf loads the name, but with a warning (legacy prefix, deprecated, not canonical, ...).</summary>
        public const int Warnings = 3;

        /// <summary>Reading or writing failed (a closed pipe, an unreadable input).</summary>
        public const int Failure = 4;

        public const string HelpText =
            "Exit codes: 0 done (explain: the name loads cleanly), 1 explain: libbpf rejects the name, " +
            "2 bad command line, 3 explain: the name loads with warnings, 4 reading or writing failed.";
    }
}
