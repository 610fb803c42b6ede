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

        // Content checksum (hex) -> the parsed profile or the error it gave. Few distinct kernels per machine. Keys and
        // values are reference types: a dictionary over value tuples is generic code a fresh csc JIT-compiles for this
        // analyzer alone (22 methods for these two; issue 23).
        private static readonly ConcurrentDictionary<string, ProfileRead> s_byContent = new(StringComparer.Ordinal);

        // Path and modified time (from the build), joined by U+0000 -> the same: a hit reads no text and hashes nothing.
        private static readonly ConcurrentDictionary<string, ProfileRead> s_byStamp = new(StringComparer.Ordinal);

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

                string? stampKey = options is not null && options.GetOptions(file).TryGetValue(StampKey, out string? stamp) && stamp.Length > 0
                    ? file.Path + "\u0000" + stamp
                    : null;
                // A path and stamp seen earlier in this process: the profile is unchanged and not read again.
                if (stampKey is null || !s_byStamp.TryGetValue(stampKey, out ProfileRead? read))
                {
                    SourceText? text = file.GetText(cancellationToken);
                    read = text is null
                        ? new ProfileRead(null, $"Kernel profile '{file.Path}' cannot be read as text (a binary file: raw BTF goes through bpf-sections kernel profile --btf FILE)")
                        : FromText(text);
                    if (stampKey is not null)
                    {
                        s_byStamp[stampKey] = read;
                    }
                }

                if (read.Profile is not null)
                {
                    (profiles ??= new List<KernelProfile>()).Add(read.Profile);
                }
                else
                {
                    (errors ??= new List<string>()).Add(read.Error!.Replace("\u0001", file.Path));
                }
            }

            return ((IReadOnlyList<KernelProfile>?)profiles ?? Array.Empty<KernelProfile>(), (IReadOnlyList<string>?)errors ?? Array.Empty<string>());
        }

        /// <summary>
        /// The profile <paramref name="text"/> holds, parsed once per content in this process, or the error it gives (the
        /// file's path stands in it as U+0001). Completion reads profiles through this too (a linked file).
        /// </summary>
        public static ProfileRead FromText(SourceText text) => s_byContent.GetOrAdd(Key(text), _ => Parse(text));

        private static ProfileRead Parse(SourceText text)
        {
            try
            {
                // The path stands in the cached error as U+0001: the same content may come under another name.
                return new ProfileRead(KernelProfile.Parse(text.ToString(), "\u0001"), null);
            }
            catch (KernelProfileFormatException e)
            {
                return new ProfileRead(null, "Kernel profile " + e.Message);
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

    /// <summary>One profile file as read: the profile, or the error it gives (its path as U+0001), never both.</summary>
    internal sealed class ProfileRead
    {
        public ProfileRead(KernelProfile? profile, string? error)
        {
            Profile = profile;
            Error = error;
        }

        public KernelProfile? Profile { get; }

        public string? Error { get; }
    }
}
