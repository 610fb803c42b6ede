using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using BpfAnalyzers.Kernel;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>bpf-sections kernel profile</c>: a kernel profile (<c>.bpfkernel</c>, <see cref="KernelProfile"/>) of the running
    /// machine, or of BTF files handed over.
    /// </summary>
    internal static class KernelCommand
    {
        private const string SysBtf = "/sys/kernel/btf";

        public static Command Create(StandardStreams io)
        {
            var output = new Option<string>("--output", "-o") { Description = "Where to write the profile.", Required = true };
            var btf = new Option<string[]>("--btf")
            {
                Description = "A raw BTF file instead of the running machine's: the first is vmlinux (/sys/kernel/btf/vmlinux, a BTFhub file), " +
                              "each further one a module's BTF split against it (named after its file). Repeatable.",
                AllowMultipleArgumentsPerToken = false,
            };
            var deb = new Option<string>("--deb") { Description = "A distro kernel package (Debian's linux-image-*.deb): the BTF of its vmlinuz and of its modules." };
            var tracefs = new Option<string>("--tracefs") { Description = "A tracefs folder whose available_events lists the tracepoints (default with no --btf: /sys/kernel/tracing)." };
            var kallsyms = new Option<string>("--kallsyms") { Description = "A kallsyms file: the kernel's text symbols, for kprobes (default with no --btf: /proc/kallsyms)." };
            var name = new Option<string>("--name") { Description = "What messages call the kernel (default: its release)." };
            var release = new Option<string>("--release") { Description = "The kernel release (default: the running kernel's; with --btf, the vmlinux file's name)." };
            var profile = new Command("profile", "Write a kernel profile: the program and attach types, BTF functions, tracepoints, LSM hooks, iterators and struct_ops types " +
                                                  "of one kernel build (vmlinux and its modules), and its tracefs events and kallsyms when read from a running machine.")
            {
                output, btf, deb, tracefs, kallsyms, name, release,
            };
            profile.SetAction(parseResult =>
            {
                try
                {
                    string[] files = parseResult.GetValue(btf) ?? Array.Empty<string>();
                    string? package = parseResult.GetValue(deb);
                    bool live = files.Length == 0 && package is null;
                    KernelProfileBuilder builder = package is not null
                        ? DebianKernelPackage.Read(package, Arch())
                        : Build(live, files, parseResult.GetValue(release));
                    if (parseResult.GetValue(name) is string n)
                    {
                        builder.Named(n);
                    }

                    string? events = parseResult.GetValue(tracefs) ?? (live ? LiveTracefs() : null);
                    if (events is not null)
                    {
                        builder.AddEvents(ReadText(Path.Combine(events, "available_events")));
                    }

                    string? symbols = parseResult.GetValue(kallsyms) ?? (live ? "/proc/kallsyms" : null);
                    if (symbols is not null)
                    {
                        builder.AddKallsyms(ReadText(symbols));
                    }

                    KernelProfile made = builder.Build();
                    string path = parseResult.GetValue(output)!;
                    File.WriteAllText(path, made.Write());
                    io.Out.WriteLine($"{path}: {made}, {string.Join(", ", KernelProfile.AllParts.Where(made.Has).Select(p => $"{made.Count(p)} {p}"))}");
                    return ExitCodes.Ok;
                }
                catch (Exception e) when (e is BtfFormatException or IOException or UnauthorizedAccessException)
                {
                    io.Error.WriteLine("bpf-sections: " + e.Message);
                    return ExitCodes.Failure;
                }
            });
            return new Command("kernel", "Kernel profiles: what the kernels you ship to have that section names point to.") { profile };
        }

        private static KernelProfileBuilder Build(bool live, string[] files, string? release)
        {
            if (live)
            {
                string vmlinux = Path.Combine(SysBtf, "vmlinux");
                var builder = new KernelProfileBuilder(release ?? ReadText("/proc/sys/kernel/osrelease").Trim(), Arch());
                Btf base_ = Btf.Parse(ReadBytes(vmlinux), vmlinux);
                builder.AddVmlinux(base_);
                foreach (string module in Directory.GetFiles(SysBtf).Where(f => Path.GetFileName(f) != "vmlinux").OrderBy(f => f, StringComparer.Ordinal))
                {
                    builder.AddModule(Path.GetFileName(module), Btf.Parse(ReadBytes(module), module, base_));
                }

                return builder;
            }

            var fromFiles = new KernelProfileBuilder(release ?? Path.GetFileNameWithoutExtension(files[0]), Arch());
            Btf vm = Btf.Parse(ReadBytes(files[0]), files[0]);
            fromFiles.AddVmlinux(vm);
            foreach (string module in files.Skip(1))
            {
                fromFiles.AddModule(ModuleName(module), Btf.Parse(ReadBytes(module), module, vm));
            }

            return fromFiles;
        }

        /// <summary><c>nf_conntrack.ko.btf</c>, <c>nf_conntrack.btf</c>, <c>nf_conntrack</c>: the module is nf_conntrack.</summary>
        private static string ModuleName(string path)
        {
            string file = Path.GetFileName(path);
            int dot = file.IndexOf('.');
            return dot > 0 ? file.Substring(0, dot) : file;
        }

        private static string? LiveTracefs() =>
            File.Exists("/sys/kernel/tracing/available_events") ? "/sys/kernel/tracing"
            : File.Exists("/sys/kernel/debug/tracing/available_events") ? "/sys/kernel/debug/tracing"
            : null;

        private static string Arch() => RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.Arm => "arm",
            Architecture.X86 => "i686",
            var other => other.ToString().ToLowerInvariant(),
        };

        private static byte[] ReadBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{path}: cannot be read ({e.Message})", e);
            }
        }

        private static string ReadText(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{path}: cannot be read ({e.Message})", e);
            }
        }
    }
}
