using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// The editor path through a real C# language server: csharp-ls (a dotnet tool; ./test.sh installs
    /// 0.28.0) loads the project with MSBuild, runs the package's analyzer and reports its diagnostics
    /// over LSP, as an editor would show them.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class LanguageServerTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

        private readonly PackedPackage _package;

        public LanguageServerTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Csharp_ls_reports_the_BPF_diagnostics_of_an_open_document_with_their_ranges()
        {
            string server = FindCsharpLs();
            ConsumerProject consumer = _package.NewConsumer("csharp-ls").Source("Programs.cs", Programs.WithSections(
                "[BpfSection(\"xdp\")]",
                "[BpfSection({|BPF0001:\"xdpblah\"|})]",
                "[BpfSection({|BPF0003:\"struct_ops/\"|})]",
                "[BpfSection({|BPF0001:\"cgroup_sock\"|})]"));
            // Language servers read a restored project; they do not restore it themselves.
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            string rootUri = new Uri(consumer.Directory + "/").AbsoluteUri.TrimEnd('/');
            string documentUri = new Uri(Path.Combine(consumer.Directory, "Programs.cs")).AbsoluteUri;

            await using LanguageServerClient client = LanguageServerClient.Start(server, new[] { "--loglevel", "info" }, consumer.Directory, consumer.Environment, AnswerServerRequest);
            JsonNode? initialized = await client.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "consumer" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                    // Pull diagnostics: csharp-ls loads the folder's project before it answers.
                    ["textDocument"] = new JsonObject
                    {
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                        ["publishDiagnostics"] = new JsonObject(),
                    },
                },
            }, Patience);
            Assert.Equal("csharp-ls", initialized?["serverInfo"]?["name"]?.GetValue<string>());
            await client.NotifyAsync("initialized", new JsonObject());
            await client.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject
                {
                    ["uri"] = documentUri,
                    ["languageId"] = "csharp",
                    ["version"] = 1,
                    ["text"] = consumer.ReadSource("Programs.cs"),
                },
            });

            JsonNode? report = await client.RequestAsync("textDocument/diagnostic", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = documentUri },
            }, Patience);

            Assert.Equal("full", report?["kind"]?.GetValue<string>());
            List<string> reported = report!["items"]!.AsArray()
                .Select(d => d!)
                .Where(d => d["code"]?.GetValue<string>()?.StartsWith("BPF", StringComparison.Ordinal) == true)
                .Select(d => $"{Range(d["range"]!)} {Severity(d["severity"]!.GetValue<int>())} {d["code"]!.GetValue<string>()}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
            // LSP positions are 0-based; compilers print 1-based.
            List<string> expected = consumer.Expected
                .Select(e => $"{e.Line - 1}:{e.Column - 1}-{e.EndLine - 1}:{e.EndColumn - 1} {(e.Id == "BPF0001" ? "error" : "warning")} {e.Id}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
            Assert.True(expected.SequenceEqual(reported), $"expected [{string.Join(", ", expected)}], csharp-ls reported [{string.Join(", ", reported)}] in {report.ToJsonString()}\nserver log:\n{client.ServerLog}");
            Assert.Contains(report["items"]!.AsArray(), d => d!["message"]!.GetValue<string>().EndsWith("did you mean 'xdp'?", StringComparison.Ordinal));
        }

        /// <summary>
        /// csharp-ls asks for its "csharp" configuration section (README: csharp.analyzersEnabled);
        /// analyzers are off unless the client turns them on.
        /// </summary>
        internal static JsonNode? AnswerServerRequest(string method, JsonNode? parameters)
        {
            if (method == "workspace/configuration")
            {
                var answers = new JsonArray();
                foreach (JsonNode? item in parameters?["items"]?.AsArray() ?? new JsonArray())
                {
                    answers.Add(item?["section"]?.GetValue<string>() == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);
                }

                return answers;
            }

            // client/registerCapability, window/workDoneProgress/create and the like: acknowledged.
            return null;
        }

        private static string Range(JsonNode range) =>
            $"{range["start"]!["line"]}:{range["start"]!["character"]}-{range["end"]!["line"]}:{range["end"]!["character"]}";

        private static string Severity(int lsp) => lsp switch
        {
            1 => "error",
            2 => "warning",
            3 => "information",
            _ => "hint",
        };

        /// <summary>csharp-ls on PATH or where <c>dotnet tool install --global</c> puts it; a clear failure otherwise.</summary>
        internal static string FindCsharpLs()
        {
            var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
                .Select(dir => Path.Combine(dir, "csharp-ls"));
            string? found = candidates.FirstOrDefault(File.Exists);
            Assert.True(found is not null, "csharp-ls is not installed (looked on PATH and in ~/.dotnet/tools). The editor-path test needs it: run ./test.sh, or `dotnet tool install --global csharp-ls --version 0.28.0`.");
            return found!;
        }
    }
}
