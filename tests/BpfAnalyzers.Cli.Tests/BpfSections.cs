using System.Collections.Generic;
using System.IO;
using System.Text;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>What one run of the tool gave back.</summary>
    internal sealed record ToolResult(int ExitCode, byte[] StdoutBytes, string Stderr)
    {
        public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

        /// <summary>The <c>key: value</c> lines of <c>explain</c>, keyed by what is before the colon.</summary>
        public IReadOnlyDictionary<string, string> Fields
        {
            get
            {
                var fields = new Dictionary<string, string>();
                foreach (string line in Stdout.Split('\n'))
                {
                    int colon = line.IndexOf(':');
                    if (colon > 0 && !line.StartsWith(" ", System.StringComparison.Ordinal) && !fields.ContainsKey(line.Substring(0, colon)))
                    {
                        fields[line.Substring(0, colon)] = line.Substring(colon + 1).Trim();
                    }
                }

                return fields;
            }
        }
    }

    /// <summary>Runs <c>bpf-sections</c> in-process, on in-memory streams.</summary>
    internal static class BpfSections
    {
        public static ToolResult Run(params string[] args) => RunWithInput(new byte[0], args);

        public static ToolResult RunWithInput(string stdin, params string[] args) => RunWithInput(Encoding.UTF8.GetBytes(stdin), args);

        public static ToolResult RunWithInput(byte[] stdin, params string[] args)
        {
            using var input = new MemoryStream(stdin);
            using var output = new MemoryStream();
            using var error = new StringWriter { NewLine = "\n" };
            int code = Program.Run(args, input, output, error);
            return new ToolResult(code, output.ToArray(), error.ToString());
        }
    }
}
