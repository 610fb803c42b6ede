using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>What a finished tool printed (standard output and error, interleaved as read) and its exit code.</summary>
    public sealed record ToolResult(string CommandLine, int ExitCode, string Output)
    {
        /// <summary>For assertion messages: the command and everything it printed.</summary>
        public override string ToString() => $"$ {CommandLine}\n(exit code {ExitCode})\n{Output}";
    }

    /// <summary>
    /// Runs a real tool (dotnet, csharp-ls) as a child process with a bounded wait. The child gets the
    /// test's environment less the MSBuild variables that <c>dotnet test</c> and MSBuildLocator set in
    /// this process, so each tool finds its SDK the way it would from a shell.
    /// </summary>
    internal static class ToolProcess
    {
        public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["MSBUILDTERMINALLOGGER"] = "off";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
            if (environment is not null)
            {
                foreach (KeyValuePair<string, string> variable in environment)
                {
                    start.Environment[variable.Key] = variable.Value;
                }
            }

            return start;
        }

        /// <summary>Runs to completion, or kills the process tree and throws after <paramref name="timeout"/>.</summary>
        public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
        {
            ProcessStartInfo start = StartInfo(fileName, arguments, workingDirectory, environment);
            string commandLine = fileName + " " + string.Join(" ", start.ArgumentList);
            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            if (!process.Start())
            {
                throw new InvalidOperationException("could not start " + commandLine);
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s in {workingDirectory}; it printed:\n{Snapshot(output)}");
            }

            // The parameterless wait drains the redirected streams.
            process.WaitForExit();
            return new ToolResult(commandLine, process.ExitCode, Snapshot(output));
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
