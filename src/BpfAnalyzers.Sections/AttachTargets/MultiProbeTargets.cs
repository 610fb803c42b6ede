using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The glob and multi-function sections, as <c>src/libbpf.c</c> reads them: <c>attach_kprobe_multi()</c> (0.8+),
    /// <c>attach_kprobe_session()</c> (1.5+), <c>attach_uprobe_multi()</c> (1.3+; <c>uprobe.session</c> 1.6) and
    /// <c>attach_tracing_multi()</c> (main, not yet released). Releases differ: 1.3-1.4 attach
    /// <c>uretprobe.multi.s</c> as an entry probe (fixed in 1.5).
    /// </summary>
    internal static class MultiProbeTargets
    {
        private static readonly LibbpfVersion s_v1_5 = new(1, 5);

        // u[ret]probe.{multi,session}[.s]/PATH:PATTERN (attach_uprobe_multi(), 1.3+).
        internal static AttachTargetFinding? CheckUprobeMulti(in AttachTargetName n)
        {
            if (n.IsBare)
            {
                return NamesNothing(n, "no binary or functions", "attach_uprobe_multi()");
            }

            int colon = n.Text.IndexOf(':', n.Target, n.End - n.Target);
            if (colon == n.Target || n.Target == n.End)
            {
                return UprobeTargets.EmptyPath(n, "attach_uprobe_multi()");
            }

            int lineEnd = colon < 0 ? n.End : UprobeTargets.LineEnd(n, colon + 1);
            if (colon < 0 || lineEnd == colon + 1)
            {
                return Rejected(
                    colon < 0 ? n.Target : colon + 1,
                    n.End,
                    colon < 0 ? $"the function pattern is missing after the binary path '{Cut(n.TargetText)}'" : "the function pattern after ':' is empty",
                    Prints(LibbpfAttachMessages.InvalidSectionDefinition(n.Program, Cut(n.Section))),
                    null);
            }

            // 1.3-1.4 compared the type with "uretprobe.multi" exactly (strcmp), so ".s" attached at entry.
            if (n.Type == "uretprobe.multi.s" && n.Version < s_v1_5)
            {
                return Misread(
                    n.Start,
                    n.Start + n.Type.Length,
                    $"libbpf {n.Version} attaches it as an entry probe, not a return probe, because attach_uprobe_multi() compares the type with \"uretprobe.multi\" exactly (fixed in libbpf 1.5)",
                    null);
            }

            return lineEnd < n.End ? UprobeTargets.IgnoredAfterLine(n, lineEnd, "attach_uprobe_multi()") : null;
        }

        /// <summary>The three attach functions that read their target as one glob, told apart by what they print.</summary>
        private enum Glob
        {
            KprobeMulti,
            KprobeSession,
            TracingMulti,
        }

        // k[ret]probe.multi/PATTERN (attach_kprobe_multi(), 0.8+), kprobe.session/PATTERN (1.5+):
        // sscanf(spec, "%m[a-zA-Z0-9_.*?]", &pattern)
        internal static AttachTargetFinding? CheckKprobeMulti(in AttachTargetName n, bool session) =>
            CheckGlob(n, session ? Glob.KprobeSession : Glob.KprobeMulti);

        // fentry.multi/PATTERN and friends (attach_tracing_multi(), libbpf main, not yet released): a glob
        // over kernel BTF functions, optionally "module:pattern"; the module is looked up at load and attach.
        // sscanf(spec, "%m[a-zA-Z0-9_.*?:]", &pattern)
        internal static AttachTargetFinding? CheckTracingMulti(in AttachTargetName n) => CheckGlob(n, Glob.TracingMulti);

        // attach_tracing_multi() (main at f7081a6baf3f) reads its pattern as attach_kprobe_multi() does, one
        // sscanf() of a character class that fails only when nothing matches; it adds ':' to the class. Only
        // that class, the function's name and what it prints differ.
        private static AttachTargetFinding? CheckGlob(in AttachTargetName n, Glob glob)
        {
            string function = glob switch
            {
                Glob.KprobeSession => "attach_kprobe_session()",
                Glob.TracingMulti => "attach_tracing_multi()",
                _ => "attach_kprobe_multi()",
            };
            if (n.IsBare)
            {
                return NamesNothing(n, "no functions", function);
            }

            bool module = glob == Glob.TracingMulti;
            int end = n.Target;
            while (end < n.End && (CScanf.IsPatternChar(n.Text[end]) || (module && n.Text[end] == ':')))
            {
                end++;
            }

            if (end == n.Target)
            {
                string spec = Cut(n.TargetText);
                string allowed = module ? "letters, digits, '_', '.', '*', '?' or ':'" : "letters, digits, '_', '.', '*' or '?'";
                string prints = glob switch
                {
                    Glob.KprobeSession => LibbpfAttachMessages.KprobeSessionPatternInvalid(spec),
                    Glob.TracingMulti => LibbpfAttachMessages.TracingMultiPatternInvalid(spec),
                    _ => LibbpfAttachMessages.KprobeMultiPatternInvalid(spec, n.Version),
                };
                return Rejected(
                    n.Target,
                    n.End,
                    n.Target == n.End
                        ? $"the function pattern after '{n.Type}/' is empty"
                        : $"the pattern must start with {allowed}, and '{spec}' does not",
                    Prints(prints),
                    null);
            }

            if (end < n.End)
            {
                string read = n.Part(n.Target, end);
                string scanf = module ? "sscanf(\"%m[a-zA-Z0-9_.*?:]\")" : "sscanf(\"%m[a-zA-Z0-9_.*?]\")";
                return Misread(
                    end,
                    n.End,
                    $"it attaches to the functions matching '{Cut(read)}' and silently ignores '{Cut(n.Part(end, n.End))}', because {function} reads the pattern with {scanf}, which stops there",
                    new[] { n.Part(0, end) });
            }

            return null;
        }
    }
}
