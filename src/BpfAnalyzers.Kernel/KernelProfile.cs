using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BpfAnalyzers.Kernel
{
    /// <summary>A profile that is not one this reader can read: the message says which profile, which line and why.</summary>
    public sealed class KernelProfileFormatException : Exception
    {
        public KernelProfileFormatException(string message)
            : base(message)
        {
        }
    }

    /// <summary>
    /// What one kernel build has that BPF section names point to, read from its BTF (and, when the source has them, its
    /// tracefs events and kallsyms): a <c>.bpfkernel</c> file. Line-oriented text, so a profile diffs and reviews as
    /// text and an analyzer can read it as an additional file (a binary one is csc error CS2015):
    /// <code>
    /// # bpfkernel 1
    /// name debian12
    /// release 6.1.0-37-amd64
    /// arch x86_64
    /// parts prog_types attach_types funcs btf_trace lsm iter struct_ops
    ///
    /// [funcs]
    /// do_unlinkat
    /// nf_conntrack:nf_confirm
    /// </code>
    /// One name per line under its part, sorted; a name from a module is <c>MODULE:NAME</c> (as libbpf 1.5 writes
    /// <c>fentry/MODULE:FUNC</c>). <c>parts</c> says which parts the source had: a part that is absent is unknown (no
    /// finding), never empty.
    /// </summary>
    public sealed class KernelProfile
    {
        /// <summary>The first line of every profile of this format version.</summary>
        public const string FormatLine = "# bpfkernel 1";

        public const string ProgTypes = "prog_types";
        public const string AttachTypes = "attach_types";
        public const string Funcs = "funcs";
        public const string BtfTrace = "btf_trace";
        public const string Lsm = "lsm";
        public const string Iter = "iter";
        public const string StructOps = "struct_ops";
        public const string Events = "events";
        public const string Kallsyms = "kallsyms";
        public const string SyscallPrefix = "syscall_prefix";

        /// <summary>Every part a profile may have, in the order they are written.</summary>
        public static IReadOnlyList<string> AllParts { get; } = new[] { ProgTypes, AttachTypes, Funcs, BtfTrace, Lsm, Iter, StructOps, Events, Kallsyms, SyscallPrefix };

        private readonly Dictionary<string, NameSet> _parts;

        internal KernelProfile(string name, string release, string arch, Dictionary<string, NameSet> parts)
        {
            Name = name;
            Release = release;
            Arch = arch;
            _parts = parts;
        }

        /// <summary>A profile of the builder's names: in each part, a bare key marked vmlinux and every MODULE:NAME key are written.</summary>
        internal KernelProfile(string name, string release, string arch, Dictionary<string, Dictionary<string, string>> parts)
            : this(name, release, arch, Compact(parts))
        {
        }

        private static Dictionary<string, NameSet> Compact(Dictionary<string, Dictionary<string, string>> parts)
        {
            var compact = new Dictionary<string, NameSet>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, Dictionary<string, string>> part in parts)
            {
                var written = new List<string>();
                foreach (KeyValuePair<string, string> n in part.Value)
                {
                    if (n.Value == "vmlinux" || n.Key.IndexOf(':') >= 0)
                    {
                        written.Add(n.Key);
                    }
                }

                compact.Add(part.Key, NameSet.Of(written));
            }

            return compact;
        }

        /// <summary>What messages call the kernel: <c>debian12</c>, or its release.</summary>
        public string Name { get; }

        /// <summary><c>uname -r</c> of the build: <c>6.1.0-37-amd64</c>.</summary>
        public string Release { get; }

        /// <summary><c>x86_64</c>, <c>aarch64</c>, ...</summary>
        public string Arch { get; }

        /// <summary>True when the source had <paramref name="part"/>: only then can a name be missing from it.</summary>
        public bool Has(string part) => _parts.ContainsKey(part);

        /// <summary>How many names <paramref name="part"/> holds (0 when absent); a module's counts once, as MODULE:NAME.</summary>
        public int Count(string part) => _parts.TryGetValue(part, out NameSet? names) ? names.Count : 0;

        /// <summary>
        /// Where <paramref name="name"/> is in <paramref name="part"/>: <c>vmlinux</c>, a module's name, or null when the
        /// profile has the part and not the name. A <c>MODULE:NAME</c> is looked up in that module only (libbpf 1.5's
        /// form). Throws when the part is absent: ask <see cref="Has"/> first.
        /// </summary>
        public string? Find(string part, string name) => _parts[part].Find(name);

        /// <summary>Every name of <paramref name="part"/> as written (<c>MODULE:NAME</c> for a module's), sorted.</summary>
        public IReadOnlyList<string> Names(string part) =>
            _parts.TryGetValue(part, out NameSet? names) ? names.Written() : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>
        /// Every name of <paramref name="part"/> without a module prefix (vmlinux's, and each module's once), unsorted; with
        /// <paramref name="prefix"/>, only those that start with it (completion filters before any string is made).
        /// </summary>
        public IEnumerable<string> BareNames(string part, string prefix = "") =>
            _parts.TryGetValue(part, out NameSet? names) ? names.Bare(prefix) : Array.Empty<string>();

        /// <summary>The profile as text, in the format <see cref="Parse"/> reads.</summary>
        public string Write()
        {
            var sb = new StringBuilder();
            sb.Append(FormatLine).Append('\n');
            sb.Append("# A kernel profile for BpfAnalyzers (docs/kernel-profiles.md): what this kernel build has that BPF section names point to.\n");
            sb.Append("name ").Append(Name).Append('\n');
            sb.Append("release ").Append(Release).Append('\n');
            sb.Append("arch ").Append(Arch).Append('\n');
            sb.Append("parts");
            foreach (string part in AllParts)
            {
                if (Has(part))
                {
                    sb.Append(' ').Append(part);
                }
            }

            sb.Append('\n');
            foreach (string part in AllParts)
            {
                if (!Has(part))
                {
                    continue;
                }

                sb.Append('\n').Append('[').Append(part).Append("]\n");
                foreach (string name in Names(part))
                {
                    sb.Append(name).Append('\n');
                }
            }

            return sb.ToString();
        }

        /// <summary>Reads a profile; <paramref name="source"/> names it in errors. Never reads past a bad line.</summary>
        public static KernelProfile Parse(string text, string source)
        {
            if (text.Length == 0)
            {
                throw new KernelProfileFormatException($"{source}: empty, where a kernel profile starts with '{FormatLine}'");
            }

            int lineNo = 0, pos = 0;
            string? Next()
            {
                if (pos >= text.Length)
                {
                    return null;
                }

                int nl = text.IndexOf('\n', pos);
                string line = nl < 0 ? text.Substring(pos) : text.Substring(pos, nl - pos);
                pos = nl < 0 ? text.Length : nl + 1;
                lineNo++;
                return line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line;
            }

            // The first line decides, read no further than it can be long: a huge file of junk fails here.
            int firstEnd = text.IndexOf('\n', 0, Math.Min(text.Length, 256));
            string first = (firstEnd < 0 ? text.Substring(0, Math.Min(text.Length, 256)) : text.Substring(0, firstEnd)).TrimEnd('\r');
            if (first != FormatLine || firstEnd < 0 && text.Length > FormatLine.Length + 1)
            {
                throw new KernelProfileFormatException(first.StartsWith("# bpfkernel ", StringComparison.Ordinal)
                    ? $"{source}: format '{first.Substring(2)}', where this BpfAnalyzers reads '{FormatLine.Substring(2)}': make the profile again with this release's bpf-sections"
                    : $"{source}: not a kernel profile (its first line is not '{FormatLine}'){(LooksBinary(first) ? "; it looks binary: raw BTF goes through bpf-sections kernel profile --btf FILE first" : string.Empty)}");
            }

            Next();
            string? name = null, release = null, arch = null;
            HashSet<string>? declared = null;
            var parts = new Dictionary<string, NameSet>(StringComparer.Ordinal);
            NameSet.Builder? current = null;
            string? currentPart = null;
            for (string? line = Next(); line is not null; line = Next())
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (LooksBinary(line))
                {
                    throw new KernelProfileFormatException($"{source}:{lineNo}: a control character: not a text profile");
                }

                if (line[0] == '[')
                {
                    string part = line.Length > 2 && line[line.Length - 1] == ']' ? line.Substring(1, line.Length - 2) : string.Empty;
                    if (declared is null || !declared.Contains(part) || parts.ContainsKey(part) || part == currentPart)
                    {
                        throw new KernelProfileFormatException($"{source}:{lineNo}: part '{line}' is not one the 'parts' line declares, or comes twice");
                    }

                    if (current is not null)
                    {
                        parts.Add(currentPart!, current.Build());
                        current.Reset();
                    }

                    current ??= new NameSet.Builder(text.Length - pos);
                    currentPart = part;
                    pos = current.AddLines(text, pos, ref lineNo, out int badStart, out int badEnd);
                    if (badStart >= 0)
                    {
                        string bad = text.Substring(badStart, badEnd - badStart);
                        throw new KernelProfileFormatException(LooksBinary(bad)
                            ? $"{source}:{lineNo}: a control character: not a text profile"
                            : bad.IndexOf(' ') >= 0 || bad.IndexOf('\t') >= 0
                                ? $"{source}:{lineNo}: '{Cut(bad)}' is not one name"
                                : $"{source}:{lineNo}: '{Cut(bad)}' holds a character no kernel name has (names are printable ASCII)");
                    }

                    continue;
                }

                if (current is null)
                {
                    int space = line.IndexOf(' ');
                    string key = space < 0 ? line : line.Substring(0, space), value = space < 0 ? string.Empty : line.Substring(space + 1);
                    switch (key)
                    {
                        case "name": name = value; break;
                        case "release": release = value; break;
                        case "arch": arch = value; break;
                        case "parts":
                            declared = new HashSet<string>(value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                            foreach (string p in declared)
                            {
                                if (Array.IndexOf((string[])AllParts, p) < 0)
                                {
                                    throw new KernelProfileFormatException($"{source}:{lineNo}: unknown part '{p}' (known: {string.Join(", ", AllParts)})");
                                }
                            }

                            break;
                        default:
                            throw new KernelProfileFormatException($"{source}:{lineNo}: '{Cut(line)}' is no header line (name, release, arch, parts)");
                    }

                    continue;
                }

                // Inside a part AddLines reads every line up to the next '[': nothing else reaches here.
                throw new KernelProfileFormatException($"{source}:{lineNo}: '{Cut(line)}' is not one name");
            }

            if (current is not null)
            {
                parts.Add(currentPart!, current.Build());
            }

            if (declared is null || release is null || arch is null)
            {
                throw new KernelProfileFormatException($"{source}: the header lacks {(release is null ? "'release'" : arch is null ? "'arch'" : "'parts'")}: truncated, or not made by bpf-sections");
            }

            foreach (string p in declared)
            {
                if (!parts.ContainsKey(p))
                {
                    throw new KernelProfileFormatException($"{source}: the 'parts' line declares '{p}', and the file has no [{p}]: truncated");
                }
            }

            return new KernelProfile(name ?? release, release, arch, parts);
        }

        private static bool LooksBinary(string line)
        {
            foreach (char c in line)
            {
                if (c < ' ' && c != '\t')
                {
                    return true;
                }
            }

            return false;
        }

        private static string Cut(string s) => s.Length <= 60 ? s : s.Substring(0, 60) + "…";

        /// <summary>For messages: <c>debian12 (6.1.0-37-amd64)</c>.</summary>
        public override string ToString() => Name == Release ? Name : string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Name, Release);
    }
}
