using System.CommandLine;
using System.CommandLine.Help;

namespace BpfAnalyzers.Cli
{
    /// <summary>The command tree of <c>bpf-sections</c>.</summary>
    internal static class BpfSectionsCommand
    {
        public const string Name = "bpf-sections";

        /// <summary>
        /// A plain <see cref="Command"/> named after the tool rather than a <see cref="RootCommand"/>, whose
        /// name is the running executable's (<c>testhost</c> in tests, the dll under <c>dotnet</c>).
        /// </summary>
        public static Command Create(StandardStreams io)
        {
            var root = new Command(
                Name,
                "Check BPF ELF section names (SEC(\"...\")) against libbpf's program section table, as any release from 0.1 on answers. " +
                ExitCodes.HelpText)
            {
                new HelpOption(),
                new VersionOption(),
                ResolveCommand.Create(io),
                ExplainCommand.Create(io),
                ListCommand.Create(io),
                KernelCommand.Create(io),
            };
            return root;
        }
    }
}
