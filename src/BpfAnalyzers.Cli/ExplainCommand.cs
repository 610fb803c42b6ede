using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary><c>bpf-sections explain NAME</c>: what one section name means to one libbpf, in words.</summary>
    internal static class ExplainCommand
    {
        public static Command Create(StandardStreams io)
        {
            var target = new TargetOptions(withStrict: true);
            var name = new Argument<string>("name")
            {
                Description = "The section name as written in SEC(\"...\"), e.g. kprobe/do_sys_open. Put -- before a name that starts with '-'.",
            };
            var command = new Command(
                "explain",
                "Explain what libbpf makes of one section name when it opens the object: the entry it matches and how, " +
                "the program type, the expected attach type, the attach target, the canonical spelling, whether it is deprecated, " +
                "what libbpf prints when it rejects or warns, and ranked suggestions. " +
                "Exit code 0: the name loads cleanly; 1: libbpf rejects it; 3: it loads with warnings.");
            var data = new Option<bool>("--data")
            {
                Description = "Explain NAME as the section of a global or map (SEC on a variable, [BpfSection] on a field): " +
                              "the data sections bpf_object__elf_collect() reads, not the program section table.",
            };
            command.Arguments.Add(name);
            command.Options.Add(data);
            target.AddTo(command);
            command.SetAction(parseResult =>
            {
                if (parseResult.GetValue(data))
                {
                    return WriteData(DataSectionChecker.Check(parseResult.GetRequiredValue(name), target.TargetOf(parseResult)), io.Out);
                }

                SectionExplanation explanation = SectionExplanation.For(parseResult.GetRequiredValue(name), target.TargetOf(parseResult));
                Write(explanation, io.Out);
                return explanation.ExitCode;
            });
            return command;
        }

        public static void Write(SectionExplanation x, TextWriter output)
        {
            SectionResolution r = x.Resolution;
            Field(output, "name", x.Name);
            Field(output, "libbpf", x.Target.StrictSectionNames && x.Target.Version < LibbpfVersion.V1_0
                ? $"{x.Target.Version} (strict section names)"
                : x.Target.Version.IsMain
                    ? $"main (the main branch at {SectionTable.MainCommit.Substring(0, 12)}, {SectionTable.MainCommitDate}; not yet released)"
                    : x.Target.Version.ToString());
            Field(output, "result", x.ExitCode switch
            {
                ExitCodes.Rejected => "rejected: libbpf fails to load the program",
                ExitCodes.Warnings => "loads, with warnings",
                _ => "loads cleanly",
            });

            if (r.Entry is SectionEntry e)
            {
                Field(output, "entry", $"{e.Section} (#{x.EntryIndex.ToString(CultureInfo.InvariantCulture)} of {SectionTable.For(x.Target.Version).Count.ToString(CultureInfo.InvariantCulture)} in libbpf {x.Target.Version}'s table; the first match wins)");
                Field(output, "matched", HowMatched(r, e));
                Field(output, "program type", $"{e.ProgTypeName} ({e.ProgType})");
                Field(output, "attach type", e.AttachType == "0" ? "none (0)" : $"{e.AttachTypeName} ({e.AttachType})");
                Field(output, "attach target", r.AttachTarget is null ? "none" : r.AttachTarget.Length == 0 ? "empty" : r.AttachTarget);
                Field(output, "canonical", r.Canonical ?? string.Empty);
                Field(output, "deprecated", r.IsDeprecated ? "yes" : "no");
            }
            else
            {
                Field(output, "entry", "none");
            }

            foreach (Finding f in x.Findings)
            {
                output.WriteLine();
                output.WriteLine(f.Severity.ToString().ToLowerInvariant() + ": " + f.Text);
                foreach (string line in f.LibbpfSays)
                {
                    output.WriteLine("  libbpf: " + line);
                }
            }

            output.WriteLine();
            if (x.Suggestions.Count == 0)
            {
                output.WriteLine("suggestions: none");
                return;
            }

            output.WriteLine("suggestions:");
            for (int i = 0; i < x.Suggestions.Count; i++)
            {
                SectionSuggestion s = x.Suggestions[i];
                output.WriteLine($"  {(i + 1).ToString(CultureInfo.InvariantCulture)}. {s.Name}  ({ReasonText(s.Reason)})");
            }
        }

        /// <summary><c>explain --data</c>: what libbpf makes of a global or map in section NAME. Returns the exit code.</summary>
        public static int WriteData(DataSectionCheck c, TextWriter output)
        {
            int exit = c.IsError ? ExitCodes.Rejected : c.Verdict == DataSectionVerdict.Deprecated ? ExitCodes.Warnings : ExitCodes.Ok;
            Field(output, "name", c.Name);
            Field(output, "kind", "data section (a global or map)");
            Field(output, "libbpf", c.Target.Version.ToString());
            Field(output, "result", exit switch
            {
                ExitCodes.Rejected => "rejected: libbpf skips or refuses the section; a program that reads the global fails to open",
                ExitCodes.Warnings => "loads, with warnings",
                _ => "loads cleanly",
            });
            Field(output, "entry", c.Entry is DataSectionEntry e
                ? $"{e.Display} ({(e.Match == DataSectionMatch.Exact ? "exact" : "prefix")}, read from libbpf {e.FirstRelease}{(e.LastRelease is LibbpfVersion last ? " to " + last : string.Empty)})"
                : "none");
            Field(output, "verdict", c.Verdict.ToString());
            output.WriteLine();
            output.WriteLine((exit == ExitCodes.Rejected ? "error: " : exit == ExitCodes.Warnings ? "warning: " : "note: ") + c.Explanation + ".");
            foreach (string line in c.LibbpfSays)
            {
                output.WriteLine("  libbpf: " + line);
            }

            if (c.LibbpfSays.Count > 0)
            {
                output.WriteLine($"'{DataSectionChecker.VariablePlaceholder}' above stands for the global's C name and '{DataSectionChecker.ProgramPlaceholder}' for a program that reads it.");
            }

            output.WriteLine();
            if (c.Suggestions.Count == 0)
            {
                output.WriteLine("suggestions: none");
                return exit;
            }

            output.WriteLine("suggestions:");
            for (int i = 0; i < c.Suggestions.Count; i++)
            {
                output.WriteLine($"  {(i + 1).ToString(CultureInfo.InvariantCulture)}. {c.Suggestions[i].Name}  ({ReasonText(c.Suggestions[i].Reason)})");
            }

            return exit;
        }

        private static string HowMatched(in SectionResolution r, SectionEntry e) => r.How switch
        {
            MatchKind.Exact => $"exactly '{e.Section}'",
            MatchKind.Plus when r.AttachTarget is null => $"the bare type of the 'type+' entry '{e.Section}'",
            MatchKind.Plus when r.AttachTarget.Length == 0 => $"'{e.Type}/' with an empty attach target, by the 'type+' entry '{e.Section}'",
            MatchKind.Plus => $"'{e.Type}/' and an attach target, by the 'type+' entry '{e.Section}'",
            MatchKind.Slash when r.AttachTarget?.Length == 0 => $"'{e.Section}' with an empty attach target, by the 'type/' entry '{e.Section}'",
            MatchKind.Slash => $"'{e.Section}' and an attach target, by the 'type/' entry '{e.Section}'",
            MatchKind.LegacyPrefix => $"legacy prefix: the name starts with '{e.Section}'",
            _ => throw new InvalidOperationException("a match has a kind"),
        };

        private static string ReasonText(SuggestionReason reason) => reason switch
        {
            SuggestionReason.Canonical => "canonical spelling",
            SuggestionReason.Renamed => "replacement of a renamed or legacy entry",
            SuggestionReason.Cleanup => "without stray characters",
            SuggestionReason.Case => "lower case",
            SuggestionReason.LegacyPrefix => "what legacy prefix matching read it as",
            SuggestionReason.Separator => "separator fixed",
            SuggestionReason.Typo => "nearest entry",
            SuggestionReason.LeadingDot => "leading '.' added",
            SuggestionReason.DataSection => "a data section for this member",
            SuggestionReason.MissingSlash => "the '/' a 'type/' entry needs",
            _ => reason.ToString(),
        };

        private static void Field(TextWriter output, string key, string value) =>
            output.WriteLine((key + ":").PadRight(15) + value);
    }
}
