using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>raw_tp/NAME</c>, <c>raw_tracepoint/NAME</c> and their <c>.w</c> (0.6+) and <c>.s</c> (main) forms, as
    /// <c>attach_raw_tp()</c> in <c>src/libbpf.c</c> reads them: the name goes to the kernel as written. Releases
    /// differ only in what libbpf prints for an empty name: main says "invalid section name".
    /// </summary>
    internal static class RawTracepointTargets
    {
        // raw_tp/NAME, raw_tracepoint/NAME and their .w forms (attach_raw_tp()).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            if (n.IsBare)
            {
                return NamesNothing(n, "no tracepoint", "attach_raw_tp()");
            }

            if (NoSuchRawTracepoint(n) is AttachTargetFinding impossible)
            {
                return impossible;
            }

            if (n.Target == n.End)
            {
                string prints = n.Version >= LibbpfAttachMessages.InvalidSectionNameForEmptyTargetSince
                    ? LibbpfAttachMessages.InvalidSectionName(n.Program, Cut(n.Section))
                    : LibbpfAttachMessages.RawTracepointAttachFailed(n.Program, string.Empty, n.Version);
                return Rejected(n.Target, n.End, $"the tracepoint name after '{n.Type}/' is empty", Prints(prints), null);
            }

            return null;
        }

        /// <summary>A raw tracepoint name no kernel can have, or null.</summary>
        private static AttachTargetFinding? NoSuchRawTracepoint(in AttachTargetName n)
        {
            // attach_raw_tp() hands the rest to the kernel (bpf_raw_tracepoint_open()), which compares it with the
            // names of its tracepoints. DECLARE_TRACE(name) pastes them into identifiers (__tracepoint_##name), so
            // they are letters, digits and '_', and may start with a digit (TRACE_EVENT(9p_client_req, ...),
            // TRACE_EVENT(802154_drv_return_int, ...)).
            int bad = IdentifierEnd(n.Text, n.Target, n.End, leadingDigit: true);
            if (bad < n.End)
            {
                string name = Cut(n.TargetText);
                return new AttachTargetFinding(
                    AttachTargetProblem.NoSuchTracepoint,
                    n.Target,
                    n.End - n.Target,
                    $"no kernel has a raw tracepoint '{name}': tracepoint names are made of letters, digits and '_', and '{n.Text[bad]}' is not one",
                    Prints(LibbpfAttachMessages.RawTracepointAttachFailed(n.Program, name, n.Version)),
                    null,
                    waivedBySettingTargetInCode: false);
            }

            return null;
        }
    }
}
