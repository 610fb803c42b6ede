namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// Turns what <see cref="AttachTargetRules"/> finds in the attach target of a name into the finding every surface
    /// reports, pointing at just the offending part of the name.
    /// </summary>
    internal static class AttachTargetFindings
    {
        /// <summary>
        /// True when the name's own finding leaves room for an attach-target check: none, or a warning that the name is
        /// not canonical, deprecated or legacy. Never on top of a section-name error.
        /// </summary>
        public static bool ApplyAfter(Finding? nameFinding) =>
            nameFinding is null ||
            nameFinding.Rule == Rules.NonCanonicalSection || nameFinding.Rule == Rules.DeprecatedSection || nameFinding.Rule == Rules.LegacySection;

        /// <summary>The attach-target finding of <paramref name="name"/>, or null.</summary>
        public static Finding? Check(string name, LibbpfSetup libbpf, string program, System.Collections.Generic.IReadOnlyList<SectionEntry>? custom)
        {
            // Odd characters already earn the name a warning with its clean spelling; that one is checked instead.
            if (ProgramSectionRules.Malformation(name) is not null)
            {
                return null;
            }

            SectionResolution resolution = SectionResolver.ResolveProgram(name, libbpf, custom);
            AttachTargetFinding? finding = AttachTargetRules.Check(resolution, program);
            if (finding is null)
            {
                return null;
            }

            string reason = finding.Reason;
            System.Collections.Generic.IReadOnlyList<string> fixes = finding.Fixes;
            if (MisplacedOptionalMarker(name, resolution, libbpf, custom) is System.Collections.Generic.List<string> moved)
            {
                // scx's SEC("tp_btf/hw_pressure_update?"): libbpf reads '?' only in front of the name
                // (bpf_object__init_prog(): sec_name[0] == '?'), so the one at the end is part of the target.
                reason += libbpf.SupportsNoAutoload
                    ? "; libbpf reads '?' only in front of the section name, where it makes the program optional: write '" + moved[0] + "'"
                    : "; a '?' makes a program optional only in front of the section name, and only from libbpf 0.8: write '" + moved[0] + "'";
                foreach (string f in fixes)
                {
                    if (!moved.Contains(f))
                    {
                        moved.Add(f);
                    }
                }

                fixes = moved;
            }

            LoaderWaiver waiver = (finding.OnlyBreaksAutoAttach ? LoaderWaiver.AttachesInCode : LoaderWaiver.None) |
                                  (finding.WaivedBySettingTargetInCode ? LoaderWaiver.SetsAttachTarget : LoaderWaiver.None);
            string version = libbpf.ToString();
            string display = ProgramSectionRules.Display(name);
            Rule rule = RuleOf(finding.Problem);
            string[] arguments = rule == Rules.UnknownIterator
                ? new[] { version, display, finding.Iterator!, DidYouMean(finding), finding.Outcome }
                : new[] { version, display, reason, finding.Outcome };
            return new Finding(rule, arguments, fixes, finding.Start, finding.Length, waiver);
        }

        /// <summary>
        /// For a name whose attach target ends in '?' (meant as libbpf's optional marker), the names that put it right: the
        /// marker in front (from 0.8, which reads it), then the name without it; only those whose target libbpf takes.
        /// Null when the name does not end in '?' or neither spelling is clean.
        /// </summary>
        private static System.Collections.Generic.List<string>? MisplacedOptionalMarker(string name, in SectionResolution resolution, LibbpfSetup libbpf, System.Collections.Generic.IReadOnlyList<SectionEntry>? custom)
        {
            if (name.Length < 2 || name[name.Length - 1] != '?' || resolution.AttachTarget is not string attachTarget || attachTarget.Trim('?').Length == 0)
            {
                return null;
            }

            string bare = name.TrimEnd('?');
            string plain = resolution.NameStart > 0 ? bare.Substring(resolution.NameStart) : bare;
            var candidates = libbpf.SupportsNoAutoload ? new[] { "?" + plain, plain } : new[] { plain };
            var fixes = new System.Collections.Generic.List<string>(2);
            foreach (string candidate in candidates)
            {
                SectionResolution r = SectionResolver.ResolveProgram(candidate, libbpf, custom);
                if (r.IsMatch && !r.IsLegacyPrefix && ReferenceEquals(r.Entry, resolution.Entry) && AttachTargetRules.Check(r) is null)
                {
                    fixes.Add(candidate);
                }
            }

            return fixes.Count == 0 ? null : fixes;
        }

        /// <summary>The rule each kind of attach-target problem breaks: one each, and no kind filed under another's rule.</summary>
        internal static Rule RuleOf(AttachTargetProblem problem) => problem switch
        {
            AttachTargetProblem.Rejected => Rules.AttachTargetRejected,
            AttachTargetProblem.Misread => Rules.AttachTargetMisread,
            AttachTargetProblem.NoAutoAttach => Rules.NoAutoAttach,
            AttachTargetProblem.BtfTargetMissing => Rules.BtfAttachTargetMissing,
            AttachTargetProblem.BtfTargetInvalid => Rules.BtfAttachTargetInvalid,
            AttachTargetProblem.NoSuchTracepoint => Rules.NoSuchTracepoint,
            AttachTargetProblem.UnknownIterator => Rules.UnknownIterator,
            _ => throw new System.ArgumentOutOfRangeException(nameof(problem), problem, "an attach-target problem without a rule"),
        };

        /// <summary>The fixes are whole names that differ from the start of the iterator on; the message names the iterators.</summary>
        private static string DidYouMean(AttachTargetFinding finding)
        {
            if (finding.Fixes.Count == 0)
            {
                return string.Empty;
            }

            var names = new string[finding.Fixes.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = "'" + finding.Fixes[i].Substring(finding.Start) + "'";
            }

            return "; did you mean " + string.Join(" or ", names) + "?";
        }
    }
}
