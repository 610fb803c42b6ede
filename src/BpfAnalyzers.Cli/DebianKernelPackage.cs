using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using BpfAnalyzers.Kernel;
using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using SharpCompress.Compressors.Xz;
using SharpCompress.Readers;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// A distro kernel package (Debian's <c>linux-image-*</c>, a <c>.deb</c>): the BTF of its kernel and of its modules,
    /// read without installing it. A <c>.deb</c> is an <c>ar</c> archive whose <c>data.tar.*</c> holds
    /// <c>boot/vmlinuz-RELEASE</c> (a bzImage whose payload is an XZ-compressed ELF vmlinux, as the kernel's
    /// <c>scripts/extract-vmlinux</c> finds it) and <c>lib/modules/RELEASE/**.ko</c> (ELF, split BTF in <c>.BTF</c>).
    /// </summary>
    internal static class DebianKernelPackage
    {
        private static readonly byte[] s_xzMagic = { 0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00 };

        /// <summary>Adds the package's kernel and modules to a new builder; errors name the package and what was missing.</summary>
        public static KernelProfileBuilder Read(string path, string arch)
        {
            (string release, byte[] vmlinux, List<(string Name, byte[] Btf, string Path)> modules) = ReadBtf(path);
            var builder = new KernelProfileBuilder(release, arch);
            Btf base_ = Btf.Parse(vmlinux, path + ":vmlinux");
            builder.AddVmlinux(base_);
            foreach ((string module, byte[] btf, string source) in modules)
            {
                builder.AddModule(module, Btf.Parse(btf, source, base_));
            }

            return builder;
        }

        /// <summary>The package's release, its vmlinux BTF and each module's split BTF (by module name), as raw bytes.</summary>
        internal static (string Release, byte[] Vmlinux, List<(string Name, byte[] Btf, string Path)> Modules) ReadBtf(string path)
        {
            byte[]? vmlinux = null;
            string? release = null;
            var modules = new List<(string Name, byte[] Btf, string Path)>();
            using (Stream data = DataTar(path))
            using (IReader reader = ReaderFactory.OpenReader(data))
            {
                while (reader.MoveToNextEntry())
                {
                    if (reader.Entry.IsDirectory || reader.Entry.Key is not string key)
                    {
                        continue;
                    }

                    string name = key.StartsWith("./", StringComparison.Ordinal) ? key.Substring(2) : key;
                    if (name.StartsWith("boot/vmlinuz-", StringComparison.Ordinal))
                    {
                        release = name.Substring("boot/vmlinuz-".Length);
                        vmlinux = BtfOf(Decompress(ReadAll(reader), path + ":" + name), path + ":" + name);
                    }
                    else if (name.StartsWith("lib/modules/", StringComparison.Ordinal) && name.EndsWith(".ko", StringComparison.Ordinal))
                    {
                        byte[]? btf = BtfOf(ReadAll(reader), path + ":" + name, optional: true);
                        if (btf is not null)
                        {
                            // The kernel names a module with '_' where its file has '-' (snd-hda-intel.ko is snd_hda_intel).
                            modules.Add((Path.GetFileNameWithoutExtension(name).Replace('-', '_'), btf, path + ":" + name));
                        }
                    }
                }
            }

            if (vmlinux is null || release is null)
            {
                throw new BtfFormatException($"{path}: no boot/vmlinuz-* in the package: not a kernel image package");
            }

            modules.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return (release, vmlinux, modules);
        }

        /// <summary>The <c>data.tar.*</c> member of the <c>.deb</c>'s <c>ar</c> archive (60-byte member headers, 2-byte aligned).</summary>
        private static Stream DataTar(string path)
        {
            byte[] deb = File.ReadAllBytes(path);
            if (deb.Length < 8 || Encoding.ASCII.GetString(deb, 0, 8) != "!<arch>\n")
            {
                throw new BtfFormatException($"{path}: not a .deb (no ar archive header)");
            }

            for (long p = 8; p + 60 <= deb.Length;)
            {
                string member = Encoding.ASCII.GetString(deb, (int)p, 16).Trim().TrimEnd('/');
                long size = long.Parse(Encoding.ASCII.GetString(deb, (int)p + 48, 10).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                long start = p + 60;
                if (start + size > deb.Length)
                {
                    throw new BtfFormatException($"{path}: the ar member '{member}' runs past the end of the file: truncated");
                }

                if (member.StartsWith("data.tar", StringComparison.Ordinal))
                {
                    return new MemoryStream(deb, (int)start, (int)size, writable: false);
                }

                p = start + size + (size & 1);
            }

            throw new BtfFormatException($"{path}: the .deb has no data.tar member");
        }

        /// <summary>The ELF vmlinux inside a bzImage: the XZ stream that starts at the first XZ magic.</summary>
        private static byte[] Decompress(byte[] bzImage, string source)
        {
            int at = IndexOf(bzImage, s_xzMagic);
            if (at < 0)
            {
                throw new BtfFormatException($"{source}: no XZ-compressed kernel inside (other compressions are not read yet)");
            }

            using var xz = new XZStream(new MemoryStream(bzImage, at, bzImage.Length - at, writable: false));
            using var elf = new MemoryStream();
            try
            {
                xz.CopyTo(elf);
            }
            catch (Exception e) when (e is not OutOfMemoryException && elf.Length > 0)
            {
                // The bzImage goes on past the XZ stream's end (padding, the setup trailer): what came out is the kernel.
            }

            return elf.ToArray();
        }

        private static byte[]? BtfOf(byte[] elfBytes, string source, bool optional = false)
        {
            if (!ELFReader.TryLoad(new MemoryStream(elfBytes, writable: false), true, out IELF? elf))
            {
                throw new BtfFormatException($"{source}: not an ELF file");
            }

            using (elf)
            {
                foreach (ISection section in elf.Sections)
                {
                    if (section.Name == ".BTF")
                    {
                        return section.GetContents();
                    }
                }
            }

            return optional ? null : throw new BtfFormatException($"{source}: the ELF has no .BTF section (a kernel built without CONFIG_DEBUG_INFO_BTF)");
        }

        private static byte[] ReadAll(IReader reader)
        {
            using var buffer = new MemoryStream();
            reader.WriteEntryTo(buffer);
            return buffer.ToArray();
        }

        private static int IndexOf(byte[] data, byte[] pattern)
        {
            for (int i = 0; i + pattern.Length <= data.Length; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j])
                {
                    j++;
                }

                if (j == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
