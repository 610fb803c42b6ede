namespace BpfAnalyzers.Cli
{
    /// <summary>What <c>bpf-sections</c> returns to the shell. Listed in the help text too.</summary>
    internal static class ExitCodes
    {
        /// <summary>Done; for <c>explain</c>: no finding, or info findings only.</summary>
        public const int Ok = 0;

        /// <summary><c>explain</c>: a finding the analyzer reports as an error (libbpf rejects the name, fails to attach, ...).</summary>
        public const int Errors = 1;

        /// <summary>Bad command line: unknown command or option, unknown release, <c>--strict</c> before 0.6.</summary>
        public const int Usage = 2;

        /// <summary><c>explain</c>: a finding the analyzer reports as a warning, and no error.</summary>
        public const int Warnings = 3;

        /// <summary>Reading or writing failed (a closed pipe, an unreadable input).</summary>
        public const int Failure = 4;

        public const string HelpText =
            "Exit codes: 0 done (explain: no finding, or info only), 1 explain: an error finding, " +
            "2 bad command line, 3 explain: a warning finding and no error, 4 reading or writing failed.";
    }
}
