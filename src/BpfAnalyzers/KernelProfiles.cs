using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using BpfAnalyzers.Kernel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers
{
    /// <summary>
    /// The kernels a project ships to: every additional file that ends in <c>.bpfkernel</c> (the package turns each
    /// <c>BpfKernel</c> item into one). A profile is parsed once per distinct content and kept for later compilations
    /// in the same process (the compiler server, the IDE), keyed by the text's checksum, and under the file's path and
    /// modified time when the build gives it (<see cref="StampKey"/>), so an unchanged profile is not even read again. A
    /// profile that cannot be read is BPF0025, and checks nothing.
    /// </summary>
    internal static class KernelProfiles
    {
        public const string Extension = ".bpfkernel";

        /// <summary>The item metadata the package's targets set on a profile's additional file: its modified time.</summary>
        public const string StampKey = "build_metadata.AdditionalFiles.BpfKernelStamp";

        // Content checksum (hex) -> the parsed profile or the error it gave. Few distinct kernels per machine.
        private static readonly ConcurrentDictionary<string, (KernelProfile? Profile, string? Error)> s_byContent = new(StringComparer.Ordinal);

        // Path and modified time (from the build) -> the same: a hit reads no text and hashes nothing.
        private static readonly ConcurrentDictionary<(string Path, string Stamp), (KernelProfile? Profile, string? Error)> s_byStamp = new();

        public static (IReadOnlyList<KernelProfile> Profiles, IReadOnlyList<string> Errors) Read(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider? options, CancellationToken cancellationToken)
        {
            List<KernelProfile>? profiles = null;
            List<string>? errors = null;
            foreach (AdditionalText file in files)
            {
                if (!file.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string? stamp = null;
                (KernelProfile? Profile, string? Error) read;
                if (options is not null && options.GetOptions(file).TryGetValue(StampKey, out stamp) && stamp.Length > 0 &&
                    s_byStamp.TryGetValue((file.Path, stamp), out read))
                {
                    // Unchanged since an earlier compilation in this process: not read again.
                }
                else
                {
                    SourceText? text = file.GetText(cancellationToken);
                    read = text is null
                        ? (null, $"Kernel profile '{file.Path}' cannot be read as text (a binary file: raw BTF goes through bpf-sections kernel profile --btf FILE)")
                        : FromText(text);
                    if (!string.IsNullOrEmpty(stamp))
                    {
                        s_byStamp[(file.Path, stamp!)] = read;
                    }
                }

                (KernelProfile? profile, string? error) = read;
                if (profile is not null)
                {
                    (profiles ??= new List<KernelProfile>()).Add(profile);
                }
                else
                {
                    (errors ??= new List<string>()).Add(error!.Replace("\u0001", file.Path));
                }
            }

            return ((IReadOnlyList<KernelProfile>?)profiles ?? Array.Empty<KernelProfile>(), (IReadOnlyList<string>?)errors ?? Array.Empty<string>());
        }

        /// <summary>
        /// The profile <paramref name="text"/> holds, parsed once per content in this process, or the error it gives (the
        /// file's path stands in it as U+0001). Completion reads profiles through this too (a linked file).
        /// </summary>
        public static (KernelProfile? Profile, string? Error) FromText(SourceText text) => s_byContent.GetOrAdd(Key(text), _ => Parse(text));

        private static (KernelProfile?, string?) Parse(SourceText text)
        {
            try
            {
                // The path stands in the cached error as U+0001: the same content may come under another name.
                return (KernelProfile.Parse(text.ToString(), "\u0001"), null);
            }
            catch (KernelProfileFormatException e)
            {
                return (null, "Kernel profile " + e.Message);
            }
        }

        private static string Key(SourceText text)
        {
            ImmutableArray<byte> checksum = text.GetChecksum();
            var chars = new char[checksum.Length * 2 + 12];
            const string Hex = "0123456789abcdef";
            for (int i = 0; i < checksum.Length; i++)
            {
                chars[2 * i] = Hex[checksum[i] >> 4];
                chars[(2 * i) + 1] = Hex[checksum[i] & 15];
            }

            // The length too: checksums are per algorithm, and a length tells a truncated copy apart cheaply.
            string length = text.Length.ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
            length.CopyTo(0, chars, checksum.Length * 2, 12);
            return new string(chars);
        }
    }
}
