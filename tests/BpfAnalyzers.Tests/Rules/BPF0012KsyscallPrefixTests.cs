using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Tests
{
    /// <summary>
    /// Issue 22, without any kernel profile: attach_ksyscall() adds the syscall wrapper prefix itself
    /// (<c>__x64_sys_</c> + NAME, or <c>__se_sys_</c> + NAME), so a name that already carries one is wrong on every
    /// kernel. BPF0012 (auto-attach only), fixed to the system call's own name.
    /// </summary>
    public class BPF0012KsyscallPrefixTests
    {
        [Theory]
        [InlineData("ksyscall/", "sys_", "openat")]
        [InlineData("ksyscall/", "__x64_sys_", "openat")]
        [InlineData("kretsyscall/", "__arm64_sys_", "execve")]
        [InlineData("ksyscall/", "__se_sys_", "bpf")]
        public Task A_syscall_name_with_the_wrapper_prefix_is_fixed_to_the_bare_name(string type, string prefix, string syscall) =>
            Verify.Fix(
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + type + "{|BPF0012:" + prefix + "|}" + syscall + "\")] static int Prog() => 0; }",
                "using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + type + syscall + "\")] static int Prog() => 0; }");

        [Theory]
        [InlineData("ksyscall/openat")]
        [InlineData("ksyscall/sysinfo")]
        [InlineData("kretsyscall/syslog")]
        public Task A_system_call_s_own_name_is_clean(string name) =>
            Verify.Analyzer("using BpfAnalyzers;\nstatic class P { [BpfSection(\"" + name + "\")] static int Prog() => 0; }");

        [Fact]
        public Task A_loader_that_attaches_itself_waives_it() =>
            Verify.Analyzer("using BpfAnalyzers;\nstatic class P { [BpfLoader(AttachesInCode = true)] [BpfSection(\"ksyscall/sys_openat\")] static int Prog() => 0; }");
    }
}
