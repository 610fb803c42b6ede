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
                IEnumerable<KeyValuePair<string, byte[]>> modules = Directory.GetFiles(SysBtf)
                    .Where(f => Path.GetFileName(f) != "vmlinux")
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .Select(f => new KeyValuePair<string, byte[]>(f, ReadBytes(f)));
                return KernelProfileBuilder.FromBtf(release ?? ReadText("/proc/sys/kernel/osrelease").Trim(), Arch(), ReadBytes(vmlinux), vmlinux, modules);
            }

            return KernelProfileBuilder.FromBtf(
                release ?? Path.GetFileNameWithoutExtension(files[0]),
                Arch(),
                ReadBytes(files[0]),
                files[0],
                files.Skip(1).Select(f => new KeyValuePair<string, byte[]>(f, ReadBytes(f))));
        }

        private static string? LiveTracefs() =>
            File.Exists("/sys/kernel/tracing/available_events") ? "/sys/kernel/tracing"
            : File.Exists("/sys/kernel/debug/tracing/available_events") ? "/sys/kernel/debug/tracing"
            : null;

        private static string Arch() => KernelProfileBuilder.ArchName(RuntimeInformation.OSArchitecture);

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
