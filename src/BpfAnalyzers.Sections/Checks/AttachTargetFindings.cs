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
            nameFinding.Id is RuleIds.NonCanonicalSection or RuleIds.DeprecatedSection or RuleIds.LegacySection;

        /// <summary>The attach-target finding of <paramref name="name"/>, or null.</summary>
        public static Finding? Check(string name, SectionTarget target, string program, System.Collections.Generic.IReadOnlyList<SectionEntry>? custom)
        {
            // Odd characters already earn the name a warning with its clean spelling; that one is checked instead.
            if (ProgramSectionRules.Malformation(name) is not null)
            {
                return null;
            }

            AttachTargetFinding? finding = AttachTargetRules.Check(SectionResolver.ResolveProgram(name, target, custom), program);
            if (finding is null)
            {
                return null;
            }

            LoaderWaiver waiver = (finding.OnlyBreaksAutoAttach ? LoaderWaiver.AttachesInCode : LoaderWaiver.None) |
                                  (finding.WaivedBySettingTargetInCode ? LoaderWaiver.SetsAttachTarget : LoaderWaiver.None);
            string version = target.ToString();
            string display = ProgramSectionRules.Display(name);
            Rule rule = finding.Problem switch
            {
                AttachTargetProblem.Rejected => Rules.AttachTargetRejected,
                AttachTargetProblem.Misread => Rules.AttachTargetMisread,
                AttachTargetProblem.NoAutoAttach => Rules.NoAutoAttach,
                AttachTargetProblem.BtfTargetMissing => Rules.BtfAttachTargetMissing,
                AttachTargetProblem.BtfTargetInvalid => Rules.BtfAttachTargetInvalid,
                AttachTargetProblem.NoSuchTracepoint => Rules.NoSuchTracepoint,
                _ => Rules.UnknownIterator,
            };
            string[] arguments = rule == Rules.UnknownIterator
                ? new[] { version, display, finding.Iterator!, DidYouMean(finding), finding.Outcome }
                : new[] { version, display, finding.Reason, finding.Outcome };
            return new Finding(rule, arguments, finding.Fixes, finding.Start, finding.Length, waiver);
        }

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
