using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>--libbpf</c> and <c>--strict</c>: which libbpf the answers are for. Bad values are parse errors,
    /// so they end as usage errors (exit 2) before any command runs.
    /// </summary>
    internal sealed class LibbpfOptions
    {
        private static readonly string s_knownReleases = string.Join(", ", SectionTable.Releases.Select(v => v.ToString()));

        public LibbpfOptions(bool withStrict)
        {
            Libbpf = new Option<LibbpfVersion>("--libbpf")
            {
                Description = $"The libbpf release to answer for: 1.1, 1.1.2 (a patch release reads its minor release's table), v1.1, latest (the newest release) " +
                              $"or main (libbpf's main branch at {SectionTable.MainCommit.Substring(0, 12)}, {SectionTable.MainCommitDate}). Known: {s_knownReleases}.",
                HelpName = "version",
                DefaultValueFactory = _ => LibbpfVersion.Latest,
                CustomParser = ParseVersion,
            };

            if (withStrict)
            {
                Strict = new Option<bool>("--strict")
                {
                    Description = "Answer as after libbpf_set_strict_mode(LIBBPF_STRICT_SEC_NAME): no legacy prefix matching. " +
                                  "Exists from libbpf 0.6 to 0.8; accepted and changes nothing from 1.0 on.",
                };
            }
        }

        public Option<LibbpfVersion> Libbpf { get; }

        public Option<bool>? Strict { get; }

        public void AddTo(Command command)
        {
            command.Options.Add(Libbpf);
            if (Strict is not null)
            {
                command.Options.Add(Strict);
                command.Validators.Add(ValidateStrict);
            }
        }

        public LibbpfSetup LibbpfOf(ParseResult parseResult) =>
            new LibbpfSetup(parseResult.GetValue(Libbpf), Strict is not null && parseResult.GetValue(Strict));

        private static LibbpfVersion ParseVersion(ArgumentResult result)
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (LibbpfVersion.TryParse(text, out LibbpfVersion version))
            {
                return version;
            }

            result.AddError(LibbpfVersion.IsNewerThanEveryRelease(text)
                ? $"--libbpf: '{text}' is newer than every libbpf release with a section table (the newest is {LibbpfVersion.Latest}). " +
                  $"Use main for libbpf's main branch (at {SectionTable.MainCommit.Substring(0, 12)}, {SectionTable.MainCommitDate}), or {LibbpfVersion.Latest}."
                : $"--libbpf: '{text}' is not a libbpf release with a section table. Known releases: {s_knownReleases}, or latest.");
            return default;
        }

        private void ValidateStrict(CommandResult result)
        {
            if (result.GetResult(Strict!) is not OptionResult strict || strict.Implicit || strict.Errors.Any())
            {
                return;
            }

            // Command validators run before option values are converted, so read the version's token here;
            // a version that does not parse has its own error, which is the one to read.
            LibbpfVersion version = LibbpfVersion.Latest;
            if (result.GetResult(Libbpf) is OptionResult { Implicit: false } libbpf &&
                (libbpf.Tokens.Count != 1 || !LibbpfVersion.TryParse(libbpf.Tokens[0].Value, out version)))
            {
                return;
            }

            if (result.GetValue(Strict!) && !LibbpfSetup.SupportsStrictMode(version))
            {
                result.AddError($"--strict: libbpf {version} has no LIBBPF_STRICT_SEC_NAME mode; it exists from libbpf 0.6 on.");
            }
        }
    }
}
