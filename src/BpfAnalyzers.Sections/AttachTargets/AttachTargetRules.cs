namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Checks the attach target of a section that resolved, the way libbpf of the target release reads
    /// it: the <c>attach_*()</c> functions that auto-attach (<c>attach_kprobe()</c>, <c>attach_uprobe()</c>,
    /// <c>attach_usdt()</c>, <c>attach_tp()</c>, ...) and, for <c>SEC_ATTACH_BTF</c> types, the BTF lookup
    /// at load (<c>libbpf_prepare_prog_load()</c>, <c>libbpf_find_attach_btf_id()</c>). Pure and
    /// allocation-free when the target is fine. This class picks the parser as <c>section_defs[]</c> does; each
    /// attach function has its own file beside this one.
    /// </summary>
    public static class AttachTargetRules
    {
        /// <summary>BTF names go through a <c>char[BTF_MAX_NAME_SIZE]</c> (128) with their prefix.</summary>
        internal const int BtfMaxNameSize = 128;

        private const int MaxQuoted = 80;

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

            var n = new AttachTargetName(resolution, entry, program ?? LibbpfMessages.ProgramPlaceholder);
            if ((entry.Flags & SectionFlags.AttachBtf) != 0)
            {
                return BtfTargets.Check(n);
            }

            return ParserOf(entry, n.Version) switch
            {
                Parser.Kprobe => KprobeTargets.Check(n),
                Parser.Uprobe => UprobeTargets.Check(n),
                Parser.KprobeMulti => MultiProbeTargets.CheckKprobeMulti(n, session: false),
                Parser.KprobeSession => MultiProbeTargets.CheckKprobeMulti(n, session: true),
                Parser.UprobeMulti => MultiProbeTargets.CheckUprobeMulti(n),
                Parser.Ksyscall => KprobeTargets.CheckKsyscall(n),
                Parser.Usdt => UsdtTargets.Check(n),
                Parser.Tracepoint => TracepointTargets.Check(n),
                Parser.RawTracepoint => RawTracepointTargets.Check(n),
                Parser.TracingMulti => MultiProbeTargets.CheckTracingMulti(n),
                Parser.None when n.Type == "uprobe" || n.Type == "uretprobe" => UprobeTargets.CheckBeforeAttachUprobe(n),
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

        /// <summary>The BTF name prefix libbpf puts before the target (<c>btf_get_kernel_prefix_kind()</c>).</summary>
        internal static string BtfPrefix(string type) => type switch
        {
            "tp_btf" or "tp_btf.s" => "btf_trace_",
            "lsm" or "lsm.s" or "lsm_cgroup" => "bpf_lsm_",
            "iter" or "iter.s" => "bpf_iter_",
            _ => string.Empty,
        };

        /// <summary>A name fragment as a message quotes it: long ones are cut with an ellipsis.</summary>
        internal static string Cut(string s) => s.Length <= MaxQuoted ? s : s.Substring(0, MaxQuoted) + "…";
    }
}
