using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Checks the attach target of a section that resolved, the way libbpf of the target release reads
    /// it: the <c>attach_*()</c> functions that auto-attach (<c>attach_kprobe()</c>, <c>attach_uprobe()</c>,
    /// <c>attach_usdt()</c>, <c>attach_tp()</c>, ...) and, for <c>SEC_ATTACH_BTF</c> types, the BTF lookup
    /// at load (<c>libbpf_prepare_prog_load()</c>, <c>libbpf_find_attach_btf_id()</c>). Pure and
    /// allocation-free when the target is fine.
    /// </summary>
    public static class AttachTargetRules
    {
        /// <summary>BTF names go through a <c>char[BTF_MAX_NAME_SIZE]</c> (128) with their prefix.</summary>
        internal const int BtfMaxNameSize = 128;

        private const int MaxQuoted = 80;

        private static readonly LibbpfVersion s_v0_5 = new(0, 5);
        private static readonly LibbpfVersion s_v1_0 = new(1, 0);
        private static readonly LibbpfVersion s_v1_3 = new(1, 3);
        private static readonly LibbpfVersion s_v1_5 = new(1, 5);

        /// <summary>The attach parsers libbpf has, by the section type they serve.</summary>
        internal enum Parser
        {
            None,
            Kprobe,
            Uprobe,
            KprobeMulti,
            KprobeSession,
            UprobeMulti,
            Ksyscall,
            Usdt,
            Tracepoint,
            RawTracepoint,
            Trace,
            Lsm,
            Iter,

            /// <summary><c>attach_tracing_multi()</c>: <c>fentry.multi+</c> and friends, libbpf main only.</summary>
            TracingMulti,
        }

        /// <summary>
        /// The problem with <paramref name="resolution"/>'s attach target under its release, or null.
        /// Custom sections, unknown names and legacy-prefix matches are not checked.
        /// </summary>
        /// <param name="resolution">What <see cref="SectionResolver.ResolveProgram"/> made of the name.</param>
        /// <param name="program">The program's name, as libbpf's messages print it.</param>
        public static AttachTargetFinding? Check(in SectionResolution resolution, string program = LibbpfMessages.ProgramPlaceholder)
        {
            SectionEntry? entry = resolution.Entry;
            if (entry is null || entry.IsCustom || resolution.IsLegacyPrefix)
            {
                return null;
            }

            var n = new Name(resolution, entry, program ?? LibbpfMessages.ProgramPlaceholder);
            if ((entry.Flags & SectionFlags.AttachBtf) != 0)
            {
                return CheckBtf(n);
            }

            return ParserOf(entry, n.Version) switch
            {
                Parser.Kprobe => CheckKprobe(n),
                Parser.Uprobe => CheckUprobe(n),
                Parser.KprobeMulti => CheckKprobeMulti(n, session: false),
                Parser.KprobeSession => CheckKprobeMulti(n, session: true),
                Parser.UprobeMulti => CheckUprobeMulti(n),
                Parser.Ksyscall => n.IsBare ? NoAutoAttach(n, $"bare '{n.Type}' names no system call, so attach_ksyscall() attaches nothing") : null,
                Parser.Usdt => CheckUsdt(n),
                Parser.Tracepoint => CheckTracepoint(n),
                Parser.RawTracepoint => CheckRawTracepoint(n),
                Parser.TracingMulti => CheckTracingMulti(n),
                Parser.None when n.Type == "uprobe" || n.Type == "uretprobe" => NoAutoAttach(n, $"libbpf {n.Version} has no auto-attach for uprobes (attach_uprobe() came in libbpf 0.8)"),
                _ => null,
            };
        }

        /// <summary>
        /// The attach function libbpf's <c>section_defs[]</c> gives an entry in a release, by the name it
        /// has in <c>src/libbpf.c</c> (<c>attach_kprobe</c>), or null for none. <c>data/libbpf/attach-functions.tsv</c>
        /// records the real table; a test keeps the two equal.
        /// </summary>
        internal static string? AttachFunctionOf(SectionEntry entry, LibbpfVersion version) => ParserOf(entry, version) switch
        {
            Parser.Kprobe => "attach_kprobe",
            Parser.Uprobe => "attach_uprobe",
            Parser.KprobeMulti => "attach_kprobe_multi",
            Parser.KprobeSession => "attach_kprobe_session",
            Parser.UprobeMulti => "attach_uprobe_multi",
            Parser.Ksyscall => "attach_ksyscall",
            Parser.Usdt => "attach_usdt",
            Parser.Tracepoint => "attach_tp",
            Parser.RawTracepoint => "attach_raw_tp",
            Parser.Trace => "attach_trace",
            Parser.Lsm => "attach_lsm",
            Parser.Iter => "attach_iter",
            Parser.TracingMulti => "attach_tracing_multi",
            _ => null,
        };

        internal static Parser ParserOf(SectionEntry entry, LibbpfVersion version)
        {
            if (entry.IsCustom)
            {
                return Parser.None;
            }

            switch (entry.Type)
            {
                case "kprobe":
                case "kretprobe":
                    return Parser.Kprobe;
                case "uprobe":
                case "uretprobe":
                    // Before 0.8 "uprobe/" had no attach function at all.
                    return version >= LibbpfVersion.V0_8 ? Parser.Uprobe : Parser.None;
                case "uprobe.s":
                case "uretprobe.s":
                    return Parser.Uprobe;
                case "kprobe.multi":
                case "kretprobe.multi":
                    return Parser.KprobeMulti;
                case "kprobe.session":
                    return Parser.KprobeSession;
                case "uprobe.multi":
                case "uretprobe.multi":
                case "uprobe.multi.s":
                case "uretprobe.multi.s":
                case "uprobe.session":
                case "uprobe.session.s":
                    return Parser.UprobeMulti;
                case "ksyscall":
                case "kretsyscall":
                    return Parser.Ksyscall;
                case "usdt":
                case "usdt.s":
                    return Parser.Usdt;
                case "tp":
                case "tracepoint":
                case "tp.s":
                case "tracepoint.s":
                    return Parser.Tracepoint;
                case "raw_tp":
                case "raw_tracepoint":
                case "raw_tp.w":
                case "raw_tracepoint.w":
                case "raw_tp.s":
                case "raw_tracepoint.s":
                    return Parser.RawTracepoint;
                case "fentry.multi":
                case "fexit.multi":
                case "fsession.multi":
                case "fentry.multi.s":
                case "fexit.multi.s":
                case "fsession.multi.s":
                    return Parser.TracingMulti;
                case "tp_btf":
                case "tp_btf.s":
                case "fentry":
                case "fexit":
                case "fmod_ret":
                case "fentry.s":
                case "fexit.s":
                case "fmod_ret.s":
                case "fsession":
                case "fsession.s":
                case "freplace":
                    return Parser.Trace;
                case "lsm":
                case "lsm.s":
                    return Parser.Lsm;
                case "iter":
                case "iter.s":
                    return Parser.Iter;
                default:
                    return Parser.None;
            }
        }

        // kprobe/FUNC[+OFFSET], kretprobe/FUNC (attach_kprobe()).
        private static AttachTargetFinding? CheckKprobe(in Name n)
        {
            bool retprobe = n.Type == "kretprobe";
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no kernel function, so attach_kprobe() attaches nothing");
            }

            if (n.Version < s_v0_5)
            {
                return CheckKprobeVerbatim(n, retprobe);
            }

            // sscanf(func_name, "%m[a-zA-Z0-9_.]+%li", &func, &offset), from 0.5.
            int funcEnd = SymbolRun(n.Text, n.Target, n.End);
            if (funcEnd == n.Target)
            {
                bool empty = n.Target == n.End;
                return Rejected(
                    n.Target,
                    n.End,
                    empty
                        ? $"the function name after '{n.Type}/' is empty"
                        : $"the target must start with a function name of letters, digits, '_' and '.', and '{Cut(n.TargetText)}' does not",
                    Prints(LibbpfAttachMessages.KprobeNameInvalid(Cut(n.TargetText))),
                    empty && n.Version >= LibbpfVersion.V0_8 ? new[] { n.Prefix + n.Type } : null);
            }

            int readEnd = funcEnd;
            bool nonZero = false;
            bool hasOffset = false;
            if (funcEnd < n.End && n.Text[funcEnd] == '+' && CScanf.TryReadLong(n.Text, funcEnd + 1, n.End, out int next, out nonZero))
            {
                readEnd = next;
                hasOffset = true;
            }

            // main (not yet released) reads the offset as a signed long and refuses a negative one first.
            if (hasOffset && n.Version >= LibbpfAttachMessages.KprobeNegativeOffsetSince && CScanf.ReadLongValue(n.Text, funcEnd + 1, readEnd) is long offset && offset < 0)
            {
                return Rejected(
                    funcEnd,
                    n.End,
                    "the offset is negative",
                    Prints(LibbpfAttachMessages.KprobeNegativeOffset(offset)),
                    new[] { n.Part(0, funcEnd) });
            }

            if (retprobe && hasOffset && nonZero)
            {
                return Rejected(
                    funcEnd,
                    n.End,
                    "kretprobes take no offset",
                    Prints(LibbpfAttachMessages.KretprobeOffset),
                    new[] { n.Part(0, funcEnd) });
            }

            if (readEnd < n.End)
            {
                string read = n.Part(n.Target, readEnd);
                return Misread(
                    readEnd,
                    n.End,
                    $"it attaches to '{Cut(read)}' and silently ignores '{Cut(n.Part(readEnd, n.End))}', because attach_kprobe() reads the target with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there",
                    new[] { n.Part(0, readEnd) });
            }

            return null;
        }

        // Before 0.5 attach_kprobe() handed everything after "kprobe/" to the kernel as the function name.
        private static AttachTargetFinding? CheckKprobeVerbatim(in Name n, bool retprobe)
        {
            int bad = SymbolRun(n.Text, n.Target, n.End);
            if (n.Target < n.End && bad == n.End)
            {
                return null;
            }

            string target = Cut(n.TargetText);
            string reason = n.Target == n.End
                ? $"the function name after '{n.Type}/' is empty"
                : n.Text[bad] == '+'
                    ? $"libbpf {n.Version} passes '{target}' to the kernel as the function name: the FUNC+OFFSET form needs libbpf 0.5"
                    : $"libbpf {n.Version} passes '{target}' to the kernel as the function name, and no kernel function has '{n.Text[bad]}' in its name";
            return Rejected(bad, n.End, reason, Prints(LibbpfAttachMessages.KprobePerfEventFailed(n.Program, retprobe, target, n.Version)), null);
        }

        // u[ret]probe[.s]/PATH:FUNC[+OFFSET] (attach_uprobe(), 0.8+).
        private static AttachTargetFinding? CheckUprobe(in Name n)
        {
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no binary or function, so attach_uprobe() attaches nothing");
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
        private static int LineEnd(in Name n, int from)
        {
            int newline = n.Text.IndexOf('\n', from, n.End - from);
            return newline < 0 ? n.End : newline;
        }

        private static AttachTargetFinding IgnoredAfterLine(in Name n, int lineEnd, string function) =>
            Misread(
                lineEnd,
                n.End,
                $"{function} reads the function with sscanf(\"%m[^\\n]\"), which stops at the line break and silently ignores the rest",
                new[] { n.Part(0, lineEnd) });

        // u[ret]probe.{multi,session}[.s]/PATH:PATTERN (attach_uprobe_multi(), 1.3+).
        private static AttachTargetFinding? CheckUprobeMulti(in Name n)
        {
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no binary or functions, so attach_uprobe_multi() attaches nothing");
            }

            int colon = n.Text.IndexOf(':', n.Target, n.End - n.Target);
            if (colon == n.Target || n.Target == n.End)
            {
                return EmptyPath(n, "attach_uprobe_multi()");
            }

            int lineEnd = colon < 0 ? n.End : LineEnd(n, colon + 1);
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

            return lineEnd < n.End ? IgnoredAfterLine(n, lineEnd, "attach_uprobe_multi()") : null;
        }

        // sscanf("%m[^/]/%m[^:]:...") returns 1 when nothing follows the '/' or the path is empty.
        private static AttachTargetFinding EmptyPath(in Name n, string function)
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

        // k[ret]probe.multi/PATTERN (attach_kprobe_multi(), 0.8+), kprobe.session/PATTERN (1.5+).
        private static AttachTargetFinding? CheckKprobeMulti(in Name n, bool session)
        {
            string function = session ? "attach_kprobe_session()" : "attach_kprobe_multi()";
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no functions, so {function} attaches nothing");
            }

            // sscanf(spec, "%m[a-zA-Z0-9_.*?]", &pattern)
            int end = n.Target;
            while (end < n.End && CScanf.IsPatternChar(n.Text[end]))
            {
                end++;
            }

            if (end == n.Target)
            {
                string spec = Cut(n.TargetText);
                return Rejected(
                    n.Target,
                    n.End,
                    n.Target == n.End
                        ? $"the function pattern after '{n.Type}/' is empty"
                        : $"the pattern must start with letters, digits, '_', '.', '*' or '?', and '{spec}' does not",
                    Prints(session ? LibbpfAttachMessages.KprobeSessionPatternInvalid(spec) : LibbpfAttachMessages.KprobeMultiPatternInvalid(spec, n.Version)),
                    null);
            }

            if (end < n.End)
            {
                string read = n.Part(n.Target, end);
                return Misread(
                    end,
                    n.End,
                    $"it attaches to the functions matching '{Cut(read)}' and silently ignores '{Cut(n.Part(end, n.End))}', because {function} reads the pattern with sscanf(\"%m[a-zA-Z0-9_.*?]\"), which stops there",
                    new[] { n.Part(0, end) });
            }

            return null;
        }

        // usdt/PATH:PROVIDER:NAME (attach_usdt(), 0.8+).
        private static AttachTargetFinding? CheckUsdt(in Name n)
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
                return NoAutoAttach(n, "bare 'usdt' names no binary or probe, so attach_usdt() attaches nothing");
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

            static int PartEnd(in Name n, int from)
            {
                int colon = n.Text.IndexOf(':', from, n.End - from);
                return colon < 0 ? n.End : colon;
            }
        }

        // tp/CATEGORY/NAME, tracepoint/CATEGORY/NAME (attach_tp()).
        private static AttachTargetFinding? CheckTracepoint(in Name n)
        {
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no tracepoint, so attach_tp() attaches nothing");
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

        // raw_tp/NAME, raw_tracepoint/NAME and their .w forms (attach_raw_tp()).
        private static AttachTargetFinding? CheckRawTracepoint(in Name n)
        {
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no tracepoint, so attach_raw_tp() attaches nothing");
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

        // fentry.multi/PATTERN and friends (attach_tracing_multi(), libbpf main, not yet released): a glob
        // over kernel BTF functions, optionally "module:pattern"; the module is looked up at load and attach.
        private static AttachTargetFinding? CheckTracingMulti(in Name n)
        {
            if (n.IsBare)
            {
                return NoAutoAttach(n, $"bare '{n.Type}' names no functions, so attach_tracing_multi() attaches nothing");
            }

            // sscanf(spec, "%m[a-zA-Z0-9_.*?:]", &pattern)
            int end = n.Target;
            while (end < n.End && (CScanf.IsPatternChar(n.Text[end]) || n.Text[end] == ':'))
            {
                end++;
            }

            if (end == n.Target)
            {
                string spec = Cut(n.TargetText);
                return Rejected(
                    n.Target,
                    n.End,
                    n.Target == n.End
                        ? $"the function pattern after '{n.Type}/' is empty"
                        : $"the pattern must start with letters, digits, '_', '.', '*', '?' or ':', and '{spec}' does not",
                    Prints(LibbpfAttachMessages.TracingMultiPatternInvalid(spec)),
                    null);
            }

            if (end < n.End)
            {
                string read = n.Part(n.Target, end);
                return Misread(
                    end,
                    n.End,
                    $"it attaches to the functions matching '{Cut(read)}' and silently ignores '{Cut(n.Part(end, n.End))}', because attach_tracing_multi() reads the pattern with sscanf(\"%m[a-zA-Z0-9_.*?:]\"), which stops there",
                    new[] { n.Part(0, end) });
            }

            return null;
        }

        // SEC_ATTACH_BTF types: the target is looked up in kernel BTF at load (libbpf_find_attach_btf_id()).
        private static AttachTargetFinding? CheckBtf(in Name n)
        {
            // An freplace program replaces a function of another BPF program, whose FD libbpf gets only from
            // bpf_program__set_attach_target() (libbpf_prepare_prog_load(): "attach program FD is not set"):
            // every freplace program sets its target in code, so the name's target is never the whole story.
            if (n.Type == "freplace")
            {
                return null;
            }

            if (n.IsBare)
            {
                string what = n.Type.StartsWith("iter", StringComparison.Ordinal) ? "the iterator" : n.Type.StartsWith("tp_btf", StringComparison.Ordinal) ? "the tracepoint" : n.Type.StartsWith("lsm", StringComparison.Ordinal) ? "the LSM hook" : "the kernel function";
                return new AttachTargetFinding(
                    AttachTargetProblem.BtfTargetMissing,
                    n.Start,
                    n.End - n.Start,
                    $"'{n.Type}' needs a BTF attach target, {what}, after '/' or set in code with bpf_program__set_attach_target() (say so with [BpfLoader(SetsAttachTarget = true)] or AttachTargetSetInCode = true)",
                    Prints(LibbpfMessages.NoBtfAttachTarget(n.Program)),
                    null,
                    waivedBySettingTargetInCode: true);
            }

            if (n.Target == n.End)
            {
                return BtfInvalid(n.Target, n.End, "the attach target after '/' is empty", NotFound(n, string.Empty, "ESRCH", 3));
            }

            // 1.5 reads "module:function" (find_kernel_btf_id()); before, ':' is just part of the name.
            int colon = n.Text.IndexOf(':', n.Target, n.End - n.Target);
            int functionStart = n.Target;
            if (colon >= 0)
            {
                if (n.Version < s_v1_5)
                {
                    string target = Cut(n.TargetText);
                    return BtfInvalid(colon, n.End, $"libbpf {n.Version} has no 'module:function' form (libbpf 1.5 added it), so it looks for a BTF name '{target}'", NotFound(n, target, "ESRCH", 3));
                }

                functionStart = colon + 1;
                if (functionStart == n.End)
                {
                    return BtfInvalid(functionStart, n.End, $"the name after '{Cut(n.Part(n.Target, functionStart))}' is empty", NotFound(n, Cut(n.TargetText), "ESRCH", 3));
                }
            }

            // The kernel accepts a BTF function or typedef only under a C identifier (btf_func_check_meta(),
            // btf_ref_type_check_meta(): btf_name_valid_identifier()), so 'fentry/3', 'lsm/.s' or 'fentry/f.isra.0'
            // are never found, whatever the kernel (libbpf 1.1.2 on Linux 6.18: "failed to find kernel BTF type ID").
            // Behind a prefix the name may start with a digit: 'tp_btf/9p_client_req' is btf_trace_9p_client_req.
            int bad = IdentifierEnd(n.Text, functionStart, n.End, leadingDigit: BtfPrefix(n.Type).Length > 0);
            if (bad < n.End)
            {
                return BtfInvalid(
                    functionStart,
                    n.End,
                    $"'{Cut(n.Part(functionStart, n.End))}' cannot be in kernel BTF: BTF names are C identifiers, and {Offending(n.Text, functionStart, bad)}",
                    NotFound(n, Cut(n.TargetText), "ESRCH", 3));
            }

            // find_btf_by_prefix_kind() prints "prefix"+"name" into char[128]; before 0.5 only prefixed types did.
            string prefix = BtfPrefix(n.Type);
            int length = prefix.Length + (n.End - functionStart);
            if (length >= BtfMaxNameSize && (n.Version >= s_v0_5 || prefix.Length > 0))
            {
                return BtfInvalid(
                    functionStart,
                    n.End,
                    $"libbpf looks the name up as '{prefix}NAME' in a {BtfMaxNameSize}-byte buffer, and {length} characters do not fit",
                    NotFound(n, Cut(n.TargetText), "ENAMETOOLONG", 36));
            }

            if ((n.Type == "iter" || n.Type == "iter.s") && !KernelIterators.IsKnown(n.Text, functionStart, n.End - functionStart))
            {
                string iterator = n.Part(functionStart, n.End);
                var fixes = new List<string>();
                foreach (string known in KernelIterators.Nearest(iterator, 3))
                {
                    fixes.Add(n.Prefix + n.Part(n.Start, functionStart) + known);
                }

                return new AttachTargetFinding(
                    AttachTargetProblem.UnknownIterator,
                    functionStart,
                    n.End - functionStart,
                    $"no Linux kernel defines a 'bpf_iter_{Cut(iterator)}' iterator",
                    NotFound(n, Cut(n.TargetText), "ESRCH", 3),
                    fixes,
                    waivedBySettingTargetInCode: true,
                    iterator: iterator);
            }

            return null;
        }

        /// <summary>The BTF name prefix libbpf puts before the target (<c>btf_get_kernel_prefix_kind()</c>).</summary>
        internal static string BtfPrefix(string type) => type switch
        {
            "tp_btf" or "tp_btf.s" => "btf_trace_",
            "lsm" or "lsm.s" or "lsm_cgroup" => "bpf_lsm_",
            "iter" or "iter.s" => "bpf_iter_",
            _ => string.Empty,
        };

        private static string NotFound(in Name n, string attachName, string errno, int number) =>
            Prints(LibbpfAttachMessages.BtfTypeNotFound(n.Program, attachName, errno, number, n.Version));

        private static AttachTargetFinding BtfInvalid(int from, int to, string reason, string outcome) =>
            new(AttachTargetProblem.BtfTargetInvalid, SpanStart(from, to), SpanLength(from, to), reason, outcome, null, waivedBySettingTargetInCode: true);

        private static AttachTargetFinding NoAutoAttach(in Name n, string reason)
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

        private static AttachTargetFinding Rejected(int from, int to, string reason, string outcome, IReadOnlyList<string>? fixes, bool waived = false) =>
            new(AttachTargetProblem.Rejected, SpanStart(from, to), SpanLength(from, to), reason, outcome, fixes, waived);

        private static AttachTargetFinding Misread(int from, int to, string reason, IReadOnlyList<string>? fixes) =>
            new(AttachTargetProblem.Misread, SpanStart(from, to), SpanLength(from, to), reason, "libbpf prints nothing", fixes, waivedBySettingTargetInCode: false);

        // An empty part is shown on the separator before it ('/' or ':'), so the squiggle is visible.
        private static int SpanStart(int from, int to) => to > from ? from : from - 1;

        private static int SpanLength(int from, int to) => to > from ? to - from : 1;

        private static string Prints(string message) => "libbpf prints \"" + message + "\"";

        /// <summary>A raw tracepoint name no kernel can have, or null.</summary>
        private static AttachTargetFinding? NoSuchRawTracepoint(in Name n)
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

        /// <summary>
        /// Where <c>[A-Za-z_][A-Za-z0-9_]*</c> (with <paramref name="leadingDigit"/>, <c>[A-Za-z0-9_]*</c>) stops
        /// matching in <c>s[i..end)</c>; <paramref name="end"/> when all of it matches.
        /// </summary>
        private static int IdentifierEnd(string s, int i, int end, bool leadingDigit)
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

        /// <summary>Says which character of <c>s[start..]</c> at <paramref name="bad"/> breaks the name.</summary>
        private static string Offending(string s, int start, int bad) =>
            bad == start && s[bad] >= '0' && s[bad] <= '9' ? $"one cannot start with the digit '{s[bad]}'" : $"'{s[bad]}' is not part of one";

        private static int SymbolRun(string s, int i, int end)
        {
            while (i < end && CScanf.IsSymbolChar(s[i]))
            {
                i++;
            }

            return i;
        }

        /// <summary>A name fragment as a message quotes it: long ones are cut with an ellipsis.</summary>
        internal static string Cut(string s) => s.Length <= MaxQuoted ? s : s.Substring(0, MaxQuoted) + "…";

        /// <summary>The parts of one resolved name that every check reads.</summary>
        private readonly struct Name
        {
            public Name(in SectionResolution r, SectionEntry entry, string program)
            {
                Text = r.Name;
                Start = r.NameStart;
                End = r.NameStart + r.NameLength;
                Target = r.AttachTargetStart;
                Version = r.Target.Version;
                Type = entry.Type;
                Program = program;
            }

            /// <summary>The name as written, with a leading <c>?</c>.</summary>
            public string Text { get; }

            /// <summary>Where libbpf's <c>prog->sec_name</c> starts (after a stripped <c>?</c>).</summary>
            public int Start { get; }

            /// <summary>Where the C string ends.</summary>
            public int End { get; }

            /// <summary>Where the attach target starts, after the <c>/</c>; -1 for a bare type.</summary>
            public int Target { get; }

            public LibbpfVersion Version { get; }

            public string Type { get; }

            public string Program { get; }

            public bool IsBare => Target < 0;

            public string Section => Text.Substring(Start, End - Start);

            public string Prefix => Text.Substring(0, Start);

            public string TargetText => Text.Substring(Target, End - Target);

            public string Part(int from, int to) => Text.Substring(from, to - from);
        }
    }
}
