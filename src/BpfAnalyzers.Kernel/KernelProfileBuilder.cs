using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Kernel
{
    /// <summary>
    /// Makes a <see cref="KernelProfile"/> of one kernel build: its vmlinux BTF, then each module's split BTF, then what
    /// else the source has (tracefs events, kallsyms). Each BTF is read for what libbpf looks up there:
    /// <list type="bullet">
    /// <item>FUNC <c>X</c> (fentry, fexit, fmod_ret, fsession, freplace's kernel side);</item>
    /// <item>TYPEDEF <c>btf_trace_X</c> (tp_btf, raw_tp);</item>
    /// <item>FUNC <c>bpf_lsm_X</c> (lsm, lsm.s, lsm_cgroup);</item>
    /// <item>FUNC <c>bpf_iter_X</c> whose first parameter is a <c>struct bpf_iter_meta *</c>, which only a registered
    /// iterator's <c>DEFINE_BPF_ITER_FUNC()</c> has (the open-coded iterators' kfuncs, <c>bpf_iter_num_new()</c>, take
    /// their own struct);</item>
    /// <item>STRUCT <c>bpf_struct_ops_T</c> (struct_ops maps of type <c>T</c>);</item>
    /// <item>the enumerators of <c>enum bpf_prog_type</c> and <c>enum bpf_attach_type</c> (vmlinux only).</item>
    /// </list>
    /// </summary>
    public sealed class KernelProfileBuilder
    {
        private readonly string _release;
        private readonly string _arch;
        private readonly Dictionary<string, Dictionary<string, string>> _parts = new(StringComparer.Ordinal);
        private Btf? _vmlinux;
        private string? _name;

        public KernelProfileBuilder(string release, string arch)
        {
            _release = release;
            _arch = arch;
        }

        /// <summary>What messages call the kernel (default: its release).</summary>
        public KernelProfileBuilder Named(string name)
        {
            _name = name;
            return this;
        }

        /// <summary>Adds the vmlinux BTF. A minimized BTF (BTFgen's output, no FUNC at all) is refused: it cannot say what is missing.</summary>
        public KernelProfileBuilder AddVmlinux(Btf btf)
        {
            if (_vmlinux is not null)
            {
                throw new InvalidOperationException("one vmlinux BTF per profile");
            }

            int funcs = 0;
            for (int id = btf.FirstId; id < btf.TypeCount; id++)
            {
                if (btf.Kind(id) == BtfKind.Func)
                {
                    funcs++;
                }
            }

            if (funcs == 0)
            {
                throw new BtfFormatException($"{btf.Source}: BTF without a single FUNC, as BTFgen's minimized files are: it cannot tell which kernel functions exist; use the full BTF (BTFhub's archive, /sys/kernel/btf/vmlinux, the kernel package)");
            }

            _vmlinux = btf;
            foreach (string part in new[] { KernelProfile.ProgTypes, KernelProfile.AttachTypes, KernelProfile.Funcs, KernelProfile.BtfTrace, KernelProfile.Lsm, KernelProfile.Iter, KernelProfile.StructOps })
            {
                _parts[part] = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            AddEnum(btf, "bpf_prog_type", "BPF_PROG_TYPE_", KernelProfile.ProgTypes);
            AddEnum(btf, "bpf_attach_type", "BPF_", KernelProfile.AttachTypes);
            AddTypes(btf, "vmlinux");
            return this;
        }

        /// <summary>Adds a module's BTF, split against the vmlinux BTF added first.</summary>
        public KernelProfileBuilder AddModule(string module, Btf btf)
        {
            if (_vmlinux is null || btf.Base != _vmlinux)
            {
                throw new InvalidOperationException("a module's BTF is split against the vmlinux BTF added before it");
            }

            AddTypes(btf, module);
            return this;
        }

        /// <summary>
        /// A builder of a vmlinux BTF (<paramref name="vmlinux"/>, read from <paramref name="source"/>) and of module BTFs split
        /// against it, each named after its file (<see cref="ModuleName"/>): what <c>bpf-sections kernel profile --btf</c>
        /// and the package's MSBuild task both make. The callers read the files; this does no I/O.
        /// </summary>
        public static KernelProfileBuilder FromBtf(string release, string arch, byte[] vmlinux, string source, IEnumerable<KeyValuePair<string, byte[]>> modules)
        {
            var builder = new KernelProfileBuilder(release, arch);
            Btf vm = Btf.Parse(vmlinux, source);
            builder.AddVmlinux(vm);
            foreach (KeyValuePair<string, byte[]> module in modules)
            {
                builder.AddModule(ModuleName(module.Key), Btf.Parse(module.Value, module.Key, vm));
            }

            return builder;
        }

        /// <summary>The architecture as <c>uname -m</c> names it (<c>x86_64</c>, <c>aarch64</c>), which profiles record.</summary>
        public static string ArchName(System.Runtime.InteropServices.Architecture architecture) => architecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "x86_64",
            System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
            System.Runtime.InteropServices.Architecture.Arm => "arm",
            System.Runtime.InteropServices.Architecture.X86 => "i686",
            var other => other.ToString().ToLowerInvariant(),
        };

        /// <summary><c>nf_conntrack.ko.btf</c>, <c>nf_conntrack.btf</c>, <c>/sys/kernel/btf/nf_conntrack</c>: the module is nf_conntrack.</summary>
        public static string ModuleName(string path)
        {
            int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
            string file = path.Substring(slash + 1);
            int dot = file.IndexOf('.');
            return dot > 0 ? file.Substring(0, dot) : file;
        }

        /// <summary>tracefs <c>available_events</c>: one <c>category:name</c> a line (written <c>category/name</c>, as tp/ names them).</summary>
        public KernelProfileBuilder AddEvents(string availableEvents)
        {
            var events = Part(KernelProfile.Events);
            foreach (string line in Lines(availableEvents))
            {
                int colon = line.IndexOf(':');
                if (colon > 0)
                {
                    events[line.Substring(0, colon) + "/" + line.Substring(colon + 1)] = "vmlinux";
                }
            }

            return this;
        }

        /// <summary>
        /// <c>/proc/kallsyms</c>: text symbols (<c>t</c>/<c>T</c>) are what kprobes attach to, <c>[module]</c> after a
        /// module's; the syscall wrapper prefix (<c>__x64_sys_</c>) is read off <c>sys_openat</c>'s wrapper.
        /// </summary>
        public KernelProfileBuilder AddKallsyms(string kallsyms)
        {
            var symbols = Part(KernelProfile.Kallsyms);
            var prefix = Part(KernelProfile.SyscallPrefix);
            foreach (string line in Lines(kallsyms))
            {
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 3 || (f[1] != "t" && f[1] != "T"))
                {
                    continue;
                }

                string module = f.Length > 3 && f[3].Length > 2 && f[3][0] == '[' ? f[3].Substring(1, f[3].Length - 2) : "vmlinux";
                Add(symbols, f[2], module);
                if (module == "vmlinux" && SyscallWrapperPrefix(_arch) is string wrapper && f[2] == wrapper + "openat")
                {
                    prefix[wrapper] = "vmlinux";
                }
            }

            return this;
        }

        /// <summary>
        /// The syscall wrapper prefix libbpf's <c>ksyscall</c> tries for an architecture (<c>arch_specific_syscall_pfx()</c>):
        /// <c>__x64_sys_</c> on x86_64; null where libbpf has none.
        /// </summary>
        internal static string? SyscallWrapperPrefix(string arch) => arch switch
        {
            "x86_64" => "__x64_sys_",
            "i686" or "i386" => "__ia32_sys_",
            "aarch64" => "__arm64_sys_",
            "s390x" => "__s390x_sys_",
            "arm" => "__arm_sys_",
            "riscv64" => "__riscv_sys_",
            "ppc64le" or "ppc64" => "__powerpc_sys_",
            "loongarch64" => "__loongarch_sys_",
            _ => null,
        };

        public KernelProfile Build()
        {
            if (_vmlinux is null)
            {
                throw new InvalidOperationException("a profile starts from a vmlinux BTF");
            }

            return new KernelProfile(_name ?? _release, _release, _arch, _parts);
        }

        private void AddTypes(Btf btf, string module)
        {
            Dictionary<string, string> funcs = _parts[KernelProfile.Funcs], traces = _parts[KernelProfile.BtfTrace], lsm = _parts[KernelProfile.Lsm],
                iter = _parts[KernelProfile.Iter], structOps = _parts[KernelProfile.StructOps];
            for (int id = btf.FirstId; id < btf.TypeCount; id++)
            {
                BtfKind kind = btf.Kind(id);
                if (kind != BtfKind.Func && kind != BtfKind.Typedef && kind != BtfKind.Struct)
                {
                    continue;
                }

                string name = btf.Name(id);
                if (kind == BtfKind.Func)
                {
                    Add(funcs, name, module);
                    if (name.StartsWith("bpf_lsm_", StringComparison.Ordinal))
                    {
                        Add(lsm, name.Substring("bpf_lsm_".Length), module);
                    }
                    else if (name.StartsWith("bpf_iter_", StringComparison.Ordinal) && IsIteratorTarget(btf, id))
                    {
                        Add(iter, name.Substring("bpf_iter_".Length), module);
                    }
                }
                else if (kind == BtfKind.Typedef && name.StartsWith("btf_trace_", StringComparison.Ordinal))
                {
                    Add(traces, name.Substring("btf_trace_".Length), module);
                }
                else if (kind == BtfKind.Struct && name.StartsWith("bpf_struct_ops_", StringComparison.Ordinal))
                {
                    Add(structOps, name.Substring("bpf_struct_ops_".Length), module);
                }
            }
        }

        /// <summary>
        /// A <c>DEFINE_BPF_ITER_FUNC()</c> function: <c>int bpf_iter_X(struct bpf_iter_meta *meta, ...)</c>, which returns int
        /// (<c>bpf_iter_get_info()</c> takes the meta too, and returns a program).
        /// </summary>
        private static bool IsIteratorTarget(Btf btf, int func)
        {
            int proto = btf.TypeOf(func);
            if (btf.Kind(btf.TypeOf(proto)) != BtfKind.Int)
            {
                return false;
            }

            IReadOnlyList<int> parameters = btf.Parameters(proto);
            if (parameters.Count == 0 || btf.Kind(parameters[0]) != BtfKind.Ptr)
            {
                return false;
            }

            int pointee = btf.TypeOf(parameters[0]);
            return btf.Kind(pointee) == BtfKind.Struct && btf.Name(pointee) == "bpf_iter_meta";
        }

        private void AddEnum(Btf btf, string enumName, string prefix, string part)
        {
            int id = btf.FindOwn(enumName, BtfKind.Enum);
            if (id == 0)
            {
                id = btf.FindOwn(enumName, BtfKind.Enum64);
            }

            foreach (string e in btf.Enumerators(id))
            {
                if (e.StartsWith(prefix, StringComparison.Ordinal) && !e.StartsWith("__MAX", StringComparison.Ordinal))
                {
                    _parts[part][e.Substring(prefix.Length).ToLowerInvariant()] = "vmlinux";
                }
            }

            _parts[part].Remove("max_bpf_attach_type");
        }

        private Dictionary<string, string> Part(string part)
        {
            if (!_parts.TryGetValue(part, out Dictionary<string, string>? names))
            {
                names = new Dictionary<string, string>(StringComparer.Ordinal);
                _parts[part] = names;
            }

            return names;
        }

        /// <summary>vmlinux wins a bare name (libbpf searches vmlinux first); a module's is also kept as MODULE:NAME.</summary>
        private static void Add(Dictionary<string, string> names, string name, string module)
        {
            if (name.Length == 0)
            {
                return;
            }

            if (module == "vmlinux")
            {
                names[name] = module;
                return;
            }

            names[module + ":" + name] = module;
            if (!names.ContainsKey(name))
            {
                names[name] = module;
            }
        }

        private static IEnumerable<string> Lines(string text)
        {
            foreach (string line in text.Split('\n'))
            {
                string l = line.TrimEnd('\r');
                if (l.Length > 0)
                {
                    yield return l;
                }
            }
        }
    }
}
