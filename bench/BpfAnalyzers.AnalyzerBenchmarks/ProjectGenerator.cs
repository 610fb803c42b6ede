using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Writes deterministic C# projects: files of <see cref="MethodsPerFile"/> <c>[BpfSection]</c> methods, each file
    /// inside a larger body of ordinary code (services with loops, LINQ, string formatting, generics, and ordinary
    /// attributes, which the analyzer's Attribute callback also sees). One shared file declares the context type and
    /// a custom section, as a real BPF project does.
    /// </summary>
    internal static class ProjectGenerator
    {
        public const int MethodsPerFile = 100;

        /// <summary>Ordinary classes per file, and methods per ordinary class.</summary>
        private const int ServicesPerFile = 4;
        private const int MethodsPerService = 20;

        /// <summary>Candidates for names libbpf 1.7 (the analyzer's default target) loads as written.</summary>
        private static readonly string[] s_validCandidates =
        {
            "xdp", "xdp.frags", "kprobe/do_sys_openat2", "kretprobe/tcp_v4_connect", "kprobe.multi/tcp_*", "ksyscall/openat",
            "uprobe//bin/bash:readline", "uretprobe//usr/lib/libc.so.6:malloc", "usdt/./a.out:p:n",
            "tracepoint/syscalls/sys_enter_openat", "tp/sched/sched_switch", "raw_tracepoint/sys_enter", "raw_tp/sched_switch",
            "tp_btf/sched_switch", "fentry/do_unlinkat", "fexit/do_unlinkat", "fmod_ret/bpf_modify_return_test", "lsm/file_open",
            "iter/task", "tcx/ingress", "tcx/egress", "socket", "sk_skb/stream_parser", "sk_msg", "sockops", "cgroup_skb/ingress",
            "cgroup/sock_create", "cgroup/connect4", "perf_event", "struct_ops/dctcp_init", "flow_dissector", "sk_lookup",
            "syscall", "user/audit",
        };

        /// <summary>Candidates for wrong names (unknown, not canonical, deprecated under libbpf 1.7).</summary>
        private static readonly string[] s_invalidCandidates = { "xdpblah", "kprobes/do_unlinkat", "cgroup_sock", "kprobe/", "tc" };

        /// <summary>Candidates for unknown names (BPF0001) whose best fix is one code action: what Fix All groups.</summary>
        private static readonly string[] s_unknownCandidates = { "xdpblah", "kprobes/do_unlinkat", "cgroup_sock", "tracepoints/sched/sched_switch" };

        // The rules grow (attach targets, sleepable variants, ...): each candidate is checked against the analyzer as
        // it is now, so the mix stays "valid" and "wrong" by what the analyzer says, not by what this file assumed.
        private static readonly Lazy<NameSets> s_names = new Lazy<NameSets>(() => NameSets.Classify(s_validCandidates, s_invalidCandidates, s_unknownCandidates));

        private static string[] Valid => s_names.Value.Valid;

        private static string[] Invalid => s_names.Value.Invalid;

        private static string[] Unknown => s_names.Value.Unknown;

        /// <summary>What the classification kept and dropped, for the log.</summary>
        public static string Describe() => s_names.Value.ToString();

        /// <summary>One method in <see cref="InvalidEvery"/> has a wrong name in the realistic mix.</summary>
        public const int InvalidEvery = 20;

        /// <summary>The realistic mix: mostly valid names, one in <see cref="InvalidEvery"/> wrong.</summary>
        public static GeneratedProject Mixed(int methods) => Build(methods, "Mix", MixedName);

        /// <summary>Only valid names: a project in its steady state, where every wrong name has been fixed.</summary>
        public static GeneratedProject AllValid(int methods) => Build(methods, "Val", i => Valid[i % Valid.Length]);

        /// <summary>Every name unknown to libbpf: one BPF0001 per method, all fixed by the same Fix All.</summary>
        public static GeneratedProject AllUnknown(int methods) => Build(methods, "Fix", i => Unknown[i % Unknown.Length]);

        /// <summary>The document an editor has open and changes: one file of the realistic mix, with its own names.</summary>
        public static GeneratedFile ChangedDocument(int edit)
        {
            var sb = new StringBuilder();
            sb.Append("// edit ").Append(edit.ToString(CultureInfo.InvariantCulture)).Append('\n');
            AppendFile(sb, "Edited", 0, MethodsPerFile, MixedName);
            return new GeneratedFile("Edited.cs", sb.ToString());
        }

        /// <summary>How many diagnostics the analyzer must report in <see cref="ChangedDocument"/>.</summary>
        public static int ChangedDocumentDiagnostics
        {
            get
            {
                int n = 0;
                for (int i = 0; i < MethodsPerFile; i++)
                {
                    n += s_names.Value.DiagnosticsOf(MixedName(i));
                }

                return n;
            }
        }

        private static string MixedName(int i) =>
            i % InvalidEvery == InvalidEvery - 1 ? Invalid[i / InvalidEvery % Invalid.Length] : Valid[i % Valid.Length];

        private static GeneratedProject Build(int methods, string prefix, Func<int, string> nameOf)
        {
            var files = new List<GeneratedFile> { new GeneratedFile("Shared.cs", SharedFile) };
            int invalid = 0;
            int diagnostics = 0;
            for (int first = 0, file = 0; first < methods; first += MethodsPerFile, file++)
            {
                int count = Math.Min(MethodsPerFile, methods - first);
                var sb = new StringBuilder(64 * 1024);
                AppendFile(sb, prefix + file.ToString(CultureInfo.InvariantCulture), first, count, nameOf);
                files.Add(new GeneratedFile($"{prefix}{file:D5}.cs", sb.ToString()));
                for (int i = first; i < first + count; i++)
                {
                    int expected = s_names.Value.DiagnosticsOf(nameOf(i));
                    invalid += expected > 0 ? 1 : 0;
                    diagnostics += expected;
                }
            }

            return new GeneratedProject(files, methods, invalid, diagnostics);
        }

        internal const string SharedFile = @"using BpfAnalyzers;

[assembly: BpfCustomSection(""user+"")]

namespace Generated
{
    /// <summary>Stands in for the context types a C#-to-BPF toolchain provides.</summary>
    public readonly struct Context
    {
        public Context(int value)
        {
            Value = value;
        }

        public int Value { get; }
    }
}
";

        internal static void AppendFile(StringBuilder sb, string id, int first, int count, Func<int, string> nameOf)
        {
            sb.Append(@"using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using BpfAnalyzers;

namespace Generated.").Append(id).Append(@"
{
    public static class Programs
    {
");
            for (int i = first; i < first + count; i++)
            {
                string n = i.ToString(CultureInfo.InvariantCulture);
                sb.Append("        [BpfSection(\"").Append(nameOf(i)).Append("\")]\n");
                sb.Append("        public static int P").Append(n).Append("(Context ctx) => ctx.Value ^ ").Append(n).Append(";\n\n");
            }

            sb.Append("    }\n");
            for (int s = 0; s < ServicesPerFile; s++)
            {
                AppendService(sb, s);
            }

            sb.Append("}\n");
        }

        /// <summary>Ordinary code: what surrounds BPF programs in a real project, about three times their size.</summary>
        private static void AppendService(StringBuilder sb, int s)
        {
            string name = "Service" + s.ToString(CultureInfo.InvariantCulture);
            sb.Append(@"
    [DebuggerDisplay(""{Name}"")]
    public sealed class ").Append(name).Append(@"<T> where T : IComparable<T>
    {
        private readonly List<T> _items = new List<T>();
        private readonly Dictionary<string, int> _counts = new Dictionary<string, int>(StringComparer.Ordinal);

        public string Name { get; set; } = """).Append(name).Append(@""";

        public int Count => _items.Count;
");
            for (int m = 0; m < MethodsPerService; m++)
            {
                string k = m.ToString(CultureInfo.InvariantCulture);
                switch (m % 4)
                {
                    case 0:
                        sb.Append(@"
        [MethodImpl(MethodImplOptions.NoInlining)]
        public int Sum").Append(k).Append(@"(IEnumerable<int> values)
        {
            int total = ").Append(k).Append(@";
            foreach (int v in values)
            {
                total += v % 7 == 0 ? v * 2 : v;
            }

            return total;
        }
");
                        break;
                    case 1:
                        sb.Append(@"
        public string Describe").Append(k).Append(@"(T item, int depth)
        {
            var text = new StringBuilder();
            for (int i = 0; i < depth; i++)
            {
                text.Append(' ').Append(item?.ToString() ?? ""null"").Append('#').Append(i);
            }

            return $""{Name}:{text}:{depth}"";
        }
");
                        break;
                    case 2:
                        sb.Append(@"
        [Obsolete(""Use Top").Append(k).Append(@"Async"")]
        public IReadOnlyList<T> Top").Append(k).Append(@"(int n) =>
            _items.Where(x => x is not null).OrderByDescending(x => x).Take(n).ToList();
");
                        break;
                    default:
                        sb.Append(@"
        public bool Add").Append(k).Append(@"(T item, string key)
        {
            if (item is null || string.IsNullOrEmpty(key))
            {
                return false;
            }

            _items.Add(item);
            _counts[key] = _counts.TryGetValue(key, out int c) ? c + 1 : 1;
            return _counts[key] < ").Append((m + 3).ToString(CultureInfo.InvariantCulture)).Append(@";
        }
");
                        break;
                }
            }

            sb.Append("    }\n");
        }
    }

    internal sealed class GeneratedFile
    {
        public GeneratedFile(string path, string text)
        {
            Path = path;
            Text = text;
        }

        public string Path { get; }

        public string Text { get; }
    }

    internal sealed class GeneratedProject
    {
        public GeneratedProject(IReadOnlyList<GeneratedFile> files, int methods, int invalidNames, int expectedDiagnostics)
        {
            Files = files;
            Methods = methods;
            InvalidNames = invalidNames;
            ExpectedDiagnostics = expectedDiagnostics;
        }

        public IReadOnlyList<GeneratedFile> Files { get; }

        /// <summary>How many <c>[BpfSection]</c> methods.</summary>
        public int Methods { get; }

        /// <summary>How many of them have a wrong name.</summary>
        public int InvalidNames { get; }

        /// <summary>How many diagnostics the analyzer must report for them.</summary>
        public int ExpectedDiagnostics { get; }

        public int Lines
        {
            get
            {
                int lines = 0;
                foreach (GeneratedFile f in Files)
                {
                    foreach (char c in f.Text)
                    {
                        lines += c == '\n' ? 1 : 0;
                    }
                }

                return lines;
            }
        }
    }
}
