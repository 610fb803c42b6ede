using System;
using System.Collections.Generic;

namespace BpfAnalyzers.Sections
{
    /// <summary>What goes wrong with a section's attach target, and when.</summary>
    public enum AttachTargetProblem
    {
        /// <summary>libbpf's attach function rejects the target: auto-attach fails.</summary>
        Rejected,

        /// <summary>libbpf reads the target differently from how it is written, and says nothing.</summary>
        Misread,

        /// <summary>The program loads, but libbpf cannot auto-attach it (informational).</summary>
        NoAutoAttach,

        /// <summary>A <c>SEC_ATTACH_BTF</c> type without a target: the program fails to load.</summary>
        BtfTargetMissing,

        /// <summary>A BTF target that no kernel BTF can hold: the program fails to load.</summary>
        BtfTargetInvalid,

        /// <summary>An <c>iter/</c> target no Linux kernel defines.</summary>
        UnknownIterator,

        /// <summary>
        /// A <c>tp/</c> or <c>raw_tp/</c> target libbpf hands to the kernel, which no kernel can have:
        /// auto-attach fails on every kernel.
        /// </summary>
        NoSuchTracepoint,
    }

    /// <summary>
    /// One problem with a section's attach target: where it is in the name (offsets into
    /// <see cref="SectionResolution.Name"/>, so a leading <c>?</c> counts), why, what libbpf prints, and
    /// the names that would fix it.
    /// </summary>
    public sealed class AttachTargetFinding
    {
        internal AttachTargetFinding(AttachTargetProblem problem, int start, int length, string reason, string outcome, IReadOnlyList<string>? fixes, bool waivedBySettingTargetInCode, string? iterator = null)
        {
            // Everything but the BTF lookup at load comes from libbpf's attach_*() parsers, which run only
            // when libbpf auto-attaches (bpf_program__attach(), bpf_object__attach_skeleton()).
            OnlyBreaksAutoAttach = problem is AttachTargetProblem.Rejected or AttachTargetProblem.Misread or AttachTargetProblem.NoAutoAttach or AttachTargetProblem.NoSuchTracepoint;
            Problem = problem;
            Start = start;
            Length = length;
            Reason = reason;
            Outcome = outcome;
            Fixes = fixes ?? Array.Empty<string>();
            WaivedBySettingTargetInCode = waivedBySettingTargetInCode;
            Iterator = iterator;
        }

        public AttachTargetProblem Problem { get; }

        /// <summary>Where the offending part starts in the name.</summary>
        public int Start { get; }

        /// <summary>How long the offending part is (at least 1).</summary>
        public int Length { get; }

        /// <summary>Why, in words: "kretprobes take no offset".</summary>
        public string Reason { get; }

        /// <summary>What libbpf prints or does: <c>libbpf prints "kretprobes do not support offset specification"</c>.</summary>
        public string Outcome { get; }

        /// <summary>Whole section names that fix it, best first; empty when no fix is clearly right.</summary>
        public IReadOnlyList<string> Fixes { get; }

        /// <summary>
        /// True when a program that sets its target in code (<c>bpf_program__set_attach_target()</c>, or
        /// attaches itself) does not have this problem.
        /// </summary>
        public bool WaivedBySettingTargetInCode { get; }

        /// <summary>
        /// True when only libbpf's auto-attach reads the part of the name at fault: the program loads,
        /// and a loader that attaches it in code (<c>bpf_program__attach_*()</c>, or
        /// <c>bpf_program__set_autoattach(false)</c>) never has this problem.
        /// </summary>
        public bool OnlyBreaksAutoAttach { get; }

        /// <summary>The iterator name, for <see cref="AttachTargetProblem.UnknownIterator"/>.</summary>
        public string? Iterator { get; }

        public override string ToString() => $"{Problem} [{Start},{Start + Length}): {Reason}; {Outcome}";
    }
}
