using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BpfAnalyzers.Kernel;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace BpfAnalyzers.Tasks
{
    /// <summary>
    /// Turns each raw BTF <c>&lt;BpfKernel&gt;</c> (a vmlinux BTF: <c>/sys/kernel/btf/vmlinux</c>, a BTFhub archive's file) into a
    /// kernel profile at the matching path of <see cref="Profiles"/>, which the build hands to the analyzer. Item metadata:
    /// <c>Name</c> (what messages call the kernel), <c>Release</c> (default: the file's name), <c>Modules</c> (a folder of
    /// module BTFs split against it, as <c>/sys/kernel/btf</c>; every file but <c>vmlinux</c>). A file that is no BTF, a
    /// truncated one or a minimized one (BTFgen output, no functions) is error BPF0025 naming the file, never a crash.
    /// </summary>
    public sealed class MakeKernelProfiles : Task
    {
        /// <summary>The raw BTF items.</summary>
        [Required]
        public ITaskItem[] Sources { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Where each profile goes, one per source, in the same order.</summary>
        [Required]
        public ITaskItem[] Profiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The architecture the profiles name, as <c>uname -m</c> does: the build machine's.</summary>
        private static string Arch => KernelProfileBuilder.ArchName(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture);

        public override bool Execute()
        {
            if (Sources.Length != Profiles.Length)
            {
                Log.LogError("BpfAnalyzers: {0} kernel sources and {1} profile paths", Sources.Length, Profiles.Length);
                return false;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < Sources.Length; i++)
            {
                string source = Sources[i].ItemSpec;
                string profile = Profiles[i].ItemSpec;
                if (!seen.Add(Path.GetFullPath(profile)))
                {
                    LogError(source, $"BpfKernel '{source}' would be written to '{profile}' like another BpfKernel of the same file name: give one of them another file name");
                    continue;
                }

                try
                {
                    string text = Make(Sources[i]);
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(profile))!);
                    File.WriteAllText(profile, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    Log.LogMessage(MessageImportance.Low, "BpfAnalyzers: kernel profile {0} made from {1}", profile, source);
                }
                catch (Exception e) when (e is BtfFormatException or KernelProfileFormatException or IOException or UnauthorizedAccessException)
                {
                    LogError(source, e.Message.StartsWith(source, StringComparison.Ordinal) ? e.Message : $"{source}: {e.Message}");
                }
            }

            return !Log.HasLoggedErrors;
        }

        private string Make(ITaskItem item)
        {
            string source = item.ItemSpec;
            byte[] data = ReadBytes(source);
            if (IsProfileText(data))
            {
                // A profile under another file name: passed on as it is; the analyzer reads (and judges) it.
                return Encoding.UTF8.GetString(data);
            }

            string release = Metadata(item, "Release") ?? Path.GetFileNameWithoutExtension(source);
            var modules = new List<KeyValuePair<string, byte[]>>();
            if (Metadata(item, "Modules") is string folder)
            {
                string[] files = Directory.GetFiles(folder);
                Array.Sort(files, StringComparer.Ordinal);
                foreach (string module in files)
                {
                    if (Path.GetFileName(module) != "vmlinux" && !string.Equals(Path.GetFullPath(module), Path.GetFullPath(source), StringComparison.Ordinal))
                    {
                        modules.Add(new KeyValuePair<string, byte[]>(module, ReadBytes(module)));
                    }
                }
            }

            KernelProfileBuilder builder = KernelProfileBuilder.FromBtf(release, Arch, data, source, modules);
            if (Metadata(item, "Name") is string name)
            {
                builder.Named(name);
            }

            return builder.Build().Write();
        }

        private static bool IsProfileText(byte[] data)
        {
            byte[] magic = Encoding.ASCII.GetBytes("# bpfkernel ");
            if (data.Length < magic.Length)
            {
                return false;
            }

            for (int i = 0; i < magic.Length; i++)
            {
                if (data[i] != magic[i])
                {
                    return false;
                }
            }

            return true;
        }

        private void LogError(string file, string message) =>
            Log.LogError(subcategory: null, errorCode: "BPF0025", helpKeyword: null, file: file, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

        private static string? Metadata(ITaskItem item, string name)
        {
            string value = item.GetMetadata(name);
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }

        private static byte[] ReadBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot be read ({e.Message})", e);
            }
        }
    }
}
