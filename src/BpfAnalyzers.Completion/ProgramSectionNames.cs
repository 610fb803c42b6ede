using System;
using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// The program section names worth typing for a libbpf release: every entry of its <c>section_defs[]</c>
    /// as it should be written (exact names as they are, <c>type/</c> for the types that take an attach
    /// target), minus what that release deprecates (<c>SEC_DEPRECATED</c>, and <c>tc</c>/<c>classifier</c>/
    /// <c>action</c> once tcx exists, 1.3), plus the project's <c>[assembly: BpfCustomSection]</c> types (0.8+).
    /// </summary>
    internal static class ProgramSectionNames
    {
        /// <summary>
        /// What goes after the slash, per type, from libbpf's attach functions (<c>attach_kprobe()</c>,
        /// <c>attach_uprobe()</c>, <c>attach_usdt()</c>, <c>attach_tp()</c>, ...) and, for the
        /// <c>SEC_ATTACH_BTF</c> types, the kernel BTF lookup at load time. <c>BareToo</c>: the bare type is
        /// worth offering as well (the target is optional and commonly left out). Sleepable <c>.s</c> variants
        /// take their base type's target (<see cref="TryGetTarget"/>).
        /// </summary>
        private static readonly Dictionary<string, (string Form, string Meaning, bool BareToo)> s_targets = new(StringComparer.Ordinal)
        {
            ["kprobe"] = ("kprobe/FUNC[+OFFSET]", "FUNC: a kernel function; OFFSET: an optional offset into it (attach_kprobe)", false),
            ["kretprobe"] = ("kretprobe/FUNC", "FUNC: a kernel function; return probes take no offset (attach_kprobe)", false),
            ["uprobe"] = ("uprobe/PATH:FUNC[+OFFSET]", "PATH: a binary or library; FUNC: a function in it; OFFSET: optional (attach_uprobe)", false),
            ["uretprobe"] = ("uretprobe/PATH:FUNC", "PATH: a binary or library; FUNC: a function in it; no offset (attach_uprobe)", false),
            ["kprobe.multi"] = ("kprobe.multi/PATTERN", "PATTERN: kernel functions, a glob with * and ? (attach_kprobe_multi)", false),
            ["kretprobe.multi"] = ("kretprobe.multi/PATTERN", "PATTERN: kernel functions, a glob with * and ? (attach_kprobe_multi)", false),
            ["kprobe.session"] = ("kprobe.session/PATTERN", "PATTERN: kernel functions, a glob with * and ? (attach_kprobe_session)", false),
            ["uprobe.multi"] = ("uprobe.multi/PATH:PATTERN", "PATH: a binary or library; PATTERN: its functions, a glob (attach_uprobe_multi)", false),
            ["uretprobe.multi"] = ("uretprobe.multi/PATH:PATTERN", "PATH: a binary or library; PATTERN: its functions, a glob (attach_uprobe_multi)", false),
            ["uprobe.session"] = ("uprobe.session/PATH:PATTERN", "PATH: a binary or library; PATTERN: its functions, a glob (attach_uprobe_multi)", false),
            ["ksyscall"] = ("ksyscall/SYSCALL", "SYSCALL: a system call name, without the arch prefix (attach_ksyscall)", false),
            ["kretsyscall"] = ("kretsyscall/SYSCALL", "SYSCALL: a system call name, without the arch prefix (attach_ksyscall)", false),
            ["usdt"] = ("usdt/PATH:PROVIDER:NAME", "PATH: a binary or library; PROVIDER and NAME: the USDT probe (attach_usdt)", false),
            ["tracepoint"] = ("tracepoint/CATEGORY/NAME", "a tracepoint, as under /sys/kernel/tracing/events (attach_tp)", false),
            ["tp"] = ("tp/CATEGORY/NAME", "a tracepoint, as under /sys/kernel/tracing/events (attach_tp)", false),
            ["raw_tracepoint"] = ("raw_tracepoint/NAME", "NAME: a kernel tracepoint (attach_raw_tp)", false),
            ["raw_tp"] = ("raw_tp/NAME", "NAME: a kernel tracepoint (attach_raw_tp)", false),
            ["raw_tracepoint.w"] = ("raw_tracepoint.w/NAME", "writable; NAME: a kernel tracepoint (attach_raw_tp)", false),
            ["raw_tp.w"] = ("raw_tp.w/NAME", "writable; NAME: a kernel tracepoint (attach_raw_tp)", false),
            ["tp_btf"] = ("tp_btf/NAME", "NAME: a raw tracepoint in kernel BTF (btf_trace_NAME), needed at load", false),
            ["fentry"] = ("fentry/FUNC", "FUNC: a kernel function in BTF, needed at load", false),
            ["fexit"] = ("fexit/FUNC", "FUNC: a kernel function in BTF, needed at load", false),
            ["fmod_ret"] = ("fmod_ret/FUNC", "FUNC: a kernel function in BTF, needed at load", false),
            ["fsession"] = ("fsession/FUNC", "FUNC: a kernel function in BTF, needed at load", false),
            // libbpf main (not yet released), attach_tracing_multi(): sscanf(spec, "%m[a-zA-Z0-9_.*?:]").
            ["fentry.multi"] = ("fentry.multi/[MODULE:]PATTERN", "PATTERN: kernel functions in BTF, a glob with * and ? (attach_tracing_multi)", false),
            ["fexit.multi"] = ("fexit.multi/[MODULE:]PATTERN", "PATTERN: kernel functions in BTF, a glob with * and ? (attach_tracing_multi)", false),
            ["fsession.multi"] = ("fsession.multi/[MODULE:]PATTERN", "PATTERN: kernel functions in BTF, a glob with * and ? (attach_tracing_multi)", false),
            ["freplace"] = ("freplace/FUNC", "FUNC: a global function of the BPF program it replaces (BTF), or set in code with bpf_program__set_attach_target()", false),
            ["lsm"] = ("lsm/HOOK", "HOOK: an LSM hook in kernel BTF (bpf_lsm_HOOK), needed at load", false),
            ["lsm_cgroup"] = ("lsm_cgroup/HOOK", "HOOK: an LSM hook in kernel BTF, needed at load", false),
            ["iter"] = ("iter/ITERATOR", "ITERATOR: a BPF iterator of the kernel (task, bpf_map, tcp, ...), needed at load", false),
            ["struct_ops"] = ("struct_ops[/MEMBER]", "MEMBER: optional, the struct_ops member it implements", true),
        };

        public static IReadOnlyList<SectionName> For(SectionTarget target, IReadOnlyList<SectionEntry> custom)
        {
            var names = new List<SectionName>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            IReadOnlyList<SectionEntry> table = SectionTable.For(target.Version);

            // libbpf_register_prog_handler() exists from 0.8; before, the analyzer ignores custom sections too.
            if (target.Version >= LibbpfVersion.V0_8)
            {
                foreach (SectionEntry e in custom)
                {
                    foreach (string name in Written(e))
                    {
                        if (seen.Add(name))
                        {
                            names.Add(new SectionName(name, Describe(name, e, target, custom: true), "custom"));
                        }
                    }
                }
            }

            foreach (SectionEntry e in table)
            {
                foreach (string name in Written(e))
                {
                    if (!seen.Contains(name) && IsOffered(name, e, target) && seen.Add(name))
                    {
                        names.Add(new SectionName(name, Describe(name, e, target, custom: false), e.ProgTypeName));
                    }
                }
            }

            return names;
        }

        /// <summary>
        /// True when <paramref name="typed"/> already runs past the slash of a type whose target is free text
        /// (<c>kprobe/</c>, <c>uprobe/</c>, <c>tp/</c>, a custom <c>user/</c>): what follows is a kernel or binary
        /// symbol, which an editor cannot know, so nothing is offered there.
        /// </summary>
        public static bool IsInAttachTarget(string typed, SectionTarget target, IReadOnlyList<SectionEntry> custom)
        {
            int slash = typed.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }

            string type = typed.Substring(0, slash);
            foreach (SectionEntry e in SectionTable.For(target.Version))
            {
                if ((e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash) && e.Type == type)
                {
                    return true;
                }
            }

            foreach (SectionEntry e in custom)
            {
                if ((e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash) && e.Type == type)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>How the entry is written in a <c>SEC()</c>: <c>xdp</c>; <c>kprobe/</c> for <c>kprobe+</c>.</summary>
        private static IEnumerable<string> Written(SectionEntry e)
        {
            switch (e.Match)
            {
                case SectionMatch.Plus:
                    bool known = TryGetTarget(e, out var target);
                    if (known || e.IsCustom)
                    {
                        yield return e.Type + "/";
                    }

                    // A bare type+ loads as is; offered when its target is optional, or when nothing is known of one.
                    if (!known || target.BareToo)
                    {
                        yield return e.Type;
                    }

                    break;
                default:
                    yield return e.Section;
                    break;
            }
        }

        /// <summary>
        /// The name resolves to this very entry (no earlier entry shadows it, libbpf's first match wins),
        /// as written, and the release does not deprecate it. <c>type/</c> with the target still to type counts.
        /// </summary>
        private static bool IsOffered(string name, SectionEntry e, SectionTarget target)
        {
            SectionResolution r = SectionResolver.ResolveProgram(name, target);
            return ReferenceEquals(r.Entry, e) && !r.IsDeprecated && !r.IsLegacyPrefix &&
                   (r.IsCanonical || name[name.Length - 1] == '/');
        }

        /// <summary>
        /// What goes after the slash of <paramref name="e"/>'s type. A sleepable <c>.s</c> variant takes its base
        /// type's target; a <c>SEC_ATTACH_BTF</c> type this table does not know yet (a newer libbpf's) still needs
        /// its BTF target at load, so it is offered as <c>type/</c>, never bare (which fails to load).
        /// </summary>
        private static bool TryGetTarget(SectionEntry e, out (string Form, string Meaning, bool BareToo) target)
        {
            if (s_targets.TryGetValue(e.Type, out target))
            {
                return true;
            }

            const string Sleepable = ".s";
            if (e.Type.EndsWith(Sleepable, StringComparison.Ordinal) &&
                s_targets.TryGetValue(e.Type.Substring(0, e.Type.Length - Sleepable.Length), out var plain))
            {
                string form = e.Type + plain.Form.Substring(plain.Form.IndexOfAny(new[] { '/', '[' }));
                target = (form, "sleepable; " + plain.Meaning, plain.BareToo);
                return true;
            }

            if ((e.Flags & SectionFlags.AttachBtf) != 0)
            {
                target = (e.Type + "/TARGET", "TARGET: a BTF attach target in the kernel, needed at load", false);
                return true;
            }

            return false;
        }

        private static string Describe(string name, SectionEntry e, SectionTarget target, bool custom)
        {
            string attach = e.AttachType == "0" ? "none" : e.AttachTypeName;
            string head = !custom && TryGetTarget(e, out var t)
                ? t.Form + "\n" + t.Meaning
                : e.Match == SectionMatch.Slash || (e.Match == SectionMatch.Plus && name[name.Length - 1] == '/')
                    ? e.Type + "/..." + (custom ? "\nthe text after '/' is for the loader's handler" : "\nlibbpf reads only the type; the text after '/' is yours")
                    : name;
            string sleepable = (e.Flags & SectionFlags.Sleepable) != 0 && head.IndexOf("sleepable", StringComparison.Ordinal) < 0 ? "\nsleepable" : "";
            string origin = custom
                ? "custom section ([assembly: BpfCustomSection(\"" + e.Section + "\")]), registered with libbpf_register_prog_handler()"
                : "libbpf " + target.Version.ToString();
            return head + sleepable + "\nprogram type: " + e.ProgTypeName + ", attach type: " + attach + "\n" + origin;
        }
    }
}
