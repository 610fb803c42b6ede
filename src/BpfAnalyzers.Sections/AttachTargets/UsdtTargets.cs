using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>usdt/PATH:PROVIDER:NAME</c>, as <c>attach_usdt()</c> in <c>src/libbpf.c</c> (0.8+) reads it. Releases do not
    /// differ in the parse; 1.3 adds <c>usdt.s</c>, which <c>attach_usdt()</c> never parses.
    /// </summary>
    internal static class UsdtTargets
    {
        // usdt/PATH:PROVIDER:NAME (attach_usdt(), 0.8+).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            if (n.Type == "usdt.s")
            {
                // attach_usdt() compares with "usdt" and parses "usdt/%m[^:]:%m[^:]:%m[^:]": "usdt.s" matches neither.
                return Rejected(
                    n.Start,
                    n.Start + n.Type.Length,
                    $"attach_usdt() in libbpf {n.Version} parses only \"usdt/%m[^:]:%m[^:]:%m[^:]\", so no 'usdt.s' section auto-attaches; turn auto-attach off and call bpf_program__attach_usdt()",
                    Prints(LibbpfAttachMessages.UsdtInvalid(Cut(n.Section))),
                    null,
                    waived: false);
            }

            if (n.IsBare)
            {
                return NamesNothing(n, "no binary or probe", "attach_usdt()");
            }

            // Three %m[^:] runs separated by ':'; each needs at least one character.
            int p1 = PartEnd(n, n.Target);
            int p2 = p1 < n.End ? PartEnd(n, p1 + 1) : -1;
            int p3 = p2 >= 0 && p2 < n.End ? PartEnd(n, p2 + 1) : -1;
            bool ok = p1 > n.Target && p2 > p1 + 1 && p3 > p2 + 1;
            if (!ok)
            {
                string what = p1 == n.Target ? "its path is empty"
                    : p2 < 0 ? "it has only a path"
                    : p2 == p1 + 1 ? "its provider is empty"
                    : p3 < 0 ? "it has no probe name"
                    : "its probe name is empty";
                return Rejected(
                    n.Target,
                    n.End,
                    n.Target == n.End ? "the target after 'usdt/' is empty" : $"a USDT target is PATH:PROVIDER:NAME, and {what}",
                    Prints(LibbpfAttachMessages.UsdtInvalid(Cut(n.Section))),
                    null);
            }

            if (p3 < n.End)
            {
                return Misread(
                    p3,
                    n.End,
                    $"it reads PATH:PROVIDER:NAME and silently ignores '{Cut(n.Part(p3, n.End))}', because attach_usdt() reads three parts with sscanf(\"usdt/%m[^:]:%m[^:]:%m[^:]\")",
                    new[] { n.Part(0, p3) });
            }

            return null;

            static int PartEnd(in AttachTargetName n, int from)
            {
                int colon = n.Text.IndexOf(':', from, n.End - from);
                return colon < 0 ? n.End : colon;
            }
        }
    }
}
