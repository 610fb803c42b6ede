using System.Linq;
using System.Text.Json;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections explain --json</c>: the schema scripts read (documented in the help and the README).</summary>
    public class ExplainJsonTests
    {
        [Fact]
        public void A_program_finding_has_every_documented_key()
        {
            ToolResult result = BpfSections.Run("explain", "kprobe/foo-bar", "--json", "--program", "handle");
            using JsonDocument json = JsonDocument.Parse(result.Stdout);
            JsonElement root = json.RootElement;

            Assert.Equal(ExitCodes.Warnings, result.ExitCode);
            Assert.Equal(
                new[] { "name", "kind", "libbpf", "strict", "program", "variable", "type", "readOnly", "custom", "loader", "exitCode", "result", "facts", "findings", "notes" },
                root.EnumerateObject().Select(p => p.Name));
            Assert.Equal("kprobe/foo-bar", root.GetProperty("name").GetString());
            Assert.Equal("program", root.GetProperty("kind").GetString());
            Assert.Equal("1.7", root.GetProperty("libbpf").GetString());
            Assert.Equal(3, root.GetProperty("exitCode").GetInt32());
            Assert.Equal("warning", root.GetProperty("result").GetString());
            Assert.Equal("kprobe+", root.GetProperty("facts").GetProperty("entry").GetString());
            Assert.Equal("foo-bar", root.GetProperty("facts").GetProperty("attachTarget").GetString());

            JsonElement finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
            Assert.Equal(
                new[] { "id", "severity", "title", "message", "subject", "section", "start", "length", "fixes", "customSection", "helpLink" },
                finding.EnumerateObject().Select(p => p.Name));
            Assert.Equal("BPF0013", finding.GetProperty("id").GetString());
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal("name", finding.GetProperty("subject").GetString());
            Assert.Equal(10, finding.GetProperty("start").GetInt32());
            Assert.Equal(4, finding.GetProperty("length").GetInt32());
            Assert.Equal(new[] { "kprobe/foo" }, finding.GetProperty("fixes").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal(JsonValueKind.Null, finding.GetProperty("customSection").ValueKind);
            Assert.EndsWith("/docs/rules/BPF0013.md", finding.GetProperty("helpLink").GetString());
        }

        [Fact]
        public void A_whole_name_finding_has_start_minus_one_and_the_loader_flags_are_echoed()
        {
            ToolResult result = BpfSections.Run("explain", "xdpblah", "--json", "--libbpf", "1.1", "--attaches-in-code");
            using JsonDocument json = JsonDocument.Parse(result.Stdout);
            JsonElement root = json.RootElement;

            Assert.Equal(ExitCodes.Errors, result.ExitCode);
            Assert.Equal("error", root.GetProperty("result").GetString());
            Assert.True(root.GetProperty("loader").GetProperty("attachesInCode").GetBoolean());
            Assert.False(root.GetProperty("loader").GetProperty("setsType").GetBoolean());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("facts").GetProperty("entry").ValueKind);
            JsonElement finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
            Assert.Equal(-1, finding.GetProperty("start").GetInt32());
            Assert.Equal(0, finding.GetProperty("length").GetInt32());
            Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("libbpf 0.8 was the last release", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Data_output_names_the_member()
        {
            ToolResult result = BpfSections.Run("explain", "--data", ".maps", "--json", "--type", "int", "--variable", "counter", "--read-only");
            using JsonDocument json = JsonDocument.Parse(result.Stdout);
            JsonElement root = json.RootElement;

            Assert.Equal("data", root.GetProperty("kind").GetString());
            Assert.Equal("counter", root.GetProperty("variable").GetString());
            Assert.Equal("int", root.GetProperty("type").GetString());
            Assert.True(root.GetProperty("readOnly").GetBoolean());
            Assert.Equal("BPF0021", Assert.Single(root.GetProperty("findings").EnumerateArray()).GetProperty("id").GetString());
        }

        [Fact]
        public void A_clean_name_has_no_findings_and_exit_code_0()
        {
            ToolResult result = BpfSections.Run("explain", "xdp", "--json");
            using JsonDocument json = JsonDocument.Parse(result.Stdout);

            Assert.Equal(ExitCodes.Ok, result.ExitCode);
            Assert.Equal("clean", json.RootElement.GetProperty("result").GetString());
            Assert.Empty(json.RootElement.GetProperty("findings").EnumerateArray());
        }
    }
}
