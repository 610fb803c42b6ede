using System;
using System.IO;
using BpfAnalyzers.Kernel;
using Xunit;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary><c>bpf-sections kernel profile</c>: of the running machine, of BTF files, and what bad input gets.</summary>
    public sealed class KernelProfileCommandTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("bpfkernel-cli").FullName;

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void With_no_input_it_profiles_this_machine_from_sys_tracefs_and_kallsyms()
        {
            string output = Path.Combine(_dir, "this.bpfkernel");
            ToolResult result = BpfSections.Run("kernel", "profile", "-o", output, "--name", "this-machine");

            Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
            KernelProfile profile = KernelProfile.Parse(File.ReadAllText(output), output);
            Assert.Equal("this-machine", profile.Name);
            Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), profile.Release);
            foreach (string part in KernelProfile.AllParts)
            {
                Assert.True(profile.Has(part), $"the live profile lacks {part}");
            }

            Assert.NotNull(profile.Find(KernelProfile.Funcs, "do_unlinkat"));
            Assert.NotNull(profile.Find(KernelProfile.Events, "syscalls/sys_enter_openat"));
            Assert.NotNull(profile.Find(KernelProfile.Kallsyms, "do_unlinkat"));
            Assert.Equal(new[] { "__x64_sys_" }, profile.Names(KernelProfile.SyscallPrefix));
            Assert.Contains($"{output}: this-machine (", result.Stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void From_a_btf_file_it_has_only_the_btf_parts()
        {
            string output = Path.Combine(_dir, "vmlinux.bpfkernel");
            ToolResult result = BpfSections.Run("kernel", "profile", "-o", output, "--btf", "/sys/kernel/btf/vmlinux", "--release", "6.18-test");

            Assert.True(result.ExitCode == ExitCodes.Ok, result.Stderr);
            KernelProfile profile = KernelProfile.Parse(File.ReadAllText(output), output);
            Assert.Equal("6.18-test", profile.Release);
            Assert.True(profile.Has(KernelProfile.Funcs));
            Assert.False(profile.Has(KernelProfile.Events));
            Assert.False(profile.Has(KernelProfile.Kallsyms));
        }

        [Fact]
        public void Explain_with_kernel_profiles_prints_the_kernel_findings_the_analyzer_reports()
        {
            string profile = Path.Combine(_dir, "this.bpfkernel");
            Assert.Equal(ExitCodes.Ok, BpfSections.Run("kernel", "profile", "-o", profile, "--name", "here").ExitCode);

            ToolResult typo = BpfSections.Run("explain", "fentry/tcp_v4_connet", "--kernel", profile, "--program", "on_connect");
            Assert.Equal(ExitCodes.Errors, typo.ExitCode);
            Assert.Contains("error BPF0026: libbpf 1.7 cannot load section 'fentry/tcp_v4_connet' on kernel here (", typo.Stdout, StringComparison.Ordinal);
            Assert.Contains("prog 'on_connect': failed to find kernel BTF type ID of 'tcp_v4_connet': -ESRCH", typo.Stdout, StringComparison.Ordinal);
            Assert.Contains("  fix 1: fentry/tcp_v4_connect\n", typo.Stdout, StringComparison.Ordinal);

            Assert.Equal(ExitCodes.Ok, BpfSections.Run("explain", "fentry/tcp_v4_connect", "--kernel", profile).ExitCode);
            Assert.Equal(ExitCodes.Ok, BpfSections.Run("explain", "fentry/tcp_v4_connet").ExitCode);
        }

        [Fact]
        public void Explain_with_a_bad_profile_is_a_clear_error()
        {
            string bad = Path.Combine(_dir, "bad.bpfkernel");
            File.WriteAllText(bad, "# bpfkernel 9\n");
            ToolResult result = BpfSections.Run("explain", "xdp", "--kernel", bad);
            Assert.Equal(ExitCodes.Failure, result.ExitCode);
            Assert.StartsWith($"bpf-sections: kernel profile {bad}: format 'bpfkernel 9'", result.Stderr, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("elf", "not BTF")]
        [InlineData("cut", "truncated")]
        [InlineData("missing", "cannot be read")]
        public void Bad_btf_input_is_a_clear_error_naming_the_file_and_writes_no_profile(string kind, string says)
        {
            string input = Path.Combine(_dir, kind);
            if (kind == "elf")
            {
                File.WriteAllBytes(input, new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            }
            else if (kind == "cut")
            {
                byte[] all = File.ReadAllBytes("/sys/kernel/btf/vmlinux");
                File.WriteAllBytes(input, all.AsSpan(0, 4096).ToArray());
            }

            string output = Path.Combine(_dir, "out.bpfkernel");
            ToolResult result = BpfSections.Run("kernel", "profile", "-o", output, "--btf", input);

            Assert.Equal(ExitCodes.Failure, result.ExitCode);
            Assert.StartsWith("bpf-sections: " + input + ": ", result.Stderr, StringComparison.Ordinal);
            Assert.Contains(says, result.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
    }
}
