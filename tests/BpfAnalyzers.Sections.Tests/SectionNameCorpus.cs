using System;
using System.Collections.Generic;
using System.Linq;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// A deterministic corpus of section names for differential tests, robustness tests and benchmarks: every
    /// entry of every release's table, bare, with a trailing <c>/</c> and with realistic attach targets, then
    /// systematic and random mutations of those (typos, case, separators, prefixes and suffixes, a leading
    /// <c>?</c>, whitespace, non-ASCII, embedded NULs, very long names). The same seed gives the same names in
    /// the same order on every machine and runtime (the generator is SplitMix64, not <see cref="Random"/>, whose
    /// seeded sequence .NET does not promise to keep).
    /// </summary>
    /// <remarks>
    /// Names with an embedded NUL are included on purpose: libbpf sees a C string cut at the first NUL, and
    /// the resolver models that, so callers must pass such names to libbpf byte for byte.
    /// </remarks>
    internal static class SectionNameCorpus
    {
        public const ulong Seed = 0x5EC710B5_20240611UL;

        /// <summary>How many names <see cref="Build"/> returns.</summary>
        public const int Size = 200_000;

        /// <summary>Realistic attach targets, by the kind of program (<c>attach_kprobe()</c>, <c>attach_uprobe()</c>, ...).</summary>
        private static readonly string[] s_kprobeTargets = { "do_sys_open", "do_sys_open+0x10", "tcp_v4_connect", "__x64_sys_openat", "foo-bar", "vfs_read+16" };
        private static readonly string[] s_kprobeMultiTargets = { "tcp_*", "bpf_fentry_test?", "vfs_*", "*" };
        private static readonly string[] s_syscallTargets = { "openat", "execve", "bpf" };
        private static readonly string[] s_uprobeTargets = { "/bin/bash:readline", "/usr/lib/x86_64-linux-gnu/libc.so.6:malloc+16", "libc.so.6:free", "/proc/self/exe:main", "./a.out" };
        private static readonly string[] s_usdtTargets = { "./a.out:p:n", "/usr/lib/libc.so.6:libc:setjmp", "libc:setjmp", "/usr/bin/python3:python:function__entry" };
        private static readonly string[] s_tracepointTargets = { "sched/sched_switch", "syscalls/sys_enter_openat", "net/netif_receive_skb", "sched" };
        private static readonly string[] s_rawTracepointTargets = { "sys_enter", "sched_switch", "bpf_test_finish" };
        private static readonly string[] s_btfTargets = { "do_unlinkat", "bpf_fentry_test1", "bpf_modify_return_test", "sched_switch", "task_newtask" };
        private static readonly string[] s_lsmTargets = { "file_open", "bprm_check_security", "socket_bind" };
        private static readonly string[] s_iterTargets = { "task", "bpf_map_elem", "tcp", "cgroup" };
        private static readonly string[] s_structOpsTargets = { "dctcp_init", "bpf_dctcp_init", "test_1" };
        private static readonly string[] s_genericTargets = { "x", "foo/bar", "devmap", "cpumap", "ingress" };

        /// <summary>Characters typos insert and substitute: separators, ASCII, and the non-ASCII that trips case folding.</summary>
        private static readonly string[] s_typoChars =
        {
            "_", "/", ".", "-", "+", "?", ":", " ", "a", "e", "s", "x", "0", "4", "6", "A", "P", "X",
            "\0", "\t", "\u007f", "\u00e9", "\u0131", "\u017f", "\u212a", "\uff58", "\ud83d\ude00", "\ud800",
        };

        private static readonly string[] s_suffixes =
        {
            "blah", "_devmap_omg", "/", "//", "+", "s", "_", ".", "-", "0", " ", "\n", "\0", "\0blah", "/x", ".s", ".w",
            ".multi", ".frags", "/devmap", "/cpumap", "/ingress", "_unix", "4", "6", ".session", "\u00e9", "/\u00e9",
        };

        private static readonly string[] s_prefixes = { "?", "??", " ", "\t", "x", "/", ".", "_", "\0", "SEC(", "\u00e9", "\ufeff" };

        private static readonly char[] s_separators = { '_', '/', '.', '-' };

        private static readonly string[] s_specials =
        {
            string.Empty, "/", "?", "+", "//", "?/", " ", "\0", "\0xdp", "?\0", "SEC(\"xdp\")", "xdp xdp", "\u00e9", "\ud83d\ude00",
            "\uff58\uff44\uff50", "XDP", "Xdp", "kPROBE/do_sys_open", "user", "user/", "user/foo", "userargh", "InvAliD", "cgroup",
        };

        /// <summary>The corpus: <see cref="Size"/> distinct names, always the same ones in the same order.</summary>
        public static IReadOnlyList<string> Build()
        {
            var corpus = new OrderedSet();
            foreach (string s in s_specials)
            {
                corpus.Add(s);
            }

            List<string> types = EntryNames();
            List<string> seeds = Seeds(types);
            foreach (string s in seeds)
            {
                corpus.Add(s);
                corpus.Add("?" + s);
            }

            foreach (string s in types)
            {
                SingleEdits(s, corpus);
            }

            foreach (string s in seeds)
            {
                Variants(s, corpus);
            }

            foreach (string s in LongNames())
            {
                corpus.Add(s);
            }

            int systematic = corpus.Count;
            if (systematic > Size)
            {
                throw new InvalidOperationException($"the systematic part alone holds {systematic} names; raise Size");
            }

            var rng = new SplitMix64(Seed);
            for (int attempts = 0; corpus.Count < Size; attempts++)
            {
                if (attempts > Size * 20)
                {
                    throw new InvalidOperationException("the corpus generator stopped finding new names");
                }

                string name = seeds[rng.Below(seeds.Count)];
                int edits = 1 + rng.Below(3);
                for (int i = 0; i < edits; i++)
                {
                    name = RandomEdit(name, rng);
                }

                corpus.Add(name);
            }

            return corpus.Items.GetRange(0, Size);
        }

        /// <summary>
        /// Every distinct section of every release, as written (<c>kprobe+</c>, <c>xdp_devmap/</c>) and as a
        /// name (<c>kprobe</c>, <c>xdp_devmap</c>), in table order.
        /// </summary>
        public static List<string> EntryNames()
        {
            var names = new OrderedSet();
            foreach (LibbpfVersion v in SectionTable.Releases)
            {
                foreach (SectionEntry e in SectionTable.For(v))
                {
                    names.Add(e.Type);
                    names.Add(e.Section);
                }
            }

            return names.Items;
        }

        private static List<string> Seeds(List<string> types)
        {
            var seeds = new OrderedSet();
            foreach (string type in types)
            {
                seeds.Add(type);
                string bare = type.TrimEnd('+', '/');
                if (bare.Length == 0)
                {
                    continue;
                }

                seeds.Add(bare + "/");
                foreach (string target in TargetsFor(bare))
                {
                    seeds.Add(bare + "/" + target);
                }
            }

            return seeds.Items;
        }

        private static IEnumerable<string> TargetsFor(string type)
        {
            if (type.StartsWith("kprobe.multi", StringComparison.Ordinal) || type.StartsWith("kretprobe.multi", StringComparison.Ordinal))
            {
                return s_kprobeMultiTargets;
            }

            if (type.StartsWith("kprobe", StringComparison.Ordinal) || type.StartsWith("kretprobe", StringComparison.Ordinal))
            {
                return s_kprobeTargets;
            }

            if (type.StartsWith("ksyscall", StringComparison.Ordinal) || type.StartsWith("kretsyscall", StringComparison.Ordinal))
            {
                return s_syscallTargets;
            }

            if (type.StartsWith("uprobe", StringComparison.Ordinal) || type.StartsWith("uretprobe", StringComparison.Ordinal))
            {
                // uprobe//bin/bash:readline: the path keeps its own leading slash.
                return s_uprobeTargets;
            }

            if (type.StartsWith("usdt", StringComparison.Ordinal))
            {
                return s_usdtTargets;
            }

            if (type == "tracepoint" || type == "tp")
            {
                return s_tracepointTargets;
            }

            if (type.StartsWith("raw_tp", StringComparison.Ordinal) || type.StartsWith("raw_tracepoint", StringComparison.Ordinal) || type == "tp_btf")
            {
                return s_rawTracepointTargets;
            }

            if (type.StartsWith("fentry", StringComparison.Ordinal) || type.StartsWith("fexit", StringComparison.Ordinal) ||
                type.StartsWith("fmod_ret", StringComparison.Ordinal) || type.StartsWith("fsession", StringComparison.Ordinal) ||
                type.StartsWith("freplace", StringComparison.Ordinal))
            {
                return s_btfTargets;
            }

            if (type.StartsWith("lsm", StringComparison.Ordinal))
            {
                return s_lsmTargets;
            }

            if (type.StartsWith("iter", StringComparison.Ordinal))
            {
                return s_iterTargets;
            }

            if (type.StartsWith("struct_ops", StringComparison.Ordinal))
            {
                return s_structOpsTargets;
            }

            return s_genericTargets;
        }

        /// <summary>Every single insertion, deletion, substitution and transposition over <see cref="s_typoChars"/>.</summary>
        private static void SingleEdits(string s, OrderedSet corpus)
        {
            for (int i = 0; i < s.Length; i++)
            {
                corpus.Add(s.Remove(i, 1));
                if (i + 1 < s.Length)
                {
                    corpus.Add(s.Substring(0, i) + s[i + 1] + s[i] + s.Substring(i + 2));
                }

                foreach (string c in s_typoChars)
                {
                    corpus.Add(s.Substring(0, i) + c + s.Substring(i + 1));
                }
            }

            for (int i = 0; i <= s.Length; i++)
            {
                foreach (string c in s_typoChars)
                {
                    corpus.Add(s.Insert(i, c));
                }
            }
        }

        /// <summary>Case, separators, prefixes, suffixes and padding of one seed.</summary>
        private static void Variants(string s, OrderedSet corpus)
        {
            corpus.Add(s.ToUpperInvariant());
            if (s.Length > 0)
            {
                corpus.Add(char.ToUpperInvariant(s[0]) + s.Substring(1));
            }

            for (int i = 0; i < s.Length && i < 24; i++)
            {
                char c = s[i];
                char flipped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
                if (flipped != c)
                {
                    corpus.Add(s.Substring(0, i) + flipped + s.Substring(i + 1));
                }
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (Array.IndexOf(s_separators, s[i]) < 0)
                {
                    continue;
                }

                foreach (char sep in s_separators)
                {
                    if (sep != s[i])
                    {
                        corpus.Add(s.Substring(0, i) + sep + s.Substring(i + 1));
                    }
                }
            }

            foreach (char sep in s_separators)
            {
                corpus.Add(new string(s.Select(c => Array.IndexOf(s_separators, c) >= 0 ? sep : c).ToArray()));
            }

            foreach (string suffix in s_suffixes)
            {
                corpus.Add(s + suffix);
            }

            foreach (string prefix in s_prefixes)
            {
                corpus.Add(prefix + s);
            }

            corpus.Add(" " + s + " ");
            corpus.Add("\t" + s + "\n");
            corpus.Add(s + "\r\n");
            corpus.Add(s + "\u00a0");
        }

        private static IEnumerable<string> LongNames()
        {
            foreach (int length in new[] { 31, 32, 255, 256, 4096, 65536, 1 << 20 })
            {
                yield return new string('a', length);
                yield return "kprobe/" + new string('a', length);
                yield return "xdp" + new string('a', length);
                yield return "uprobe//" + new string('b', length) + ":f";
            }

            yield return string.Concat(Enumerable.Repeat("kprobe/", 2000));
            yield return string.Concat(Enumerable.Repeat("\u00e9", 10000));
        }

        private static string RandomEdit(string s, SplitMix64 rng)
        {
            int op = rng.Below(14);
            int at = rng.Below(s.Length + 1);
            string c = s_typoChars[rng.Below(s_typoChars.Length)];
            switch (op)
            {
                case 0:
                case 1:
                    return s.Insert(at, c);
                case 2:
                    return at < s.Length ? s.Remove(at, 1) : s + c;
                case 3:
                case 4:
                    return at < s.Length ? s.Substring(0, at) + c + s.Substring(at + 1) : s + c;
                case 5:
                    return at + 1 < s.Length ? s.Substring(0, at) + s[at + 1] + s[at] + s.Substring(at + 2) : c + s;
                case 6:
                    int sep = s.IndexOfAny(s_separators, at < s.Length ? at : 0);
                    return sep < 0 ? s + s_separators[rng.Below(4)] : s.Substring(0, sep) + s_separators[rng.Below(4)] + s.Substring(sep + 1);
                case 7:
                    return at < s.Length ? s.Substring(0, at) + ToggleCase(s[at]) + s.Substring(at + 1) : s.ToUpperInvariant();
                case 8:
                    return s + s_suffixes[rng.Below(s_suffixes.Length)];
                case 9:
                    return s_prefixes[rng.Below(s_prefixes.Length)] + s;
                case 10:
                    return s.Substring(0, at);
                case 11:
                    return s.Insert(at, "\0");
                case 12:
                    int slash = s.IndexOf('/');
                    return slash < 0 ? s + "/" + s : s.Substring(0, slash + 1) + s;
                default:
                    return new string(' ', rng.Below(3)) + s + new string(' ', rng.Below(3));
            }
        }

        private static char ToggleCase(char c) => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);

        /// <summary>Distinct strings in the order they were first added.</summary>
        private sealed class OrderedSet
        {
            private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

            public List<string> Items { get; } = new List<string>();

            public int Count => Items.Count;

            public void Add(string s)
            {
                if (_seen.Add(s))
                {
                    Items.Add(s);
                }
            }
        }

        /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, and the same sequence everywhere.</summary>
        private sealed class SplitMix64
        {
            private ulong _state;

            public SplitMix64(ulong seed) => _state = seed;

            public int Below(int n)
            {
                ulong z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (int)(z % (ulong)n);
            }
        }
    }
}
