using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>tp/CATEGORY/NAME</c> and <c>tracepoint/CATEGORY/NAME</c>, as <c>attach_tp()</c> in <c>src/libbpf.c</c> reads
    /// them (the tracefs event <c>events/CATEGORY/NAME/id</c>). Releases differ only in what libbpf prints: main
    /// refuses an empty target with "invalid section name".
    /// </summary>
    internal static class TracepointTargets
    {
        // tp/CATEGORY/NAME, tracepoint/CATEGORY/NAME (attach_tp()).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            if (n.IsBare)
            {
                return NamesNothing(n, "no tracepoint", "attach_tp()");
            }

            if (n.Target == n.End && n.Version >= LibbpfAttachMessages.InvalidSectionNameForEmptyTargetSince)
            {
                return Rejected(n.Target, n.End, $"the target after '{n.Type}/' is empty", Prints(LibbpfAttachMessages.InvalidSectionName(n.Program, Cut(n.Section))), null);
            }

            int slash = n.Text.IndexOf('/', n.Target, n.End - n.Target);
            if (slash < 0)
            {
                return Rejected(
                    n.Target,
                    n.End,
                    n.Target == n.End
                        ? $"the target after '{n.Type}/' is empty"
                        : $"a tracepoint is '{n.Type}/CATEGORY/NAME', and '{Cut(n.TargetText)}' has no '/NAME', so attach_tp() fails with -EINVAL",
                    $"libbpf prints nothing of its own; the skeleton prints \"{LibbpfAttachMessages.AutoAttachFailed(n.Program, "EINVAL", 22, n.Version)}\"",
                    null);
            }

            // The tracefs path is events/CATEGORY/NAME/id: an empty part leaves a directory, not an event.
            if (slash == n.End - 1)
            {
                string category = n.Part(n.Target, slash);
                return Rejected(slash, n.End, $"the tracepoint name after '{Cut(category)}/' is empty", Prints(LibbpfAttachMessages.TracepointIdFailed(Cut(category), string.Empty, n.Version)), null);
            }

            if (slash == n.Target && n.Text.IndexOf('/', slash + 1, n.End - slash - 1) < 0)
            {
                string name = n.Part(slash + 1, n.End);
                return Rejected(n.Target, slash + 1, $"the category before '/{Cut(name)}' is empty", Prints(LibbpfAttachMessages.TracepointIdFailed(string.Empty, Cut(name), n.Version)), null);
            }

            // attach_tp() reads tracefs events/CATEGORY/NAME/id. Event and system names are made of letters, digits,
            // '_' (TRACE_EVENT names, the probe events' is_good_name()), and some systems start with a digit ("9p")
            // or hold '.' or '-': anything else, a further '/' above all, is never a tracefs event.
            int badCategory = TracefsNameEnd(n.Text, n.Target, slash);
            int badName = TracefsNameEnd(n.Text, slash + 1, n.End);
            if (slash > n.Target && (badCategory < slash || badName < n.End))
            {
                string category = Cut(n.Part(n.Target, slash));
                string name = Cut(n.Part(slash + 1, n.End));
                string why = badCategory < slash
                    ? $"the category '{category}' is not a tracefs event system: {Offending(n.Text, n.Target, badCategory)}"
                    : n.Text[badName] == '/'
                        ? $"a tracepoint is '{n.Type}/CATEGORY/NAME', and '{name}' holds another '/', which no tracefs event name does"
                        : $"'{name}' is not a tracefs event name: {Offending(n.Text, slash + 1, badName)}";
                return new AttachTargetFinding(
                    AttachTargetProblem.NoSuchTracepoint,
                    badCategory < slash ? n.Target : slash + 1,
                    badCategory < slash ? slash - n.Target : n.End - slash - 1,
                    why,
                    Prints(LibbpfAttachMessages.TracepointIdFailed(category, name, n.Version)),
                    null,
                    waivedBySettingTargetInCode: false);
            }

            return null;
        }

        /// <summary>Where a run of tracefs name characters (<c>[A-Za-z0-9_.-]</c>) in <c>s[i..end)</c> stops.</summary>
        private static int TracefsNameEnd(string s, int i, int end)
        {
            for (int j = i; j < end; j++)
            {
                char c = s[j];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
                {
                    return j;
                }
            }

            return end;
        }
    }
}
