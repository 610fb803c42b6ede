using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace BpfAnalyzers.Loader.Tests
{
    /// <summary>
    /// clang, gcc and libbpf 1.1.2 as installed on the machine (<c>apt-get install clang libbpf-dev libbpf1</c>):
    /// compiles BPF objects (cached by source hash) and the loader. Throws, never skips, when a tool is missing.
    /// </summary>
    internal sealed class BpfToolchain
    {
        /// <summary>Objects and the loader binary, kept across runs; the key is the hash of what produced them.</summary>
        public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "bpfanalyzers-loader-cache");

        private readonly string _clangVersion;

        private BpfToolchain(string clangVersion, string loader)
        {
            _clangVersion = clangVersion;
            LoaderPath = loader;
        }

        /// <summary>The gcc-built <c>native/loadcheck.c</c>, linked against the system's libbpf.so.1.</summary>
        public string LoaderPath { get; }

        private static readonly Lazy<BpfToolchain> s_instance = new(Create);

        public static BpfToolchain Instance => s_instance.Value;

        private static BpfToolchain Create()
        {
            Directory.CreateDirectory(CacheDirectory);
            ProcessResult clang = Run("clang", new[] { "--version" }, TimeSpan.FromSeconds(30), missing: "clang (apt-get install clang)");
            if (clang.ExitCode != 0)
            {
                throw new InvalidOperationException("clang --version failed: " + clang.Stderr);
            }

            if (!File.Exists("/usr/include/bpf/libbpf.h"))
            {
                throw new InvalidOperationException("libbpf headers are missing: /usr/include/bpf/libbpf.h (apt-get install libbpf-dev)");
            }

            string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "native", "loadcheck.c"));
            string loader = Path.Combine(CacheDirectory, "loadcheck-" + Hash(source + File.ReadAllText("/usr/include/bpf/libbpf_version.h")));
            if (!File.Exists(loader))
            {
                string unique = "." + Guid.NewGuid().ToString("N");
                string src = loader + unique + ".c";
                File.WriteAllText(src, source);
                string tmp = loader + unique;
                ProcessResult gcc = Run("gcc", new[] { "-O1", "-Wall", "-Werror", "-o", tmp, src, "-lbpf" }, TimeSpan.FromSeconds(60), missing: "gcc (apt-get install gcc)");
                File.Delete(src);
                if (gcc.ExitCode != 0)
                {
                    throw new InvalidOperationException("gcc could not build native/loadcheck.c against -lbpf (apt-get install libbpf-dev):\n" + gcc.Stderr);
                }

                File.Move(tmp, loader, overwrite: true);
            }

            return new BpfToolchain(clang.Stdout, loader);
        }

        /// <summary>
        /// Compiles <paramref name="cSource"/> with <c>clang -O2 -g -target bpf -c</c>, or returns the cached object.
        /// Returns null and clang's message when clang rejects the source.
        /// </summary>
        public (string? ObjectPath, string Error) CompileObject(string cSource)
        {
            string key = Hash(_clangVersion + "\0" + cSource);
            string obj = Path.Combine(CacheDirectory, key + ".o");
            string err = Path.Combine(CacheDirectory, key + ".err");
            if (File.Exists(obj))
            {
                return (obj, "");
            }

            if (File.Exists(err))
            {
                return (null, File.ReadAllText(err));
            }

            // Unique names until the final rename: test classes and test processes may compile the same source at once.
            string unique = "." + Guid.NewGuid().ToString("N");
            string src = Path.Combine(CacheDirectory, key + unique + ".c");
            string tmp = obj + unique;
            File.WriteAllText(src, cSource);
            try
            {
                ProcessResult r = Run("clang", new[] { "-O2", "-g", "-target", "bpf", "-c", src, "-o", tmp }, TimeSpan.FromSeconds(60), missing: "clang");
                if (r.ExitCode != 0)
                {
                    File.WriteAllText(err + unique, r.Stderr);
                    File.Move(err + unique, err, overwrite: true);
                    return (null, r.Stderr);
                }

                File.Move(tmp, obj, overwrite: true);
                return (obj, "");
            }
            finally
            {
                File.Delete(src);
            }
        }

        /// <summary>Runs the loader on one object: open, load and (unless <paramref name="attach"/> is false) auto-attach.</summary>
        public LoaderRun Load(string objectPath, bool attach)
        {
            var args = new List<string> { objectPath };
            if (!attach)
            {
                args.Add("--no-attach");
            }

            ProcessResult r = Run(LoaderPath, args, TimeSpan.FromSeconds(60), missing: "the loader");
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"loadcheck {objectPath} exited {r.ExitCode}: {r.Stderr}");
            }

            return LoaderRun.Parse(r.Stdout);
        }

        public static string Hash(string text) =>
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16).ToLowerInvariant();

        private static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan timeout, string missing)
        {
            var psi = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            Process p;
            try
            {
                p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + file);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"{missing} is required and could not be run: {e.Message}", e);
            }

            using (p)
            {
                System.Threading.Tasks.Task<string> stdout = p.StandardOutput.ReadToEndAsync();
                System.Threading.Tasks.Task<string> stderr = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(timeout))
                {
                    p.Kill(entireProcessTree: true);
                    throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}");
                }

                p.WaitForExit();
                return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
            }
        }

        private readonly record struct ProcessResult(int ExitCode, string Stdout, string Stderr);
    }

    /// <summary>What <c>loadcheck</c> printed for one object.</summary>
    internal sealed record LoaderRun(string Stage, int Error, bool Linked, bool AutoloadOff, IReadOnlyList<string> Warnings, IReadOnlyList<string> Infos)
    {
        public static LoaderRun Parse(string stdout)
        {
            string stage = "";
            int error = 0;
            bool linked = false;
            bool autoloadOff = false;
            var warnings = new List<string>();
            var infos = new List<string>();
            foreach (string line in stdout.Split('\n'))
            {
                if (line.StartsWith("log warn ", StringComparison.Ordinal))
                {
                    warnings.Add(line.Substring("log warn ".Length));
                }
                else if (line.StartsWith("log info ", StringComparison.Ordinal))
                {
                    infos.Add(line.Substring("log info ".Length));
                }
                else if (line.StartsWith("stage ", StringComparison.Ordinal))
                {
                    stage = line.Substring("stage ".Length);
                }
                else if (line.StartsWith("err ", StringComparison.Ordinal))
                {
                    error = int.Parse(line.Substring("err ".Length), System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (line == "autoload-off")
                {
                    autoloadOff = true;
                }
                else if (line.StartsWith("linked ", StringComparison.Ordinal))
                {
                    linked = line.EndsWith('1');
                }
            }

            if (stage.Length == 0)
            {
                throw new InvalidOperationException("loadcheck printed no stage:\n" + stdout);
            }

            return new LoaderRun(stage, error, linked, autoloadOff, warnings, infos);
        }

        /// <summary>The loader's messages on one line, for reports.</summary>
        public string Summary => $"{Stage} {Error}: " + string.Join(" | ", Warnings.Count > 0 ? Warnings : Infos);
    }
}
