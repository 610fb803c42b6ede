using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BpfAnalyzers.Kernel;
using BpfAnalyzers.Sections;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// After <c>fentry/</c>, <c>tp_btf/</c>, <c>lsm/</c>, <c>iter/</c>, <c>raw_tp/</c>, <c>tp/</c> or <c>kprobe/</c>: the
    /// names the project's kernels have there (its <c>.bpfkernel</c> additional files, the <c>BpfKernel</c> items),
    /// those every kernel has, filtered by what is typed. Profiles are parsed once per content (<see cref="KernelProfiles.FromText"/>, the analyzer's).
    /// </summary>
    internal static class KernelNames
    {
        /// <summary>Enough to choose from; the list narrows as the name is typed.</summary>
        public const int MaxItems = 500;

        public static async Task<IReadOnlyList<KernelProfile>> ProfilesAsync(Project project, CancellationToken cancellationToken)
        {
            var profiles = new List<KernelProfile>();
            foreach (TextDocument document in project.AdditionalDocuments)
            {
                if (document.FilePath is not string path || !path.EndsWith(".bpfkernel", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // A profile that cannot be read is the analyzer's to report (BPF0025); completion just has no names from it.
                SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (KernelProfiles.FromText(text).Profile is KernelProfile profile)
                {
                    profiles.Add(profile);
                }
            }

            return profiles;
        }

        /// <summary>The names for what is typed after <c>type/</c>, or nothing when the type takes no kernel name.</summary>
        public static IReadOnlyList<SectionName> For(string typed, LibbpfSetup libbpf, IReadOnlyList<KernelProfile> kernels)
        {
            int slash = typed.IndexOf('/');
            if (kernels.Count == 0 || slash < 0)
            {
                return Array.Empty<SectionName>();
            }

            string type = typed.Substring(0, slash), start = typed.Substring(slash + 1);
            SectionEntry? entry = null;
            foreach (SectionEntry e in SectionTable.For(libbpf.Version))
            {
                if ((e.Match == SectionMatch.Plus || e.Match == SectionMatch.Slash) && e.Type == type)
                {
                    entry = e;
                    break;
                }
            }

            if (entry is null || Part(entry) is not (string part, string what))
            {
                return Array.Empty<SectionName>();
            }

            var judging = new List<KernelProfile>();
            foreach (KernelProfile k in kernels)
            {
                if (k.Has(part))
                {
                    judging.Add(k);
                }
            }

            if (judging.Count == 0)
            {
                return Array.Empty<SectionName>();
            }

            var names = new List<string>();
            foreach (string name in judging[0].BareNames(part, start))
            {
                if (judging.TrueForAll(k => k.Find(part, name) is not null))
                {
                    names.Add(name);
                }
            }

            names.Sort(StringComparer.Ordinal);
            string kernelsText = string.Join(", ", judging);
            var items = new List<SectionName>(Math.Min(names.Count, MaxItems));
            for (int i = 0; i < names.Count && i < MaxItems; i++)
            {
                items.Add(new SectionName(type + "/" + names[i], type + "/" + names[i] + "\n" + what + " on " + kernelsText, "kernel"));
            }

            return items;
        }

        /// <summary>The part the engine looks the target up in (<see cref="KernelTargetRules.PartOf"/>), and what its names are.</summary>
        private static (string Part, string What)? Part(SectionEntry e) => KernelTargetRules.PartOf(e) switch
        {
            // ksyscall names are the system calls', not kallsyms' wrapped symbols: nothing to offer there yet.
            _ when e.AttachFunction == AttachFunction.Ksyscall => null,
            KernelProfile.BtfTrace => (KernelProfile.BtfTrace, (e.Flags & SectionFlags.AttachBtf) != 0 ? "a tracepoint in kernel BTF (btf_trace_NAME)" : "a raw tracepoint of the kernel"),
            KernelProfile.Lsm => (KernelProfile.Lsm, "an LSM hook in kernel BTF (bpf_lsm_NAME)"),
            KernelProfile.Iter => (KernelProfile.Iter, "a BPF iterator of the kernel"),
            KernelProfile.Funcs => (KernelProfile.Funcs, "a kernel function in BTF"),
            KernelProfile.Events => (KernelProfile.Events, "a tracefs event"),
            KernelProfile.Kallsyms => (KernelProfile.Kallsyms, "a kernel text symbol (kallsyms)"),
            _ => null,
        };
    }
}
