using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>u[ret]probe[.s]/PATH:FUNC[+OFFSET]</c>, as <c>attach_uprobe()</c> in <c>src/libbpf.c</c> reads it. Releases
    /// differ: before 0.8 there is no <c>attach_uprobe()</c> (no auto-attach); 0.8-1.2 read the function as
    /// <c>[a-zA-Z0-9_.]</c> and an optional <c>+%li</c>; 1.0 adds <c>uretprobe.s</c>; 1.3 reads it to the end of the
    /// line and takes an offset only after the last <c>+</c>. <c>attach_uprobe_multi()</c> shares the PATH parts.
    /// </summary>
    internal static class UprobeTargets
    {
        private static readonly LibbpfVersion s_v1_3 = new(1, 3);

        // u[ret]probe[.s]/PATH:FUNC[+OFFSET] (attach_uprobe(), 0.8+).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            if (n.IsBare)
            {
                return NamesNothing(n, "no binary or function", "attach_uprobe()");
            }

            // sscanf(sec_name, "%m[^/]/%m[^:]:...") gives 1 when the path is empty: no attach, no message.
            int colon = n.Text.IndexOf(':', n.Target, n.End - n.Target);
            int pathEnd = colon < 0 ? n.End : colon;
            if (pathEnd == n.Target)
            {
                return EmptyPath(n, "attach_uprobe()");
            }

            if (colon < 0)
            {
                return Rejected(
                    n.Target,
                    n.End,
                    $"the function is missing after the binary path '{Cut(n.TargetText)}'",
                    Prints(LibbpfAttachMessages.UprobeMissingFunction(n.Program, Cut(n.Section))),
                    null);
            }

            int funcStart = colon + 1;
            if (n.Version < s_v1_3)
            {
                // 0.8-1.2: "%m[^/]/%m[^:]:%m[a-zA-Z0-9_.]+%li".
                int funcEnd = SymbolRun(n.Text, funcStart, n.End);
                if (funcEnd == funcStart)
                {
                    return Rejected(
                        funcStart,
                        n.End,
                        funcStart == n.End
                            ? "the function after ':' is empty"
                            : $"libbpf {n.Version} reads a uprobe function as letters, digits, '_' and '.' (sscanf(\"%m[^/]/%m[^:]:%m[a-zA-Z0-9_.]+%li\")), and '{Cut(n.Part(funcStart, n.End))}' does not start with one",
                        Prints(LibbpfAttachMessages.UprobeMissingFunction(n.Program, Cut(n.Section))),
                        null);
                }

                int readEnd = funcEnd;
                bool nonZero = false;
                bool hasOffset = false;
                if (funcEnd < n.End && n.Text[funcEnd] == '+' && CScanf.TryReadLong(n.Text, funcEnd + 1, n.End, out int next, out nonZero))
                {
                    readEnd = next;
                    hasOffset = true;
                }

                // 1.0 added "uretprobe.s+" and attach_uprobe() compares with both: opts.retprobe =
                // strcmp(probe_type, "uretprobe") == 0 || strcmp(probe_type, "uretprobe.s") == 0.
                if ((n.Type == "uretprobe" || n.Type == "uretprobe.s") && hasOffset && nonZero)
                {
                    return Rejected(funcEnd, n.End, "uretprobes take no offset", Prints(LibbpfAttachMessages.UretprobeOffset(n.Program)), new[] { n.Part(0, funcEnd) });
                }

                if (readEnd < n.End)
                {
                    string read = n.Part(funcStart, readEnd);
                    return Misread(
                        readEnd,
                        n.End,
                        $"it attaches to '{Cut(read)}' and silently ignores '{Cut(n.Part(readEnd, n.End))}', because libbpf {n.Version} reads the function with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there",
                        new[] { n.Part(0, readEnd) });
                }

                return null;
            }

            // 1.3+: "%m[^/]/%m[^:]:%m[^\n]", then an offset only as a trailing "+%li" after the last '+'.
            int lineEnd = LineEnd(n, funcStart);
            if (funcStart == lineEnd)
            {
                return Rejected(funcStart, n.End, "the function after ':' is empty", Prints(LibbpfAttachMessages.UprobeMissingFunction(n.Program, Cut(n.Section))), null);
            }

            int plus = n.Text.LastIndexOf('+', lineEnd - 1, lineEnd - funcStart);
            if (plus >= 0)
            {
                if (!CScanf.TryReadLong(n.Text, plus + 1, lineEnd, out int end, out bool offsetNonZero) || end != lineEnd)
                {
                    return Misread(
                        plus,
                        lineEnd,
                        $"'{Cut(n.Part(plus, lineEnd))}' is not an offset libbpf reads ('+' and a C integer at the very end), so attach_uprobe() looks for a function named '{Cut(n.Part(funcStart, lineEnd))}'",
                        null);
                }

                if ((n.Type == "uretprobe" || n.Type == "uretprobe.s") && offsetNonZero)
                {
                    return Rejected(plus, lineEnd, "uretprobes take no offset", Prints(LibbpfAttachMessages.UretprobeOffset(n.Program)), new[] { n.Part(0, plus) });
                }
            }

            return lineEnd < n.End ? IgnoredAfterLine(n, lineEnd, "attach_uprobe()") : null;
        }

        // "%m[^\n]" stops at a line break: the rest of the section is never read.
        internal static int LineEnd(in AttachTargetName n, int from)
        {
            int newline = n.Text.IndexOf('\n', from, n.End - from);
            return newline < 0 ? n.End : newline;
        }

        internal static AttachTargetFinding IgnoredAfterLine(in AttachTargetName n, int lineEnd, string function) =>
            Misread(
                lineEnd,
                n.End,
                $"{function} reads the function with sscanf(\"%m[^\\n]\"), which stops at the line break and silently ignores the rest",
                new[] { n.Part(0, lineEnd) });

        // sscanf("%m[^/]/%m[^:]:...") returns 1 when nothing follows the '/' or the path is empty.
        internal static AttachTargetFinding EmptyPath(in AttachTargetName n, string function)
        {
            if (n.Target == n.End)
            {
                return NoAutoAttach(n, $"the target after '{n.Type}/' is empty, so {function} attaches nothing, as for bare '{n.Type}'");
            }

            return Misread(
                n.Target,
                n.End,
                $"the binary path before ':' is empty, so {function}'s sscanf(\"%m[^/]/%m[^:]:...\") stops there and libbpf attaches nothing, as for bare '{n.Type}'",
                null);
        }

        // Before 0.8 no attach function was set for "uprobe/" (section_defs[]), so nothing auto-attaches.
        internal static AttachTargetFinding CheckBeforeAttachUprobe(in AttachTargetName n) =>
            NoAutoAttach(n, $"libbpf {n.Version} has no auto-attach for uprobes (attach_uprobe() came in libbpf 0.8)");
    }
}
