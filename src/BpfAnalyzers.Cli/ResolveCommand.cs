using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>bpf-sections resolve</c>: names on standard input, one a line, answered as
    /// <c>libbpf_prog_type_by_name()</c> of the chosen release answers them, in the oracle files' format
    /// (<c>name\tprog_type\tattach_type</c> or <c>name\tERR\t-3</c>).
    /// </summary>
    internal static class ResolveCommand
    {
        private static readonly byte[] s_noMatch = Encoding.ASCII.GetBytes("\tERR\t-3\n");

        public static Command Create(StandardStreams io)
        {
            var libbpf = new LibbpfOptions(withStrict: true);
            var command = new Command(
                "resolve",
                "Read section names from standard input, one a line (\\n or \\r\\n), and print for each " +
                "'name<TAB>prog_type<TAB>attach_type', or 'name<TAB>ERR<TAB>-3' when libbpf finds no entry (ESRCH), " +
                "as libbpf_prog_type_by_name() answers: a leading '?' is part of the name there. " +
                "Names are echoed byte for byte. Exit code 0 whatever the answers.");
            libbpf.AddTo(command);
            command.SetAction(parseResult =>
            {
                Run(libbpf.LibbpfOf(parseResult), io.Input, io.Output);
                return ExitCodes.Ok;
            });
            return command;
        }

        /// <summary>
        /// Answers every line of <paramref name="input"/>. libbpf compares bytes and its table is ASCII, so
        /// each byte is read as one character (Latin-1): the answers are libbpf's for any bytes, and the
        /// name is written back exactly as it came.
        /// </summary>
        public static void Run(LibbpfSetup libbpf, Stream input, Stream output)
        {
            var answers = new Dictionary<SectionEntry, byte[]>();
            var writer = new BufferedStream(output, 1 << 16);
            byte[] buffer = new byte[1 << 16];
            int start = 0;
            int end = 0;
            while (true)
            {
                int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    int length = newline - start;
                    if (length > 0 && buffer[newline - 1] == (byte)'\r')
                    {
                        length--;
                    }

                    Answer(buffer, start, length, libbpf, answers, writer);
                    start = newline + 1;
                    continue;
                }

                // No full line left: keep the partial one, make room, read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                int read = input.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    // A last line without a newline is still a name.
                    if (end > start)
                    {
                        Answer(buffer, start, end - start, libbpf, answers, writer);
                    }

                    break;
                }

                end += read;
            }

            writer.Flush();
        }

        private static void Answer(byte[] line, int start, int length, LibbpfSetup libbpf, Dictionary<SectionEntry, byte[]> answers, Stream output)
        {
            string name = Encoding.Latin1.GetString(line, start, length);
            SectionEntry? entry = SectionResolver.Resolve(name, libbpf).Entry;
            output.Write(line, start, length);
            if (entry is null)
            {
                output.Write(s_noMatch, 0, s_noMatch.Length);
                return;
            }

            if (!answers.TryGetValue(entry, out byte[]? answer))
            {
                answer = Encoding.ASCII.GetBytes("\t" + entry.ProgTypeName + "\t" + entry.AttachTypeName + "\n");
                answers.Add(entry, answer);
            }

            output.Write(answer, 0, answer.Length);
        }
    }
}
