using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// The generator's candidate names sorted by what the analyzer reports for each, once per process: valid names
    /// draw nothing, wrong ones something, unknown ones a BPF0001 with a fix. The count per name lets every run check
    /// that the analyzer reported exactly what it should, so a timing never comes from an analyzer that did nothing.
    /// </summary>
    internal sealed class NameSets
    {
        private readonly Dictionary<string, int> _diagnostics;
        private readonly List<string> _dropped;

        private NameSets(string[] valid, string[] invalid, string[] unknown, Dictionary<string, int> diagnostics, List<string> dropped)
        {
            Valid = valid;
            Invalid = invalid;
            Unknown = unknown;
            _diagnostics = diagnostics;
            _dropped = dropped;
        }

        public string[] Valid { get; }

        public string[] Invalid { get; }

        public string[] Unknown { get; }

        public int DiagnosticsOf(string name) => _diagnostics[name];

        public static NameSets Classify(string[] validCandidates, string[] invalidCandidates, string[] unknownCandidates)
        {
            string[] all = validCandidates.Concat(invalidCandidates).Concat(unknownCandidates).Distinct(StringComparer.Ordinal).ToArray();
            var sb = new StringBuilder();
            ProjectGenerator.AppendFile(sb, "Probe", 0, all.Length, i => all[i]);
            SyntaxTree probe = Compilations.Parse(new GeneratedFile("Probe.cs", sb.ToString()));
            SyntaxTree shared = Compilations.Parse(new GeneratedFile("Shared.cs", ProjectGenerator.SharedFile));
            AnalysisRun run = Compilations.AnalyzeAsync(Compilations.Create(new[] { shared, probe }), new SectionNameAnalyzer()).GetAwaiter().GetResult();

            // The probe file puts method i's attribute on a line of its own, in order: map each diagnostic back by line.
            int[] attributeLines = AttributeLines(probe);
            var byName = all.ToDictionary(n => n, _ => new List<Diagnostic>(), StringComparer.Ordinal);
            foreach (Diagnostic d in run.Diagnostics)
            {
                int line = d.Location.GetLineSpan().StartLinePosition.Line;
                int index = Array.IndexOf(attributeLines, line);
                if (index < 0)
                {
                    throw new InvalidOperationException($"a diagnostic outside the probe's attributes: {d}");
                }

                byName[all[index]].Add(d);
            }

            var dropped = new List<string>();
            string[] valid = Keep(validCandidates, n => byName[n].Count == 0, "reported", byName, dropped);
            string[] invalid = Keep(invalidCandidates, n => byName[n].Count > 0, "not reported", byName, dropped);
            string[] unknown = Keep(
                unknownCandidates,
                n => byName[n].Any(d => d.Id == Rules.UnknownSection.Id && d.Properties.ContainsKey("Fix0")),
                "no BPF0001 with a fix",
                byName,
                dropped);
            if (valid.Length == 0 || invalid.Length == 0 || unknown.Length == 0)
            {
                throw new InvalidOperationException("the analyzer left no name in one of the sets: " + string.Join("; ", dropped));
            }

            return new NameSets(valid, invalid, unknown, byName.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal), dropped);
        }

        public override string ToString() =>
            $"{Valid.Length} valid, {Invalid.Length} wrong, {Unknown.Length} unknown-with-fix names" +
            (_dropped.Count == 0 ? string.Empty : "; dropped: " + string.Join("; ", _dropped));

        private static string[] Keep(string[] candidates, Func<string, bool> keep, string why, Dictionary<string, List<Diagnostic>> byName, List<string> dropped)
        {
            var kept = new List<string>();
            foreach (string name in candidates)
            {
                if (keep(name))
                {
                    kept.Add(name);
                }
                else
                {
                    dropped.Add($"'{name}' ({why}: {string.Join(", ", byName[name].Select(d => d.Id))})");
                }
            }

            return kept.ToArray();
        }

        private static int[] AttributeLines(SyntaxTree tree) =>
            tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>()
                .Where(a => a.Name.ToString() == "BpfSection")
                .Select(a => a.GetLocation().GetLineSpan().StartLinePosition.Line)
                .ToArray();
    }
}
