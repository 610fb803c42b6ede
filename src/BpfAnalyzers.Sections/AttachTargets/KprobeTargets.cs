using System;
using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>kprobe/FUNC[+OFFSET]</c>, <c>kretprobe/FUNC</c> and <c>k[ret]syscall/NAME</c>, as <c>attach_kprobe()</c> and
    /// <c>attach_ksyscall()</c> (1.0+) in <c>src/libbpf.c</c> read them. Releases differ: before 0.5
    /// <c>attach_kprobe()</c> hands the whole target to the kernel; 0.5 reads it with
    /// <c>sscanf("%m[a-zA-Z0-9_.]+%li")</c>; main refuses a negative offset first.
    /// </summary>
    internal static class KprobeTargets
    {
        private static readonly LibbpfVersion s_v0_5 = new(0, 5);

        // kprobe/FUNC[+OFFSET], kretprobe/FUNC (attach_kprobe()).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            bool retprobe = n.Type == "kretprobe";
            if (n.IsBare)
            {
                return NamesNothing(n, "no kernel function", "attach_kprobe()");
            }

            if (n.Version < s_v0_5)
            {
                return CheckKprobeVerbatim(n, retprobe);
            }

            // sscanf(func_name, "%m[a-zA-Z0-9_.]+%li", &func, &offset), from 0.5.
            int funcEnd = SymbolRun(n.Text, n.Target, n.End);
            if (funcEnd == n.Target)
            {
                bool empty = n.Target == n.End;
                return Rejected(
                    n.Target,
                    n.End,
                    empty
                        ? $"the function name after '{n.Type}/' is empty"
                        : $"the target must start with a function name of letters, digits, '_' and '.', and '{Cut(n.TargetText)}' does not",
                    Prints(LibbpfAttachMessages.KprobeNameInvalid(Cut(n.TargetText))),
                    empty && n.Version >= LibbpfVersion.V0_8 ? new[] { n.Prefix + n.Type } : null);
            }

            int readEnd = funcEnd;
            bool nonZero = false;
            bool hasOffset = false;
            if (funcEnd < n.End && n.Text[funcEnd] == '+' && CScanf.TryReadLong(n.Text, funcEnd + 1, n.End, out int next, out nonZero))
            {
                readEnd = next;
                hasOffset = true;
            }

            // main (not yet released) reads the offset as a signed long and refuses a negative one first.
            if (hasOffset && n.Version >= LibbpfAttachMessages.KprobeNegativeOffsetSince && CScanf.ReadLongValue(n.Text, funcEnd + 1, readEnd) is long offset && offset < 0)
            {
                return Rejected(
                    funcEnd,
                    n.End,
                    "the offset is negative",
                    Prints(LibbpfAttachMessages.KprobeNegativeOffset(offset)),
                    new[] { n.Part(0, funcEnd) });
            }

            if (retprobe && hasOffset && nonZero)
            {
                return Rejected(
                    funcEnd,
                    n.End,
                    "kretprobes take no offset",
                    Prints(LibbpfAttachMessages.KretprobeOffset),
                    new[] { n.Part(0, funcEnd) });
            }

            if (readEnd < n.End)
            {
                string read = n.Part(n.Target, readEnd);
                return Misread(
                    readEnd,
                    n.End,
                    $"it attaches to '{Cut(read)}' and silently ignores '{Cut(n.Part(readEnd, n.End))}', because attach_kprobe() reads the target with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there",
                    new[] { n.Part(0, readEnd) });
            }

            return null;
        }

        // Before 0.5 attach_kprobe() handed everything after "kprobe/" to the kernel as the function name.
        private static AttachTargetFinding? CheckKprobeVerbatim(in AttachTargetName n, bool retprobe)
        {
            int bad = SymbolRun(n.Text, n.Target, n.End);
            if (n.Target < n.End && bad == n.End)
            {
                return null;
            }

            string target = Cut(n.TargetText);
            string reason = n.Target == n.End
                ? $"the function name after '{n.Type}/' is empty"
                : n.Text[bad] == '+'
                    ? $"libbpf {n.Version} passes '{target}' to the kernel as the function name: the FUNC+OFFSET form needs libbpf 0.5"
                    : $"libbpf {n.Version} passes '{target}' to the kernel as the function name, and no kernel function has '{n.Text[bad]}' in its name";
            return Rejected(bad, n.End, reason, Prints(LibbpfAttachMessages.KprobePerfEventFailed(n.Program, retprobe, target, n.Version)), null);
        }

        /// <summary>The wrapper prefixes attach_ksyscall() puts before the name itself (arch_specific_syscall_pfx(), and __se_).</summary>
        private static readonly string[] s_syscallPrefixes =
        {
            "__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__s390x_sys_", "__s390_sys_", "__riscv_sys_", "__powerpc_sys_", "__loongarch_sys_", "__arm_sys_", "__se_sys_", "sys_",
        };

        // k[ret]syscall/NAME (attach_ksyscall(), 1.0+): the name is the system call's, libbpf adds the wrapper prefix
        // itself ("__x64_sys_" + NAME, or "__se_sys_" + NAME), so 'ksyscall/sys_openat' probes __x64_sys_sys_openat,
        // which no kernel has. Only a bare type attaches nothing.
        internal static AttachTargetFinding? CheckKsyscall(in AttachTargetName n)
        {
            if (n.IsBare)
            {
                return NamesNothing(n, "no system call", "attach_ksyscall()");
            }

            string target = n.TargetText;
            foreach (string prefix in s_syscallPrefixes)
            {
                if (target.Length > prefix.Length && target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    string syscall = target.Substring(prefix.Length);
                    string wrapped = (prefix == "sys_" || prefix == "__se_sys_" ? "__x64_sys_" : prefix) + target;
                    return Rejected(
                        n.Target,
                        n.Target + prefix.Length,
                        $"attach_ksyscall() adds the system call wrapper prefix itself, so '{Cut(target)}' becomes '{Cut(wrapped)}' (on x86_64), which no kernel has: write the system call's own name",
                        Prints(LibbpfAttachMessages.KprobePerfEventFailed(n.Program, n.Type.StartsWith("kret", StringComparison.Ordinal), wrapped + "+0x0", n.Version)),
                        new[] { n.Prefix + n.Part(n.Start, n.Target) + syscall });
                }
            }

            return null;
        }
    }
}
