using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using BpfAnalyzers.Kernel;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>bpf-sections explain NAME</c>: what one section name means to one libbpf, and every finding the analyzer reports
    /// for <c>[BpfSection("NAME")]</c> on that program or field, from the same engine (<see cref="SectionChecker"/>).
    /// </summary>
    internal static class ExplainCommand
    {
        public static Command Create(StandardStreams io)
        {
            var libbpf = new LibbpfOptions(withStrict: true);
            var name = new Argument<string>("name")
            {
                Description = "The section name as written in SEC(\"...\") or [BpfSection(\"...\")], e.g. kprobe/do_sys_open. Put -- before a name that starts with '-'.",
            };
            var data = new Option<bool>("--data")
            {
                Description = "Explain NAME as the section of a global or map (SEC on a variable, [BpfSection] on a field): " +
                              "the data sections bpf_object__elf_collect() reads, not the program section table.",
            };
            var program = new Option<string>("--program")
            {
                Description = $"The program's C function name (the method's, or its [CustomFunctionName]), which libbpf's messages quote. " +
                              $"With --data: the program that uses (reads or writes) the member; without it no program uses the member, as for a field no method reads " +
                              $"(a section libbpf skips is then BPF0024, a warning, not an error). Default: {LibbpfMessages.ProgramPlaceholder}.",
                HelpName = "name",
            };
            var custom = new Option<string[]>("--custom")
            {
                Description = "A custom section, as [assembly: BpfCustomSection(\"SECTION\")] or libbpf_register_prog_handler() declares it " +
                              "(user+, user/, user): tried before the table from libbpf 0.8. Repeatable.",
                HelpName = "section",
                AllowMultipleArgumentsPerToken = false,
            };
            var setsType = new Option<bool>("--sets-type") { Description = "[BpfLoader(SetsType = true)]: the loader calls bpf_program__set_type()." };
            var attachesInCode = new Option<bool>("--attaches-in-code") { Description = "[BpfLoader(AttachesInCode = true)]: the loader attaches in code (bpf_program__attach_*()) or turns auto-attach off." };
            var setsAttachTarget = new Option<bool>("--sets-attach-target") { Description = "[BpfLoader(SetsAttachTarget = true)]: the loader calls bpf_program__set_attach_target()." };
            var variable = new Option<string>("--variable")
            {
                Description = $"With --data: the member's C name (the field's, or its [CustomFieldName]). Default: {DataSectionChecker.VariablePlaceholder}.",
                HelpName = "name",
            };
            var type = new Option<string>("--type")
            {
                Description = "With --data: the field's C# type as written (int, uint, long, byte[], string, a struct name, ...); " +
                              "any other name is taken as a struct or class, a map definition when its name says Map. Without it the type is not checked.",
                HelpName = "type",
            };
            var readOnly = new Option<bool>("--read-only") { Description = "With --data: the field is readonly or const (or a get-only property)." };
            var json = new Option<bool>("--json")
            {
                Description = "Write JSON (camelCase): {name, kind: program|data, libbpf, strict, program, variable, type, readOnly, custom, loader: " +
                              "{setsType, attachesInCode, setsAttachTarget}, exitCode, result: error|warning|info|clean, facts: {...}, " +
                              "findings: [{id, severity: error|warning|info, title, message, subject: name|custom, section, start, length, fixes: [...], " +
                              "customSection, helpLink}], notes: [...]}. start is -1 when the finding is about the whole section.",
            };

            var command = new Command(
                "explain",
                "Explain what libbpf makes of one section name (the entry it matches and how, the program type, the expected attach type, " +
                "the attach target, the canonical spelling) and print every finding the BpfAnalyzers analyzer reports for [BpfSection(\"NAME\")] " +
                "on such a program (or, with --data, field): rule id, severity, message, the offending part marked under the name, ranked fixes. " +
                "Notes about other releases are not findings. " +
                "Exit code 0: no finding or info only; 1: an error; 3: a warning and no error.");
            command.Arguments.Add(name);
            var kernel = new Option<string[]>("--kernel")
            {
                Description = "A kernel profile (.bpfkernel, from bpf-sections kernel profile), as a <BpfKernel> item: the attach target is checked against it. Repeatable: each kernel the project ships to.",
            };
            foreach (Option option in new Option[] { data, program, custom, setsType, attachesInCode, setsAttachTarget, variable, type, readOnly, kernel, json })
            {
                command.Options.Add(option);
            }

            libbpf.AddTo(command);
            command.SetAction(parseResult =>
            {
                string? programName = parseResult.GetValue(program);
                LoaderWaiver loader =
                    (parseResult.GetValue(setsType) ? LoaderWaiver.SetsType : LoaderWaiver.None) |
                    (parseResult.GetValue(attachesInCode) ? LoaderWaiver.AttachesInCode : LoaderWaiver.None) |
                    (parseResult.GetValue(setsAttachTarget) ? LoaderWaiver.SetsAttachTarget : LoaderWaiver.None);
                var request = new ExplainRequest(
                    parseResult.GetRequiredValue(name),
                    libbpf.LibbpfOf(parseResult),
                    parseResult.GetValue(data),
                    programName ?? LibbpfMessages.ProgramPlaceholder,
                    programName is not null,
                    parseResult.GetValue(custom) ?? new string[0],
                    loader,
                    parseResult.GetValue(variable) ?? DataSectionChecker.VariablePlaceholder,
                    parseResult.GetValue(type),
                    parseResult.GetValue(readOnly));
                var kernels = new List<KernelProfile>();
                foreach (string path in parseResult.GetValue(kernel) ?? new string[0])
                {
                    try
                    {
                        kernels.Add(KernelProfile.Parse(File.ReadAllText(path), path));
                    }
                    catch (Exception e) when (e is KernelProfileFormatException or IOException or UnauthorizedAccessException)
                    {
                        io.Error.WriteLine("bpf-sections: " + (e is KernelProfileFormatException ? "kernel profile " : string.Empty) + e.Message);
                        return ExitCodes.Failure;
                    }
                }

                Explanation explanation = Explanation.For(request with { Kernels = kernels });
                if (parseResult.GetValue(json))
                {
                    ExplainJson.Write(explanation, io.Out);
                }
                else
                {
                    Write(explanation, io.Out);
                }

                return explanation.ExitCode;
            });
            return command;
        }

        public static void Write(Explanation x, TextWriter output)
        {
            ExplainRequest q = x.Request;
            LibbpfSetup t = q.Libbpf;
            Field(output, "name", q.Name);
            Field(output, "libbpf", t.StrictSectionNames && t.Version < LibbpfVersion.V1_0
                ? $"{t.Version} (strict section names)"
                : t.Version.IsMain
                    ? $"main (the main branch at {SectionTable.MainCommit.Substring(0, 12)}, {SectionTable.MainCommitDate}; not yet released)"
                    : t.Version.ToString());
            Field(output, "result", x.Worst switch
            {
                FindingSeverity.Error => "errors: " + Ids(x),
                FindingSeverity.Warning => "warnings: " + Ids(x),
                FindingSeverity.Info => "info only: " + Ids(x),
                _ => "clean: no finding",
            });
            foreach (Fact fact in x.Facts)
            {
                Field(output, fact.Label, fact.Text);
            }

            foreach (ShownFinding shown in x.Findings)
            {
                Finding f = shown.Finding;
                output.WriteLine();
                output.WriteLine($"{Explanation.Severity(f.Severity)} {f.Id}: {f.Message}");
                if (shown.Subject == Explanation.CustomSubject)
                {
                    output.WriteLine("  in --custom " + shown.Section);
                }
                else
                {
                    output.WriteLine("  " + shown.Section);
                    output.WriteLine("  " + Marker(shown.Section, f.Start, f.Length));
                }

                for (int i = 0; i < f.Fixes.Count; i++)
                {
                    output.WriteLine($"  fix {(i + 1).ToString(CultureInfo.InvariantCulture)}: {f.Fixes[i]}");
                }

                if (f.CustomSection is string customSection)
                {
                    output.WriteLine($"  or declare it: [assembly: BpfCustomSection(\"{customSection}\")] (--custom {customSection})");
                }

                output.WriteLine("  help: " + f.Rule.HelpLink);
            }

            if (x.Notes.Count > 0)
            {
                output.WriteLine();
                foreach (string note in x.Notes)
                {
                    output.WriteLine("note: " + note);
                }
            }
        }

        /// <summary><c>^</c> under the offending part of <paramref name="section"/>, or under all of it when the finding is about the whole name.</summary>
        internal static string Marker(string section, int start, int length)
        {
            if (start < 0)
            {
                return new string('^', System.Math.Max(section.Length, 1));
            }

            // A tab in the name keeps its width on the line above only if it is a tab below too.
            var prefix = new System.Text.StringBuilder(start);
            for (int i = 0; i < start && i < section.Length; i++)
            {
                prefix.Append(section[i] == '\t' ? '\t' : ' ');
            }

            return prefix.Append('^', System.Math.Max(length, 1)).ToString();
        }

        private static string Ids(Explanation x) => string.Join(", ", x.Findings.Select(f => f.Finding.Id).Distinct());

        private static void Field(TextWriter output, string key, string value) =>
            output.WriteLine((key + ":").PadRight(15) + value);
    }
}
