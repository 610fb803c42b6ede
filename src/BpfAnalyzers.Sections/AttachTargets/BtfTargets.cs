using System;
using System.Collections.Generic;
using static BpfAnalyzers.Sections.AttachTargetRules;
using static BpfAnalyzers.Sections.TargetParsing;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// <c>SEC_ATTACH_BTF</c> sections (<c>fentry</c>, <c>fexit</c>, <c>fmod_ret</c>, <c>fsession</c>, <c>tp_btf</c>,
    /// <c>lsm</c>, <c>iter</c>, <c>freplace</c>): their target is looked up in kernel BTF at load, as
    /// <c>libbpf_find_attach_btf_id()</c> → <c>find_kernel_btf_id()</c> in <c>src/libbpf.c</c> do it (called from
    /// <c>libbpf_prepare_prog_load()</c> since 0.8; <c>attach_trace()</c>, <c>attach_lsm()</c> and
    /// <c>attach_iter()</c> parse nothing). Releases differ: before 0.5 only prefixed types are bounded by the 128-byte name buffer; 1.5 reads
    /// <c>module:function</c>. <c>iter/</c> targets are also checked against the iterators Linux defines
    /// (<see cref="KernelIterators"/>).
    /// </summary>
    internal static class BtfTargets
    {
        private static readonly LibbpfVersion s_v0_5 = new(0, 5);
        private static readonly LibbpfVersion s_v1_5 = new(1, 5);

        // SEC_ATTACH_BTF types: the target is looked up in kernel BTF at load (libbpf_find_attach_btf_id()).
        internal static AttachTargetFinding? Check(in AttachTargetName n)
        {
            // An freplace program replaces a function of another BPF program, whose FD libbpf gets only from
            // bpf_program__set_attach_target() (libbpf_prepare_prog_load(): "attach program FD is not set"):
            // every freplace program sets its target in code, so the name's target is never the whole story.
            if (n.Type == "freplace")
            {
                return null;
            }

            if (n.IsBare)
            {
                string what = AttachFunction.BtfTargetKind(n.AttachType);
                return new AttachTargetFinding(
                    AttachTargetProblem.BtfTargetMissing,
                    n.Start,
                    n.End - n.Start,
                    $"'{n.Type}' needs a BTF attach target, {what}, after '/' or set in code with bpf_program__set_attach_target() (say so with [BpfLoader(SetsAttachTarget = true)] or AttachTargetSetInCode = true)",
                    Prints(LibbpfMessages.NoBtfAttachTarget(n.Program)),
                    null,
                    waivedBySettingTargetInCode: true);
            }

            if (n.Target == n.End)
            {
                return BtfInvalid(n.Target, n.End, "the attach target after '/' is empty", NotFound(n, string.Empty, "ESRCH", 3));
            }

            // 1.5 reads "module:function" (find_kernel_btf_id()); before, ':' is just part of the name.
            int colon = n.Text.IndexOf(':', n.Target, n.End - n.Target);
            int functionStart = n.Target;
            if (colon >= 0)
            {
                if (n.Version < s_v1_5)
                {
                    string target = Cut(n.TargetText);
                    return BtfInvalid(colon, n.End, $"libbpf {n.Version} has no 'module:function' form (libbpf 1.5 added it), so it looks for a BTF name '{target}'", NotFound(n, target, "ESRCH", 3));
                }

                functionStart = colon + 1;
                if (functionStart == n.End)
                {
                    return BtfInvalid(functionStart, n.End, $"the name after '{Cut(n.Part(n.Target, functionStart))}' is empty", NotFound(n, Cut(n.TargetText), "ESRCH", 3));
                }
            }

            // The kernel accepts a BTF function or typedef only under a C identifier (btf_func_check_meta(),
            // btf_ref_type_check_meta(): btf_name_valid_identifier()), so 'fentry/3', 'lsm/.s' or 'fentry/f.isra.0'
            // are never found, whatever the kernel (libbpf 1.1.2 on Linux 6.18: "failed to find kernel BTF type ID").
            // Behind a prefix the name may start with a digit: 'tp_btf/9p_client_req' is btf_trace_9p_client_req.
            int bad = IdentifierEnd(n.Text, functionStart, n.End, leadingDigit: AttachFunction.BtfPrefix(n.AttachType).Length > 0);
            if (bad < n.End)
            {
                return BtfInvalid(
                    functionStart,
                    n.End,
                    $"'{Cut(n.Part(functionStart, n.End))}' cannot be in kernel BTF: BTF names are C identifiers, and {Offending(n.Text, functionStart, bad)}",
                    NotFound(n, Cut(n.TargetText), "ESRCH", 3));
            }

            // find_btf_by_prefix_kind() prints "prefix"+"name" into char[128]; before 0.5 only prefixed types did.
            string prefix = AttachFunction.BtfPrefix(n.AttachType);
            int length = prefix.Length + (n.End - functionStart);
            if (length >= BtfMaxNameSize && (n.Version >= s_v0_5 || prefix.Length > 0))
            {
                return BtfInvalid(
                    functionStart,
                    n.End,
                    $"libbpf looks the name up as '{prefix}NAME' in a {BtfMaxNameSize}-byte buffer, and {length} characters do not fit",
                    NotFound(n, Cut(n.TargetText), "ENAMETOOLONG", 36));
            }

            if ((n.Type == "iter" || n.Type == "iter.s") && !KernelIterators.IsKnown(n.Text, functionStart, n.End - functionStart))
            {
                string iterator = n.Part(functionStart, n.End);
                var fixes = new List<string>();
                foreach (string known in KernelIterators.Nearest(iterator, 3))
                {
                    fixes.Add(n.Prefix + n.Part(n.Start, functionStart) + known);
                }

                return new AttachTargetFinding(
                    AttachTargetProblem.UnknownIterator,
                    functionStart,
                    n.End - functionStart,
                    $"no Linux kernel defines a 'bpf_iter_{Cut(iterator)}' iterator",
                    NotFound(n, Cut(n.TargetText), "ESRCH", 3),
                    fixes,
                    waivedBySettingTargetInCode: true,
                    iterator: iterator);
            }

            return null;
        }

        private static string NotFound(in AttachTargetName n, string attachName, string errno, int number) =>
            Prints(LibbpfAttachMessages.BtfTypeNotFound(n.Program, attachName, errno, number, n.Version));

        private static AttachTargetFinding BtfInvalid(int from, int to, string reason, string outcome) =>
            new(AttachTargetProblem.BtfTargetInvalid, SpanStart(from, to), SpanLength(from, to), reason, outcome, null, waivedBySettingTargetInCode: true);
    }
}
