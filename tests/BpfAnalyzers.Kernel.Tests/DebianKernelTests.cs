using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BpfAnalyzers.Cli;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Kernel.Tests
{
    /// <summary>
    /// A second real kernel: Debian 12's kernel package (<c>linux-image-6.1.0-N-amd64-unsigned</c>), fetched by
    /// <c>test.sh</c> with <c>apt-get download</c> into <c>artifacts/kernels/</c> (never committed) and read as
    /// <c>bpf-sections kernel profile --deb</c> reads it. libbpf's own parser is the oracle: every FUNC of vmlinux and of
    /// each module's split BTF, and <c>btf__find_by_name_kind()</c> on 10,000+ names, found or not and where.
    /// </summary>
    public sealed class DebianKernelTests
    {
        private readonly ITestOutputHelper _output;

        public DebianKernelTests(ITestOutputHelper output) => _output = output;

        private static string Package()
        {
            string dir = Path.Combine(FindRoot(), "artifacts", "kernels");
            string[] debs = Directory.Exists(dir) ? Directory.GetFiles(dir, "linux-image-6.1.0-*-amd64-unsigned_*.deb") : Array.Empty<string>();
            Assert.True(debs.Length > 0, $"no Debian 12 kernel package in {dir}: ./test.sh fetches it (apt-get download linux-image-6.1.0-N-amd64-unsigned); this test never skips");
            return debs.OrderBy(d => d, StringComparer.Ordinal).Last();
        }

        [Fact]
        public void The_profile_of_Debian_12_s_kernel_package_answers_every_lookup_as_libbpf_does()
        {
            string deb = Package();
            (string release, byte[] vmlinux, List<(string Name, byte[] Btf, string Path)> modules) = DebianKernelPackage.ReadBtf(deb);
            KernelProfile profile = DebianKernelPackage.Read(deb, "x86_64").Build();
            string dir = Directory.CreateTempSubdirectory("debian12-btf").FullName;
            try
            {
                File.WriteAllBytes(Path.Combine(dir, "vmlinux"), vmlinux);
                using LibbpfBtf vm = LibbpfBtf.Parse(Path.Combine(dir, "vmlinux"));

                // Every FUNC libbpf reads, vmlinux and module by module, is the profile's, in that module.
                var libbpfFuncs = new HashSet<string>(StringComparer.Ordinal);
                for (int id = 1; id < vm.TypeCount; id++)
                {
                    if (vm.Kind(id) == (int)BtfKind.Func)
                    {
                        libbpfFuncs.Add(vm.Name(id));
                    }
                }

                int moduleFuncs = 0;
                var wrong = new List<string>();
                foreach ((string module, byte[] btf, _) in modules)
                {
                    string file = Path.Combine(dir, module);
                    File.WriteAllBytes(file, btf);
                    using LibbpfBtf split = LibbpfBtf.Parse(file, vm);
                    for (int id = vm.TypeCount; id < split.TypeCount; id++)
                    {
                        if (split.Kind(id) == (int)BtfKind.Func)
                        {
                            moduleFuncs++;
                            if (profile.Find(KernelProfile.Funcs, module + ":" + split.Name(id)) != module)
                            {
                                wrong.Add($"{module}:{split.Name(id)}: libbpf has it, the profile does not");
                            }
                        }
                    }

                    File.Delete(file);
                }

                int vmFuncs = profile.Names(KernelProfile.Funcs).Count(n => n.IndexOf(':') < 0);
                Assert.Equal(libbpfFuncs.Count, vmFuncs);

                // btf__find_by_name_kind() over vmlinux for a spread of names, near misses, and module names (which
                // vmlinux lacks): found there or not, and where the profile says it is.
                List<string> all = profile.Names(KernelProfile.Funcs).ToList();
                var inSomeModule = new HashSet<string>(all.Where(n => n.IndexOf(':') >= 0).Select(n => n.Substring(n.IndexOf(':') + 1)), StringComparer.Ordinal);
                int lookups = 0;
                foreach (string written in all.Where((_, i) => i % 40 == 0))
                {
                    int colon = written.IndexOf(':');
                    string bare = colon < 0 ? written : written.Substring(colon + 1);
                    foreach (string name in new[] { bare, bare + "x", bare + "_noprof" })
                    {
                        lookups++;
                        bool inVmlinux = vm.FindByNameKind(name, BtfKind.Func) > 0;
                        string? where = profile.Find(KernelProfile.Funcs, name);
                        bool agrees = inVmlinux ? where == "vmlinux" : where != "vmlinux" && (where is null) == !inSomeModule.Contains(name);
                        if (!agrees)
                        {
                            wrong.Add($"{name}: libbpf {(inVmlinux ? "finds it in vmlinux" : "does not find it in vmlinux")}, the profile says {where ?? "nowhere"}");
                        }
                    }
                }

                _output.WriteLine($"{Path.GetFileName(deb)} ({release}): {modules.Count} modules; {vmFuncs} vmlinux FUNCs, {moduleFuncs} module FUNCs compared with libbpf's btf__parse()/btf__parse_split(); {lookups} btf__find_by_name_kind() lookups; {wrong.Count} disagreements");
                _output.WriteLine(string.Join(", ", KernelProfile.AllParts.Where(profile.Has).Select(p => $"{profile.Count(p)} {p}")));
                Assert.True(moduleFuncs > 100_000, $"{moduleFuncs} module FUNCs");
                Assert.True(lookups + vmFuncs + moduleFuncs >= 10_000);
                Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public void With_this_machine_s_kernel_and_Debian_12_s_a_target_only_the_newer_has_is_flagged_naming_6_1_only()
        {
            KernelProfile debian = DebianKernelPackage.Read(Package(), "x86_64").Named("debian12").Build();
            KernelProfile here = new KernelProfileBuilder("6.18", "x86_64").Named("this-machine")
                .AddVmlinux(Btf.Parse(File.ReadAllBytes("/sys/kernel/btf/vmlinux"), "/sys/kernel/btf/vmlinux")).Build();
            string onlyNew = here.Names(KernelProfile.BtfTrace).First(t => debian.Find(KernelProfile.BtfTrace, t) is null);
            string both = here.Names(KernelProfile.BtfTrace).First(t => debian.Find(KernelProfile.BtfTrace, t) is not null);
            var checker = new Sections.SectionChecker(kernels: new[] { here, debian });
            var target = new Sections.LibbpfSetup(Sections.LibbpfVersion.Latest);

            Sections.Finding? flagged = checker.CheckProgram("tp_btf/" + onlyNew, target, "p").AttachTarget;
            Assert.NotNull(flagged);
            Assert.Equal("BPF0026", flagged!.Id);
            Assert.Contains("on kernel debian12 (6.1.0-", flagged.Message, StringComparison.Ordinal);
            Assert.Contains("(1 other profile has it)", flagged.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("this-machine", flagged.Message, StringComparison.Ordinal);
            Assert.Equal("?tp_btf/" + onlyNew, flagged.Fixes[0]);
            Assert.True(checker.CheckProgram("tp_btf/" + both, target, "p").IsEmpty);
            _output.WriteLine($"tp_btf/{onlyNew}: {flagged.Message}");
        }

        private static string FindRoot()
        {
            for (DirectoryInfo? d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "BpfAnalyzers.sln")))
                {
                    return d.FullName;
                }
            }

            throw new InvalidOperationException("no BpfAnalyzers.sln above " + AppContext.BaseDirectory);
        }
    }
}
