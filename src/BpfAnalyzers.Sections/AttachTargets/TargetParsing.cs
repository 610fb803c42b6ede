using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What every attach-target parser builds its answer from: the kinds of finding (with the span an empty
    /// part gets and how libbpf's output is quoted), and the character runs libbpf and the kernel accept.
    /// </summary>
    internal static class TargetParsing
    {
        /// <summary>libbpf finds nothing to auto-attach in the name: the skeleton skips the program.</summary>
        internal static AttachTargetFinding NoAutoAttach(in AttachTargetName n, string reason)
        {
            string errno = n.Version >= LibbpfVersion.V0_8 ? "-EOPNOTSUPP" : "-ESRCH";
            bool emptyTarget = !n.IsBare && n.Target == n.End;
            return new AttachTargetFinding(
                AttachTargetProblem.NoAutoAttach,
                emptyTarget ? n.Target - 1 : n.Start,
                emptyTarget ? 1 : n.End - n.Start,
                reason,
                $"libbpf prints nothing: the skeleton skips the program, and bpf_program__attach() fails with {errno}",
                null,
                waivedBySettingTargetInCode: true);
        }

        /// <summary>
        /// A bare type (<c>SEC("kprobe")</c>): the attach function returns 0 without a link, as libbpf's
        /// <c>/* no auto-attach for SEC("...") */</c> checks do.
        /// </summary>
        internal static AttachTargetFinding NamesNothing(in AttachTargetName n, string what, string function) =>
            NoAutoAttach(n, $"bare '{n.Type}' names {what}, so {function} attaches nothing");

        /// <summary>libbpf's attach function refuses <c>[from..to)</c>: auto-attach fails.</summary>
        internal static AttachTargetFinding Rejected(int from, int to, string reason, string outcome, IReadOnlyList<string>? fixes, bool waived = false) =>
            new(AttachTargetProblem.Rejected, SpanStart(from, to), SpanLength(from, to), reason, outcome, fixes, waived);

        /// <summary>libbpf reads <c>[from..to)</c> otherwise than it is written, and says nothing.</summary>
        internal static AttachTargetFinding Misread(int from, int to, string reason, IReadOnlyList<string>? fixes) =>
            new(AttachTargetProblem.Misread, SpanStart(from, to), SpanLength(from, to), reason, "libbpf prints nothing", fixes, waivedBySettingTargetInCode: false);

        // An empty part is shown on the separator before it ('/' or ':'), so the squiggle is visible.
        internal static int SpanStart(int from, int to) => to > from ? from : from - 1;

        internal static int SpanLength(int from, int to) => to > from ? to - from : 1;

        internal static string Prints(string message) => "libbpf prints \"" + message + "\"";

        /// <summary>
        /// Where <c>[A-Za-z_][A-Za-z0-9_]*</c> (with <paramref name="leadingDigit"/>, <c>[A-Za-z0-9_]*</c>) stops
        /// matching in <c>s[i..end)</c>; <paramref name="end"/> when all of it matches.
        /// </summary>
        internal static int IdentifierEnd(string s, int i, int end, bool leadingDigit)
        {
            for (int j = i; j < end; j++)
            {
                char c = s[j];
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
                if (!letter && ((j == i && !leadingDigit) || c < '0' || c > '9'))
                {
                    return j;
                }
            }

            return end;
        }

        /// <summary>Says which character of <c>s[start..]</c> at <paramref name="bad"/> breaks the name.</summary>
        internal static string Offending(string s, int start, int bad) =>
            bad == start && s[bad] >= '0' && s[bad] <= '9' ? $"one cannot start with the digit '{s[bad]}'" : $"'{s[bad]}' is not part of one";

        /// <summary>Where a run of <c>[a-zA-Z0-9_.]</c> (<c>%m[a-zA-Z0-9_.]</c>) in <c>s[i..end)</c> stops.</summary>
        internal static int SymbolRun(string s, int i, int end)
        {
            while (i < end && CScanf.IsSymbolChar(s[i]))
            {
                i++;
            }

            return i;
        }
    }
}
