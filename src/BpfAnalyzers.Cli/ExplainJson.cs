using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>explain --json</c>: the explanation for scripts. The schema is stable (camelCase, every key always present, null
    /// where there is nothing) and documented in the command's help and the README.
    /// </summary>
    internal static class ExplainJson
    {
        private static readonly JsonSerializerOptions s_options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            // Section names are shown as written ('kprobe/foo+0x10', not 'kprobe/foo\u002B0x10'); still valid JSON.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public sealed record Output(
            string Name,
            string Kind,
            string Libbpf,
            bool Strict,
            string Program,
            string? Variable,
            string? Type,
            bool ReadOnly,
            IReadOnlyList<string> Custom,
            LoaderOutput Loader,
            int ExitCode,
            string Result,
            IReadOnlyDictionary<string, object?> Facts,
            IReadOnlyList<FindingOutput> Findings,
            IReadOnlyList<string> Notes);

        public sealed record LoaderOutput(bool SetsType, bool AttachesInCode, bool SetsAttachTarget);

        public sealed record FindingOutput(
            string Id,
            string Severity,
            string Title,
            string Message,
            string Subject,
            string Section,
            int Start,
            int Length,
            IReadOnlyList<string> Fixes,
            string? CustomSection,
            string HelpLink);

        public static Output ToOutput(Explanation x)
        {
            ExplainRequest q = x.Request;
            var facts = new Dictionary<string, object?>();
            foreach (Fact fact in x.Facts)
            {
                if (fact.Key == "kind")
                {
                    // The top-level kind says it already.
                    continue;
                }

                facts[fact.Key] = fact.Value;
            }

            return new Output(
                q.Name,
                q.Data ? "data" : "program",
                q.Libbpf.Version.ToString(),
                q.Libbpf.StrictSectionNames,
                q.Program,
                q.Data ? q.Variable : null,
                q.Data ? q.Type : null,
                q.Data && q.ReadOnly,
                q.CustomSections,
                new LoaderOutput(
                    (q.Loader & LoaderWaiver.SetsType) != 0,
                    (q.Loader & LoaderWaiver.AttachesInCode) != 0,
                    (q.Loader & LoaderWaiver.SetsAttachTarget) != 0),
                x.ExitCode,
                x.Result,
                facts,
                x.Findings.Select(s => new FindingOutput(
                    s.Finding.Id,
                    Explanation.Severity(s.Finding.Severity),
                    s.Finding.Rule.Title,
                    s.Finding.Message,
                    s.Subject,
                    s.Section,
                    s.Finding.Start,
                    s.Finding.Start < 0 ? 0 : s.Finding.Length,
                    s.Finding.Fixes.ToArray(),
                    s.Finding.CustomSection,
                    s.Finding.Rule.HelpLink)).ToArray(),
                x.Notes);
        }

        public static void Write(Explanation x, TextWriter output)
        {
            output.Write(JsonSerializer.Serialize(ToOutput(x), s_options));
            output.WriteLine();
        }
    }
}
