using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>bpf-sections list</c>: one release's <c>section_defs[]</c> in libbpf's order, in the columns of
    /// <c>data/libbpf/tables/*.tsv</c>.
    /// </summary>
    internal static class ListCommand
    {
        public const string Header = "order\tsection\tmatch\tprog_type\tattach_type\tflags";

        // libbpf's own SEC_* names, in the order of the SectionFlags enum.
        private static readonly KeyValuePair<SectionFlags, string>[] s_flagNames =
        {
            new(SectionFlags.Attachable, "SEC_ATTACHABLE"),
            new(SectionFlags.AttachableOpt, "SEC_ATTACHABLE_OPT"),
            new(SectionFlags.AttachBtf, "SEC_ATTACH_BTF"),
            new(SectionFlags.Deprecated, "SEC_DEPRECATED"),
            new(SectionFlags.ExpAttachOpt, "SEC_EXP_ATTACH_OPT"),
            new(SectionFlags.Sleepable, "SEC_SLEEPABLE"),
            new(SectionFlags.SloppyPrefix, "SEC_SLOPPY_PFX"),
            new(SectionFlags.Usdt, "SEC_USDT"),
            new(SectionFlags.XdpFrags, "SEC_XDP_FRAGS"),
        };

        public static Command Create(StandardStreams io)
        {
            var libbpf = new LibbpfOptions(withStrict: false);
            var command = new Command(
                "list",
                "Print the program section table of a libbpf release in libbpf's order (the first match wins), " +
                "tab-separated with a header: order, section (as libbpf writes it), match (exact, plus for 'type+', " +
                "slash for 'type/', sloppy for a legacy prefix match), prog_type, attach_type (0 for none), flags (libbpf's SEC_* flags, - for none).");
            var data = new Option<bool>("--data")
            {
                Description = "Print instead the data sections the release reads for globals and maps (bpf_object__elf_collect()): " +
                              "section, match (exact, or prefix for '.data.NAME'-style forms), first release, deprecated (the release it warns from, or -), what libbpf does.",
            };
            command.Options.Add(data);
            libbpf.AddTo(command);
            command.SetAction(parseResult =>
            {
                if (parseResult.GetValue(data))
                {
                    WriteData(parseResult.GetValue(libbpf.Libbpf), io.Out);
                    return ExitCodes.Ok;
                }

                Write(parseResult.GetValue(libbpf.Libbpf), io.Out);
                return ExitCodes.Ok;
            });
            return command;
        }

        public static void Write(LibbpfVersion version, TextWriter output)
        {
            output.WriteLine(Header);
            IReadOnlyList<SectionEntry> entries = SectionTable.For(version);
            for (int i = 0; i < entries.Count; i++)
            {
                SectionEntry e = entries[i];
                output.Write(i.ToString(CultureInfo.InvariantCulture));
                output.Write('\t');
                output.Write(e.Section);
                output.Write('\t');
                output.Write(MatchName(e.Match));
                output.Write('\t');
                output.Write(e.ProgType);
                output.Write('\t');
                output.Write(e.AttachType);
                output.Write('\t');
                output.WriteLine(FlagNames(e.Flags));
            }
        }

        public const string DataHeader = "section\tmatch\tfirst\tdeprecated\tlibbpf";

        /// <summary>The data sections a global or map may be defined in under <paramref name="version"/>.</summary>
        public static void WriteData(LibbpfVersion version, TextWriter output)
        {
            output.WriteLine(DataHeader);
            foreach (DataSectionEntry e in DataSections.ValidFor(version))
            {
                output.WriteLine(string.Join(
                    "\t",
                    e.Name,
                    e.Match == DataSectionMatch.Exact ? "exact" : "prefix",
                    e.FirstRelease.ToString(),
                    e.IsDeprecatedIn(version) ? e.DeprecatedFrom.ToString() : "-",
                    e.Description));
            }
        }

        public static string MatchName(SectionMatch match) => match switch
        {
            SectionMatch.Exact => "exact",
            SectionMatch.Plus => "plus",
            SectionMatch.Slash => "slash",
            SectionMatch.LegacyPrefix => "sloppy",
            _ => throw new ArgumentOutOfRangeException(nameof(match), match, null),
        };

        public static string FlagNames(SectionFlags flags)
        {
            if (flags == SectionFlags.None)
            {
                return "-";
            }

            var names = new List<string>();
            foreach (KeyValuePair<SectionFlags, string> f in s_flagNames)
            {
                if ((flags & f.Key) != 0)
                {
                    names.Add(f.Value);
                }
            }

            return string.Join("|", names);
        }
    }
}
