using System;
using System.Collections.Generic;
using System.Text;
using BpfAnalyzers.Kernel;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// The attach target against the kernels the project ships to (their profiles, <see cref="KernelProfile"/>): what
    /// libbpf looks up for the section, where, and what it prints when the target is missing. A kernel whose profile
    /// lacks the part a lookup needs is not judged (unknown, not missing).
    /// </summary>
    public static class KernelTargetRules
    {
        /// <summary>The libbpf release that reads <c>MODULE:FUNC</c> (find_kernel_btf_id()).</summary>
        private static readonly LibbpfVersion s_moduleForm = new(1, 5);

        /// <summary>The libbpf release whose kprobe.multi hands an exact name (no wildcard) to the kernel unresolved.</summary>
        private static readonly LibbpfVersion s_exactMultiName = new(1, 7);

        private const int MaxFixes = 3;

        internal static Finding? Check(string name, in SectionResolution r, LibbpfSetup libbpf, string program, IReadOnlyList<KernelProfile> kernels)
        {
            if (kernels.Count == 0 || r.Entry is not SectionEntry e || e.IsCustom || r.IsLegacyPrefix)
            {
                return null;
            }

            bool optional = r.NameStart > 0;
            string display = ProgramSectionRules.Display(name);
            if (TypeMissing(e, kernels) is (string what, string value, string enumName, List<KernelProfile> lacking))
            {
                return optional
                    ? Optional(libbpf, display, lacking, $"no {what} '{value}'")
                    : new Finding(Rules.KernelLacksProgramType, new[] { libbpf.ToString(), display, Kernels(lacking, kernels), what, value, enumName }, waivedBy: LoaderWaiver.SetsType);
            }

            if (Lookup(e, r, libbpf) is not (string part, string wanted, string thing, bool loadFails))
            {
                return null;
            }

            var missing = new List<KernelProfile>();
            int judged = 0;
            foreach (KernelProfile k in kernels)
            {
                if (Present(k, part, wanted, e) is bool present)
                {
                    judged++;
                    if (!present)
                    {
                        missing.Add(k);
                    }
                }
            }

            if (missing.Count == 0)
            {
                return e.AttachFunction == AttachFunction.Kprobe ? BtfHint(name, r, libbpf, wanted, display, kernels) : null;
            }

            bool glob = IsMulti(e) && IsGlob(wanted);
            string reason = glob
                ? $"no {thing} matching '{wanted}' is in {(missing.Count == 1 ? "its" : "their")} {Where(part)}"
                : $"{thing} '{wanted}' is not in {(missing.Count == 1 ? "its" : "their")} {Where(part)}";
            if (optional)
            {
                return Optional(libbpf, display, missing, reason);
            }

            int targetStart = r.AttachTargetStart;
            string prefix = name.Substring(0, targetStart);
            var fixes = new List<string>();
            if (missing.Count < judged && libbpf.SupportsNoAutoload)
            {
                // Present on some kernels: the loader can make it optional and turn it on where it works.
                fixes.Add("?" + name);
            }

            foreach (string near in OnEach(glob ? Array.Empty<string>() : Candidates(missing[0], part, wanted, e), missing, MaxFixes - fixes.Count, (k, n) => Present(k, part, n, e) != false))
            {
                fixes.Add(prefix + near + Tail(r, wanted));
            }

            string didYouMean = fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes) + "?";
            string says = loadFails
                ? LibbpfAttachMessages.BtfTypeNotFound(program, wanted, "ESRCH", 3, libbpf.Version)
                : Prints(e, program, wanted, libbpf, missing[0]);
            int start = targetStart;
            int length = Math.Max(1, wanted.Length);
            return loadFails
                ? new Finding(Rules.KernelLacksBtfTarget, new[] { libbpf.ToString(), display, Kernels(missing, kernels), reason, says, didYouMean }, fixes, start, length, LoaderWaiver.SetsAttachTarget)
                : new Finding(Rules.KernelLacksAttachTarget, new[] { libbpf.ToString(), display, Kernels(missing, kernels), reason, says, didYouMean }, fixes, start, length, LoaderWaiver.AttachesInCode);
        }

        /// <summary>
        /// A struct_ops map of C struct <paramref name="cStruct"/> (in <c>.struct_ops</c> and its forms): libbpf's
        /// <c>find_struct_ops_kern_types()</c> needs <c>struct bpf_struct_ops_T</c> in the kernel's BTF, vmlinux only before
        /// 1.5, then modules too. Missing: BPF0026, the open fails. Kernels whose profile lacks the part are not judged.
        /// </summary>
        internal static Finding? CheckStructOps(string display, string cStruct, LibbpfSetup libbpf, IReadOnlyList<KernelProfile> kernels)
        {
            bool modules = libbpf.Version >= s_moduleForm;
            var lacking = new List<KernelProfile>();
            foreach (KernelProfile k in kernels)
            {
                if (k.Has(KernelProfile.StructOps) && k.Find(KernelProfile.StructOps, modules ? cStruct : "vmlinux:" + cStruct) is null)
                {
                    lacking.Add(k);
                }
            }

            if (lacking.Count == 0)
            {
                return null;
            }

            List<string> near = OnEach(Nearest(lacking[0], KernelProfile.StructOps, cStruct, s_structOpsEntry), lacking, MaxFixes, (k, n) => k.Find(KernelProfile.StructOps, modules ? n : "vmlinux:" + n) is not null);

            // libbpf up to 1.6 looks up struct T first, 1.7 struct bpf_struct_ops_T first; with no struct T at all both
            // fail at their first lookup (a T that is no struct_ops type fails 1.6's second one, naming bpf_struct_ops_T).
            string says = libbpf.Version >= s_exactMultiName
                ? $"struct_ops init_kern: struct bpf_struct_ops_{cStruct} is not found in kernel BTF"
                : $"struct_ops init_kern: struct {cStruct} is not found in kernel BTF";
            string reason = $"struct_ops type '{cStruct}' (struct bpf_struct_ops_{cStruct}) is not in {(lacking.Count == 1 ? "its" : "their")} BTF ({(modules ? "vmlinux and modules" : "vmlinux: libbpf before 1.5 does not search modules")})";
            string nearest = near.Count == 0 ? string.Empty : "; the kernel's struct_ops types nearest it: " + Quoted(near);
            return new Finding(Rules.KernelLacksBtfTarget, new[] { libbpf.ToString(), display, Kernels(lacking, kernels), reason, says, nearest });
        }

        // Nearest() asks the entry only whether it is ksyscall: any non-ksyscall entry serves for struct names.
        private static readonly SectionEntry s_structOpsEntry = new("struct_ops", SectionMatch.Exact, "BPF_PROG_TYPE_STRUCT_OPS", "0", SectionFlags.None);

        /// <summary>
        /// BPF0030: a kprobe target that kernels whose profile has no kallsyms (made from BTF alone) lack among their BTF
        /// functions. BTF misses some text symbols kprobes attach to, so this is a hint, with the nearest BTF names.
        /// </summary>
        private static Finding? BtfHint(string name, in SectionResolution r, LibbpfSetup libbpf, string wanted, string display, IReadOnlyList<KernelProfile> kernels)
        {
            var lacking = new List<KernelProfile>();
            foreach (KernelProfile k in kernels)
            {
                if (!k.Has(KernelProfile.Kallsyms) && k.Has(KernelProfile.Funcs) && k.Find(KernelProfile.Funcs, wanted) is null)
                {
                    lacking.Add(k);
                }
            }

            if (lacking.Count == 0)
            {
                return null;
            }

            string prefix = name.Substring(0, r.AttachTargetStart);
            var fixes = new List<string>();
            foreach (string near in OnEach(Nearest(lacking[0], KernelProfile.Funcs, wanted, r.Entry!), lacking, MaxFixes, (k, n) => k.Find(KernelProfile.Funcs, n) is not null))
            {
                fixes.Add(prefix + near + Tail(r, wanted));
            }

            string didYouMean = fixes.Count == 0 ? string.Empty : "; did you mean " + Quoted(fixes) + "?";
            return new Finding(
                Rules.KprobeTargetNotInBtf,
                new[] { libbpf.ToString(), display, wanted, Kernels(lacking, kernels), didYouMean },
                fixes,
                r.AttachTargetStart,
                Math.Max(1, wanted.Length),
                LoaderWaiver.AttachesInCode);
        }

        /// <summary>The program or attach type a kernel lacks, and which kernels lack it.</summary>
        private static (string What, string Value, string Enum, List<KernelProfile> Lacking)? TypeMissing(SectionEntry e, IReadOnlyList<KernelProfile> kernels)
        {
            var lacking = new List<KernelProfile>();
            foreach (KernelProfile k in kernels)
            {
                if (k.Has(KernelProfile.ProgTypes) && k.Find(KernelProfile.ProgTypes, e.ProgTypeName) is null)
                {
                    lacking.Add(k);
                }
            }

            if (lacking.Count > 0)
            {
                return ("program type", e.ProgTypeName, "prog_type", lacking);
            }

            if (e.AttachType == "0")
            {
                return null;
            }

            foreach (KernelProfile k in kernels)
            {
                if (k.Has(KernelProfile.AttachTypes) && k.Find(KernelProfile.AttachTypes, e.AttachTypeName) is null)
                {
                    lacking.Add(k);
                }
            }

            return lacking.Count > 0 ? ("attach type", e.AttachTypeName, "attach_type", lacking) : null;
        }

        /// <summary>
        /// What libbpf looks up for the name: the profile part, the name there, what it is in words, and whether a missing one
        /// fails the load (BTF, at load) or only auto-attach. Null when the kernel can say nothing of it.
        /// </summary>
        private static (string Part, string Wanted, string Thing, bool LoadFails)? Lookup(SectionEntry e, in SectionResolution r, LibbpfSetup libbpf)
        {
            string? t = r.AttachTarget;
            if (t is null || t.Length == 0)
            {
                return null;
            }

            // 'module:func' before 1.5 is BPF0016's: that release looks the whole string up.
            if ((e.Flags & SectionFlags.AttachBtf) != 0 && t.IndexOf(':') >= 0 && libbpf.Version < s_moduleForm)
            {
                return null;
            }

            if (PartOf(e) is not string part)
            {
                return null;
            }

            if (e.AttachFunction == AttachFunction.Kprobe)
            {
                int plus = t.IndexOf('+');
                t = plus < 0 ? t : t.Substring(0, plus);
                if (t.Length == 0)
                {
                    return null;
                }
            }

            bool loadFails = (e.Flags & SectionFlags.AttachBtf) != 0;
            string thing = part switch
            {
                KernelProfile.BtfTrace => loadFails ? "tracepoint" : "raw tracepoint",
                KernelProfile.Lsm => "LSM hook",
                KernelProfile.Iter => "iterator",
                KernelProfile.Events => "tracepoint",
                _ => e.AttachFunction == AttachFunction.Ksyscall ? "system call" : "kernel function",
            };
            return (part, t, thing, loadFails);
        }

        /// <summary>
        /// The profile part libbpf looks <paramref name="e"/>'s target up in, or null when no kernel can say: by the BTF
        /// lookup's attach type (<c>btf_get_kernel_prefix_kind()</c>), else by the row's attach function. Completion offers
        /// the same part's names.
        /// </summary>
        public static string? PartOf(SectionEntry e)
        {
            if ((e.Flags & SectionFlags.AttachBtf) != 0)
            {
                // freplace's target is a function of another BPF program.
                return e.Type == "freplace" ? null : e.AttachType switch
                {
                    "BPF_TRACE_RAW_TP" => KernelProfile.BtfTrace,
                    "BPF_LSM_MAC" or "BPF_LSM_CGROUP" => KernelProfile.Lsm,
                    "BPF_TRACE_ITER" => KernelProfile.Iter,
                    _ => KernelProfile.Funcs,
                };
            }

            if (e.AttachFunction == AttachFunction.RawTracepoint)
            {
                return KernelProfile.BtfTrace;
            }

            if (e.AttachFunction == AttachFunction.Tracepoint)
            {
                return KernelProfile.Events;
            }

            // kprobe.multi and kprobe.session resolve their pattern against kallsyms (0.8-1.2) or
            // available_filter_functions (1.3+), whose names are kallsyms text symbols too.
            return e.AttachFunction == AttachFunction.Kprobe || e.AttachFunction == AttachFunction.Ksyscall ||
                   IsMulti(e) ? KernelProfile.Kallsyms : null;
        }

        /// <summary>True, false, or null when the profile cannot tell (it lacks the part).</summary>
        private static bool? Present(KernelProfile k, string part, string wanted, SectionEntry e)
        {
            if (!k.Has(part))
            {
                return null;
            }

            if (e.AttachFunction == AttachFunction.Ksyscall)
            {
                // attach_ksyscall(): the arch wrapper (__x64_sys_X), or __se_sys_X where the wrapper probe fails.
                foreach (string wrapper in k.Names(KernelProfile.SyscallPrefix))
                {
                    if (k.Find(part, wrapper + wanted) is not null)
                    {
                        return true;
                    }
                }

                return k.Find(part, "__se_sys_" + wanted) is not null;
            }

            if (IsMulti(e) && IsGlob(wanted))
            {
                // glob_match(): '*' any run, '?' any one character; names with the part before the first wildcard only.
                int wild = wanted.IndexOfAny(s_wildcards);
                foreach (string candidate in k.BareNames(part, wanted.Substring(0, wild)))
                {
                    if (GlobMatch(candidate, 0, wanted, 0))
                    {
                        return true;
                    }
                }

                return false;
            }

            return k.Find(part, wanted) is not null;
        }

        private static readonly char[] s_wildcards = { '*', '?' };

        private static bool IsMulti(SectionEntry e) => e.AttachFunction == AttachFunction.KprobeMulti || e.AttachFunction == AttachFunction.KprobeSession;

        private static bool IsGlob(string pattern) => pattern.IndexOfAny(s_wildcards) >= 0;

        /// <summary>libbpf's <c>glob_match()</c>, character for character.</summary>
        internal static bool GlobMatch(string str, int s, string pat, int p)
        {
            while (s < str.Length && p < pat.Length && pat[p] != '*')
            {
                if (pat[p] != '?' && str[s] != pat[p])
                {
                    return false;
                }

                s++;
                p++;
            }

            if (p < pat.Length && pat[p] == '*')
            {
                while (p < pat.Length && pat[p] == '*')
                {
                    p++;
                }

                if (p == pat.Length)
                {
                    return true;
                }

                while (s < str.Length)
                {
                    if (GlobMatch(str, s++, pat, p))
                    {
                        return true;
                    }
                }
            }

            return s == str.Length && p == pat.Length;
        }

        /// <summary>
        /// The first <paramref name="max"/> of <paramref name="candidates"/> (nearest first) that every kernel of
        /// <paramref name="lacking"/> has: a fix must hold on each kernel that lacks the name written.
        /// </summary>
        private static List<string> OnEach(IEnumerable<string> candidates, List<KernelProfile> lacking, int max, Func<KernelProfile, string, bool> has)
        {
            var found = new List<string>();
            foreach (string c in candidates)
            {
                if (found.Count >= max)
                {
                    break;
                }

                if (lacking.TrueForAll(k => has(k, c)))
                {
                    found.Add(c);
                }
            }

            return found;
        }

        /// <summary>
        /// What to write instead of <paramref name="wanted"/>: for libbpf 1.5's <c>MODULE:FUNC</c>, the function where it really
        /// is (<c>OTHER:FUNC</c>, then bare), else the nearest names in that module's form; for a bare name, <see cref="Nearest"/>.
        /// </summary>
        private static IEnumerable<string> Candidates(KernelProfile k, string part, string wanted, SectionEntry e)
        {
            int colon = wanted.IndexOf(':');
            if (colon < 0)
            {
                foreach (string near in Nearest(k, part, wanted, e))
                {
                    yield return near;
                }

                yield break;
            }

            string module = wanted.Substring(0, colon), bare = wanted.Substring(colon + 1);
            if (k.Find(part, bare) is string where)
            {
                // In another module, or in vmlinux: libbpf finds it under that name, and bare (vmlinux first, then modules).
                if (where != "vmlinux")
                {
                    yield return where + ":" + bare;
                }

                yield return bare;
                yield break;
            }

            foreach (string near in Nearest(k, part, bare, e))
            {
                string? at = k.Find(part, near);
                yield return at is null || at == "vmlinux" ? near : (k.Find(part, module + ":" + near) is not null ? module : at) + ":" + near;
            }
        }

        /// <summary>What the kernel has near <paramref name="wanted"/>: known renames, longer names it starts, then typos.</summary>
        private static IEnumerable<string> Nearest(KernelProfile k, string part, string wanted, SectionEntry e)
        {
            var found = new List<string>();
            if (e.AttachFunction == AttachFunction.Ksyscall)
            {
                return found;
            }

            // Renames kernels make: the allocation profiling '_noprof' suffix (6.10), page -> folio.
            foreach (string renamed in new[] { wanted + "_noprof", wanted.EndsWith("_noprof", StringComparison.Ordinal) ? wanted.Substring(0, wanted.Length - 7) : string.Empty, wanted.Replace("page", "folio") })
            {
                if (renamed.Length > 0 && renamed != wanted && k.Find(part, renamed) is not null && !found.Contains(renamed))
                {
                    found.Add(renamed);
                }
            }

            int limit = Math.Min(3, Math.Max(1, wanted.Length / 5));
            var typos = new List<KeyValuePair<int, string>>();
            var longer = new List<string>();
            foreach (string candidate in k.BareNames(part))
            {
                if (candidate.Length > wanted.Length + 1 && candidate.StartsWith(wanted, StringComparison.Ordinal) && candidate[wanted.Length] == '_')
                {
                    longer.Add(candidate);
                }
                else if (Math.Abs(candidate.Length - wanted.Length) <= limit)
                {
                    int d = SectionSuggester.BoundedDistance(wanted, candidate, limit);
                    if (d <= limit)
                    {
                        typos.Add(new KeyValuePair<int, string>(d, candidate));
                    }
                }
            }

            longer.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
            typos.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Value, b.Value));
            foreach (string s in longer)
            {
                if (!found.Contains(s))
                {
                    found.Add(s);
                }
            }

            foreach (KeyValuePair<int, string> t in typos)
            {
                if (!found.Contains(t.Value))
                {
                    found.Add(t.Value);
                }
            }

            return found;
        }

        /// <summary>What follows the looked-up name in the target (a kprobe's <c>+OFFSET</c>), kept by the fix.</summary>
        private static string Tail(in SectionResolution r, string wanted) =>
            r.AttachTarget is string t && t.Length > wanted.Length ? t.Substring(wanted.Length) : string.Empty;

        private static string Prints(SectionEntry e, string program, string wanted, LibbpfSetup libbpf, KernelProfile kernel)
        {
            if (e.AttachFunction == AttachFunction.Ksyscall)
            {
                // attach_ksyscall() probes the arch wrapper of the syscall (__x64_sys_X).
                IReadOnlyList<string> prefixes = kernel.Names(KernelProfile.SyscallPrefix);
                wanted = (prefixes.Count > 0 ? prefixes[0] : "__se_sys_") + wanted;
            }

            if (e.AttachFunction == AttachFunction.Tracepoint)
            {
                int slash = wanted.IndexOf('/');
                return LibbpfAttachMessages.TracepointIdFailed(slash < 0 ? wanted : wanted.Substring(0, slash), slash < 0 ? string.Empty : wanted.Substring(slash + 1), libbpf.Version);
            }

            if (e.AttachFunction == AttachFunction.RawTracepoint)
            {
                return LibbpfAttachMessages.RawTracepointAttachFailed(program, wanted, libbpf.Version);
            }

            if (IsMulti(e))
            {
                // bpf_program__attach_kprobe_multi_opts(): no match is -ENOENT, which only the skeleton reports; from 1.7 an
                // exact name (no wildcard) goes to the kernel unresolved, and the kernel's error is what is reported.
                return !IsGlob(wanted) && libbpf.Version >= s_exactMultiName
                    ? $"prog '{program}': failed to attach: {LibbpfAttachMessages.KernelDependent}"
                    : LibbpfAttachMessages.AutoAttachFailed(program, "ENOENT", 2, libbpf.Version);
            }

            return LibbpfAttachMessages.KprobePerfEventFailed(program, e.Type.StartsWith("kret", StringComparison.Ordinal), wanted + "+0x0", libbpf.Version);
        }

        private static Finding Optional(LibbpfSetup libbpf, string display, List<KernelProfile> lacking, string reason) =>
            new(Rules.OptionalProgramLacksTarget, new[] { libbpf.ToString(), display, Kernels(lacking, lacking), reason });

        private static string Where(string part) => part switch
        {
            KernelProfile.Events => "tracefs events",
            KernelProfile.Kallsyms => "kallsyms",
            _ => "BTF (vmlinux and modules)",
        };

        /// <summary>"kernel debian12 (6.1.0-37-amd64)", or "kernels a and b", and which have it when some do.</summary>
        private static string Kernels(List<KernelProfile> lacking, IReadOnlyList<KernelProfile> all)
        {
            // By name, whatever order the build lists them in.
            lacking = new List<KernelProfile>(lacking);
            lacking.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
            var sb = new StringBuilder(lacking.Count == 1 ? "kernel " : "kernels ");
            for (int i = 0; i < lacking.Count; i++)
            {
                sb.Append(i == 0 ? string.Empty : i == lacking.Count - 1 ? " and " : ", ").Append(lacking[i]);
            }

            if (lacking.Count < all.Count)
            {
                sb.Append(" (").Append(all.Count - lacking.Count).Append(all.Count - lacking.Count == 1 ? " other profile has it)" : " other profiles have it)");
            }

            return sb.ToString();
        }

        private static string Quoted(List<string> names)
        {
            var quoted = new string[names.Count];
            for (int i = 0; i < quoted.Length; i++)
            {
                quoted[i] = "'" + names[i] + "'";
            }

            return string.Join(" or ", quoted);
        }
    }
}
