using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>The built tool as a real process: its own <c>Main</c>, real pipes, a real exit code.</summary>
    public class ProcessTests
    {
        [Fact]
        public async Task Dotnet_BpfAnalyzers_Cli_dll_resolve_reproduces_the_1_1_oracle_through_pipes()
        {
            string[] expected = File.ReadAllLines(Path.Combine(RepoPaths.Oracle, "libbpf-1.1.2.tsv"));
            byte[] names = Encoding.UTF8.GetBytes(string.Concat(expected.Select(line => line.Substring(0, line.IndexOf('\t')) + "\n")));

            (int code, byte[] stdout, string stderr) = await RunToolAsync(names, "resolve", "--libbpf", "1.1");

            Assert.True(code == 0, "exit code " + code + ": " + stderr);
            Assert.Equal("", stderr);
            Assert.NotEqual(0xEF, stdout[0]);
            Assert.Equal(string.Concat(expected.Select(l => l + "\n")), Encoding.UTF8.GetString(stdout));
        }

        [Fact]
        public async Task A_usage_error_exits_with_2_from_the_real_entry_point()
        {
            (int code, byte[] stdout, string stderr) = await RunToolAsync(Array.Empty<byte>(), "resolve", "--libbpf", "0.9");

            Assert.Equal(2, code);
            Assert.Empty(stdout);
            Assert.Contains("'0.9' is not a libbpf release", stderr);
        }

        [Fact]
        public async Task Explain_exits_with_3_for_a_warning_finding_from_the_real_entry_point()
        {
            (int code, byte[] stdout, string stderr) = await RunToolAsync(Array.Empty<byte>(), "explain", "kprobe/foo-bar", "--json");

            Assert.True(code == 3, "exit code " + code + ": " + stderr);
            Assert.Equal("", stderr);
            Assert.Contains("\"id\": \"BPF0013\"", Encoding.UTF8.GetString(stdout));
        }

        private static async Task<(int, byte[], string)> RunToolAsync(byte[] stdin, params string[] args)
        {
            // The referenced tool is copied beside the tests with its runtimeconfig.json.
            string tool = Path.Combine(AppContext.BaseDirectory, "BpfAnalyzers.Cli.dll");
            Assert.True(File.Exists(Path.ChangeExtension(tool, ".runtimeconfig.json")), "the tool's runtimeconfig.json is not beside " + tool);

            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var stdout = new MemoryStream();
            Task readOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            Task<string> readErr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
            await Task.WhenAll(readOut, readErr).WaitAsync(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, stdout.ToArray(), await readErr);
        }
    }
}
