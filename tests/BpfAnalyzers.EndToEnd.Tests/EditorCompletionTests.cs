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
    /// The package's completion provider (analyzers/dotnet/cs/BpfAnalyzers.Completion.dll) in a real editor
    /// path: csharp-ls 0.28.0 (Roslyn 5.9) loads it from the restored package and answers
    /// <c>textDocument/completion</c> inside <c>[BpfSection("|")]</c>; and the compiler, which loads every DLL of
    /// that folder too, stays quiet about it.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class EditorCompletionTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

        private const string Framework = """
            namespace DotnetEbpf.Core
            {
                [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Field)]
                public class BpfSectionAttribute(string section) : System.Attribute
                {
                    public string Section { get; } = section;
                }
            }

            """;

        // Three empty strings, in this order: a program's section, a global's section, another attribute's argument.
        private const string Sources = """
            using BpfAnalyzers;

            namespace BpfConsumer
            {
                public static class Programs
                {
                    [BpfSection("")]
                    public static int Filter(int ctx) => 0;

                    [System.Obsolete("")]
                    public static int Old(int ctx) => 0;
                }

                public static class Globals
                {
                    [DotnetEbpf.Core.BpfSection("")]
                    public static int Counter;
                }
            }

            """;

        private readonly PackedPackage _package;

        public EditorCompletionTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Csharp_ls_completes_program_names_of_the_target_release_on_a_method_and_data_names_on_a_field_and_nothing_elsewhere()
        {
            string server = LanguageServerTests.FindCsharpLs();
            ConsumerProject consumer = _package.NewConsumer("completion")
                .Property("BpfLibbpfVersion", "1.2")
                .Source("Framework.cs", Framework)
                .Source("Programs.cs", Sources);
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            string text = consumer.ReadSource("Programs.cs");
            (LanguageServerClient client, string documentUri) = await OpenAsync(server, consumer, text);
            await using LanguageServerClient owned = client;

            // Roslyn loads package providers in the background after the first request (about a second
            // of batching): ask again, every second, up to ten times, as a user pressing Ctrl+Space would.
            JsonObject At(int occurrence) => Position(text, occurrence);
            JsonArray programItems = new();
            for (int attempt = 0; attempt < 10 && !Labels(programItems).Contains("xdp"); attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }

                programItems = await ItemsAsync(client, documentUri, At(0));
            }

            List<string> program = Labels(programItems);

            string log = "\nserver log:\n" + client.ServerLog;
            Assert.True(program.Contains("xdp"), $"no section names inside [BpfSection(\"\")] on a method: [{string.Join(", ", program)}]{log}");
            // libbpf 1.2, the project's BpfLibbpfVersion: tc is current, tcx arrives in 1.3.
            Assert.Contains("kprobe/", program);
            Assert.Contains("tp/", program);
            Assert.Contains("tc", program);
            Assert.DoesNotContain("tcx/ingress", program);
            Assert.DoesNotContain(".maps", program);

            // The item's description, as the editor shows it beside the list: csharp-ls puts its first line in
            // the detail and the rest in the documentation.
            JsonNode kprobe = programItems.Single(i => i!["label"]!.GetValue<string>() == "kprobe/")!;
            JsonNode? resolved = await client.RequestAsync("completionItem/resolve", kprobe.DeepClone(), Patience);
            string detail = resolved?["detail"]?.GetValue<string>() ?? "";
            string documentation = resolved?["documentation"] is JsonObject markup ? markup["value"]!.GetValue<string>() : resolved?["documentation"]?.GetValue<string>() ?? "";
            Assert.True(
                detail == "kprobe/FUNC[+OFFSET]" && documentation.Contains("program type: kprobe, attach type: none", StringComparison.Ordinal) && documentation.Contains("libbpf 1.2", StringComparison.Ordinal),
                "completionItem/resolve of kprobe/: " + resolved?.ToJsonString());

            List<string> data = Labels(await ItemsAsync(client, documentUri, At(2)));
            Assert.True(data.Contains(".maps"), $"no data section names inside [BpfSection(\"\")] on a field: [{string.Join(", ", data)}]{log}");
            Assert.Contains("license", data);
            Assert.Contains(".rodata", data);
            Assert.DoesNotContain("xdp", data);

            List<string> elsewhere = Labels(await ItemsAsync(client, documentUri, At(1)));
            Assert.True(!elsewhere.Intersect(program.Concat(data)).Any(), $"section names offered inside [Obsolete(\"\")]: [{string.Join(", ", elsewhere)}]");
        }

        [Fact]
        public async Task A_consumer_build_never_mentions_the_completion_assembly()
        {
            ConsumerProject consumer = _package.NewConsumer("no-loader-warnings")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.Clean);

            BuildOutcome build = await consumer.BuildAsync();

            Assert.True(build.Succeeded, build.ToString());
            Assert.True(File.Exists(Path.Combine(consumer.PackageAnalyzersFolder, "BpfAnalyzers.Completion.dll")), "the package did not bring the completion assembly");
            // Loader warnings have no source position, so they are looked for in the raw output: the analyzer
            // cannot be created (CS8032), has no analyzer (CS8033), needs a newer compiler (CS9057), or a
            // DiagnosticAnalyzer's assembly references Workspaces (RS1038).
            foreach (string id in new[] { "CS8032", "CS8033", "CS9057", "RS1038" })
            {
                Assert.DoesNotContain(id, build.Result.Output, StringComparison.Ordinal);
            }
        }

        /// <summary>csharp-ls started on the consumer, initialized, with Programs.cs open and its project loaded.</summary>
        private static async Task<(LanguageServerClient Client, string DocumentUri)> OpenAsync(string server, ConsumerProject consumer, string text)
        {
            string rootUri = new Uri(consumer.Directory + "/").AbsoluteUri.TrimEnd('/');
            string documentUri = new Uri(Path.Combine(consumer.Directory, "Programs.cs")).AbsoluteUri;

            LanguageServerClient client = LanguageServerClient.Start(server, new[] { "--loglevel", "info" }, consumer.Directory, consumer.Environment, LanguageServerTests.AnswerServerRequest);
            JsonNode? initialized = await client.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "consumer" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true, ["workspaceFolders"] = true },
                    ["textDocument"] = new JsonObject
                    {
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                        ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = false } },
                    },
                },
            }, Patience);
            Assert.Equal("csharp-ls", initialized?["serverInfo"]?["name"]?.GetValue<string>());
            await client.NotifyAsync("initialized", new JsonObject());
            await client.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = documentUri, ["languageId"] = "csharp", ["version"] = 1, ["text"] = text },
            });

            // A pull-diagnostics request is answered once the project is loaded.
            await client.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = documentUri } }, Patience);

            return (client, documentUri);
        }

        [Fact]
        public async Task Csharp_ls_completes_kernel_function_names_after_fentry_from_a_BpfKernel_profile()
        {
            string server = LanguageServerTests.FindCsharpLs();
            ConsumerProject consumer = _package.NewConsumer("completion-kernel")
                .Source("Programs.cs", "using BpfAnalyzers;\n\npublic static class Programs\n{\n    [BpfSection(\"fentry/tcp_v\")] public static int OnConnect(object ctx) => 0;\n}\n")
                .WriteFile("k.bpfkernel", "# bpfkernel 1\nname k\nrelease 6.18.0\narch x86_64\nparts funcs\n\n[funcs]\ndo_unlinkat\ntcp_v4_connect\ntcp_v6_connect\n")
                .Item("<BpfKernel Include=\"k.bpfkernel\" />");
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            string text = consumer.ReadSource("Programs.cs");
            (LanguageServerClient client, string documentUri) = await OpenAsync(server, consumer, text);
            await using LanguageServerClient owned = client;

            int caret = text.IndexOf("tcp_v\"", StringComparison.Ordinal) + "tcp_v".Length;
            var position = new JsonObject { ["line"] = text.Take(caret).Count(c => c == '\n'), ["character"] = caret - (text.LastIndexOf('\n', caret - 1) + 1) };
            List<string> names = new();
            for (int attempt = 0; attempt < 10 && !names.Contains("fentry/tcp_v4_connect"); attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }

                names = Labels(await ItemsAsync(client, documentUri, (JsonObject)position.DeepClone()));
            }

            Assert.True(names.Contains("fentry/tcp_v4_connect") && names.Contains("fentry/tcp_v6_connect") && !names.Contains("fentry/do_unlinkat"),
                $"after fentry/tcp_v: [{string.Join(", ", names)}]\nserver log:\n{client.ServerLog}");
        }

        private static List<string> Labels(JsonArray items) => items.Select(i => i!["label"]!.GetValue<string>()).ToList();

        private static async Task<JsonArray> ItemsAsync(LanguageServerClient client, string documentUri, JsonObject position)
        {
            JsonNode? answer = await client.RequestAsync("textDocument/completion", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = documentUri },
                ["position"] = position,
                ["context"] = new JsonObject { ["triggerKind"] = 1 },
            }, Patience);
            return answer is JsonArray array ? array : answer?["items"]?.AsArray() ?? new JsonArray();
        }

        /// <summary>The LSP position (0-based line and character) between the quotes of the n-th <c>("")</c>.</summary>
        private static JsonObject Position(string text, int occurrence)
        {
            int index = -1;
            for (int i = 0; i <= occurrence; i++)
            {
                index = text.IndexOf("(\"\")", index + 1, StringComparison.Ordinal);
                Assert.True(index >= 0, $"no occurrence {occurrence} of (\"\")");
            }

            int caret = index + 2;
            int line = text.Take(caret).Count(c => c == '\n');
            int character = caret - (text.LastIndexOf('\n', caret - 1) + 1);
            return new JsonObject { ["line"] = line, ["character"] = character };
        }
    }
}
