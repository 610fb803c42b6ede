using System;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Text;

namespace BpfAnalyzers.Cli
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            using Stream stdin = Console.OpenStandardInput();
            using Stream stdout = Console.OpenStandardOutput();
            return Run(args, stdin, stdout, Console.Error);
        }

        /// <summary>
        /// The whole tool, on streams the caller owns: tests run it in-process. Returns the exit code
        /// (<see cref="ExitCodes"/>). Text goes out as UTF-8 without a BOM with <c>\n</c> line ends.
        /// </summary>
        public static int Run(string[] args, Stream stdin, Stream stdout, TextWriter stderr)
        {
            // Not disposed: that would close stdout, which the caller owns; it is flushed before returning.
            var text = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            try
            {
                var io = new StandardStreams(stdin, stdout, text, stderr);
                // No response files: 'explain @foo' explains the section name '@foo', not the arguments in file foo.
                ParseResult parseResult = BpfSectionsCommand.Create(io).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
                if (parseResult.Action is ParseErrorAction)
                {
                    return ReportUsageErrors(parseResult, stderr);
                }

                int code = parseResult.Invoke(new InvocationConfiguration
                {
                    Output = text,
                    Error = stderr,
                    EnableDefaultExceptionHandler = false,
                });
                text.Flush();
                return code;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"{BpfSectionsCommand.Name}: {e.Message}");
                return ExitCodes.Failure;
            }
        }

        private static int ReportUsageErrors(ParseResult parseResult, TextWriter stderr)
        {
            foreach (ParseError error in parseResult.Errors)
            {
                stderr.WriteLine($"{BpfSectionsCommand.Name}: {error.Message}");
            }

            string subcommand = parseResult.CommandResult.Command.Name;
            string command = subcommand == BpfSectionsCommand.Name ? subcommand : BpfSectionsCommand.Name + " " + subcommand;
            stderr.WriteLine($"Run '{command} --help' for usage.");
            return ExitCodes.Usage;
        }
    }
}
