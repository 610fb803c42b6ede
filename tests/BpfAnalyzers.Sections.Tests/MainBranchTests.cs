using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// libbpf's main branch as a target (<c>data/libbpf/tables/main.tsv</c>, read off <c>src/libbpf.c</c> at the
    /// commit its first line names): what only main has, how <c>main</c> and versions past the newest
    /// release parse, and what main's attach functions make of the new entries. Each main-only fact quotes
    /// its line of <c>src/libbpf.c</c> at f7081a6baf3f.
    /// </summary>
    public class MainBranchTests
    {
        private static readonly LibbpfSetup s_main = new(LibbpfVersion.Main);

        private static AttachTargetFinding? Check(string name, string version = "main") =>
            AttachTargetRules.Check(SectionResolver.ResolveProgram(name, new LibbpfSetup(LibbpfVersion.Parse(version))), "P");

        [Theory]
        [InlineData("main")]
        [InlineData("MAIN")]
        [InlineData("Main")]
        [InlineData(" main ")]
        [InlineData("master")]
        public void Main_parses_in_any_case_and_as_the_branchs_git_name(string text)
        {
            Assert.True(LibbpfVersion.TryParse(text, out LibbpfVersion v));
            Assert.True(v.IsMain);
            Assert.Equal(LibbpfVersion.Main, v);
            Assert.Equal("main", v.ToString());
        }

        [Theory]
        [InlineData("1.8")]
        [InlineData("1.8.0")]
        [InlineData("v2.0")]
        [InlineData("9.9")]
        public void Versions_past_the_newest_release_do_not_parse_and_say_why(string text)
        {
            Assert.False(LibbpfVersion.TryParse(text, out _));
            Assert.True(LibbpfVersion.IsNewerThanEveryRelease(text));
        }

        [Theory]
        [InlineData("0.9")]
        [InlineData("1.7")]
        [InlineData("1.7.1")]
        [InlineData("main")]
        [InlineData("mainline")]
        [InlineData("abc")]
        [InlineData("")]
        [InlineData(null)]
        public void Known_or_malformed_versions_are_not_past_the_newest_release(string? text) =>
            Assert.False(LibbpfVersion.IsNewerThanEveryRelease(text));

        [Fact]
        public void Main_is_newer_than_every_release_and_is_not_the_default()
        {
            Assert.All(SectionTable.Releases.Where(v => !v.IsMain), v => Assert.True(v < LibbpfVersion.Main));
            Assert.Equal(LibbpfVersion.Main, SectionTable.Releases.Last());
            Assert.Equal(new LibbpfVersion(1, 7), LibbpfVersion.Latest);
            Assert.Equal(LibbpfVersion.Latest, LibbpfVersion.Parse("latest"));
            Assert.False(LibbpfVersion.Latest.IsMain);
        }

        [Fact]
        public void Messages_name_main_as_not_yet_released()
        {
            Assert.Equal("libbpf main (not yet released)", LibbpfVersion.Main.AsFirstNeeded);
            Assert.Equal("libbpf 1.3 or newer", new LibbpfVersion(1, 3).AsFirstNeeded);
            Assert.Equal("libbpf main", new LibbpfSetup(LibbpfVersion.Main).ToString());
        }

        [Fact]
        public void The_main_table_records_the_commit_it_was_read_at()
        {
            string first = File.ReadLines(Path.Combine(RepoPaths.Tables, "main.tsv")).First();
            Assert.Equal($"# libbpf main branch at commit {SectionTable.MainCommit} ({SectionTable.MainCommitDate}): section_defs[] of src/libbpf.c", first);
            Assert.Matches("^[0-9a-f]{40}$", SectionTable.MainCommit);
        }

        // Every entry main has and 1.7 lacks, with its line in src/libbpf.c at f7081a6baf3f.
        [Theory]
        [InlineData("tracepoint.s+", "tracepoint", "cgroup_inet_ingress", "SEC_DEF(\"tracepoint.s+\",	TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),")]
        [InlineData("tp.s+", "tracepoint", "cgroup_inet_ingress", "SEC_DEF(\"tp.s+\",		TRACEPOINT, 0, SEC_SLEEPABLE, attach_tp),")]
        [InlineData("raw_tracepoint.s+", "raw_tracepoint", "cgroup_inet_ingress", "SEC_DEF(\"raw_tracepoint.s+\",	RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),")]
        [InlineData("raw_tp.s+", "raw_tracepoint", "cgroup_inet_ingress", "SEC_DEF(\"raw_tp.s+\",		RAW_TRACEPOINT, 0, SEC_SLEEPABLE, attach_raw_tp),")]
        [InlineData("tp_btf.s+", "tracing", "trace_raw_tp", "SEC_DEF(\"tp_btf.s+\",		TRACING, BPF_TRACE_RAW_TP, SEC_ATTACH_BTF | SEC_SLEEPABLE, attach_trace),")]
        [InlineData("fsession.multi+", "tracing", "trace_fsession_multi", "SEC_DEF(\"fsession.multi+\",	TRACING, BPF_TRACE_FSESSION_MULTI, 0, attach_tracing_multi),")]
        [InlineData("fsession.multi.s+", "tracing", "trace_fsession_multi", "SEC_DEF(\"fsession.multi.s+\",	TRACING, BPF_TRACE_FSESSION_MULTI, SEC_SLEEPABLE, attach_tracing_multi),")]
        [InlineData("fentry.multi+", "tracing", "trace_fentry_multi", "SEC_DEF(\"fentry.multi+\",	TRACING, BPF_TRACE_FENTRY_MULTI, 0, attach_tracing_multi),")]
        [InlineData("fexit.multi+", "tracing", "trace_fexit_multi", "SEC_DEF(\"fexit.multi+\",		TRACING, BPF_TRACE_FEXIT_MULTI, 0, attach_tracing_multi),")]
        [InlineData("fentry.multi.s+", "tracing", "trace_fentry_multi", "SEC_DEF(\"fentry.multi.s+\",	TRACING, BPF_TRACE_FENTRY_MULTI, SEC_SLEEPABLE, attach_tracing_multi),")]
        [InlineData("fexit.multi.s+", "tracing", "trace_fexit_multi", "SEC_DEF(\"fexit.multi.s+\",	TRACING, BPF_TRACE_FEXIT_MULTI, SEC_SLEEPABLE, attach_tracing_multi),")]
        public void Main_has_the_entries_its_source_line_declares(string section, string progType, string attachType, string libbpfLine)
        {
            SectionEntry e = Assert.Single(SectionTable.For(LibbpfVersion.Main), x => x.Section == section);
            Assert.Equal(progType, e.ProgTypeName);
            Assert.Equal(attachType, e.AttachTypeName);
            Assert.Equal(libbpfLine.Contains("SEC_SLEEPABLE"), (e.Flags & SectionFlags.Sleepable) != 0);
            Assert.Equal(libbpfLine.Contains("SEC_ATTACH_BTF"), (e.Flags & SectionFlags.AttachBtf) != 0);
            Assert.Equal(Regex.Match(libbpfLine, @"attach_\w+").Value, e.AttachFunction?.Name);
            Assert.DoesNotContain(SectionTable.For(LibbpfVersion.Latest), x => x.Section == section);
        }

        [Fact]
        public void Main_adds_exactly_eleven_entries_to_1_7_and_removes_none()
        {
            var main = SectionTable.For(LibbpfVersion.Main).Select(e => e.Section).ToList();
            var v17 = SectionTable.For(new LibbpfVersion(1, 7)).Select(e => e.Section).ToList();
            Assert.Empty(v17.Except(main));
            Assert.Equal(11, main.Except(v17).Count());
            Assert.Equal(116, main.Count);
        }

        [Theory]
        [InlineData("tp.s/sched/sched_switch", "tracepoint", "cgroup_inet_ingress")]
        [InlineData("tracepoint.s/syscalls/sys_enter_openat", "tracepoint", "cgroup_inet_ingress")]
        [InlineData("tp.s", "tracepoint", "cgroup_inet_ingress")]
        [InlineData("raw_tp.s/sched_switch", "raw_tracepoint", "cgroup_inet_ingress")]
        [InlineData("tp_btf.s/sched_switch", "tracing", "trace_raw_tp")]
        [InlineData("fentry.multi/vfs_*", "tracing", "trace_fentry_multi")]
        [InlineData("fentry.multi", "tracing", "trace_fentry_multi")]
        [InlineData("fexit.multi.s/bpf_fentry_test?", "tracing", "trace_fexit_multi")]
        [InlineData("fsession.multi/bpf_testmod:bpf_testmod_*", "tracing", "trace_fsession_multi")]
        public void Main_only_names_resolve_under_main_and_name_main_as_their_first_release(string name, string progType, string attachType)
        {
            SectionResolution r = SectionResolver.ResolveProgram(name, s_main);
            Assert.True(r.IsMatch);
            Assert.Equal(progType, r.Entry!.ProgTypeName);
            Assert.Equal(attachType, r.Entry.AttachTypeName);
            Assert.False(SectionResolver.ResolveProgram(name, new LibbpfSetup(LibbpfVersion.Latest)).IsMatch);
            Assert.Equal(LibbpfVersion.Main, SectionResolver.FirstReleaseAccepting(name, new LibbpfSetup(new LibbpfVersion(1, 1))));
        }

        [Theory]
        [InlineData("kprobe.s/do_sys_open")]
        [InlineData("tp.sfoo/sched/sched_switch")]
        [InlineData("fentry.multis/vfs_read")]
        [InlineData("fentry.s.multi/vfs_read")]
        public void Main_does_not_accept_near_misses(string name) =>
            Assert.False(SectionResolver.ResolveProgram(name, s_main).IsMatch);

        // attach_tp() on main: if (!match[0]) /* bare section name no autoattach */ return 0;
        // attach_tracing_multi(): /* no auto-attach case of, e.g., SEC("fentry.multi") */
        [Theory]
        [InlineData("tp.s")]
        [InlineData("tracepoint.s")]
        [InlineData("raw_tp.s")]
        [InlineData("fentry.multi")]
        [InlineData("fexit.multi.s")]
        [InlineData("fsession.multi")]
        public void Bare_new_names_load_but_do_not_auto_attach(string name) =>
            Assert.Equal(AttachTargetProblem.NoAutoAttach, Check(name)!.Problem);

        [Theory]
        [InlineData("tp.s/sched/sched_switch")]
        [InlineData("tracepoint.s/syscalls/sys_enter_openat")]
        [InlineData("raw_tp.s/sched_switch")]
        [InlineData("raw_tracepoint.s/sched_switch")]
        [InlineData("tp_btf.s/sched_switch")]
        [InlineData("fentry.multi/vfs_*")]
        [InlineData("fexit.multi/vfs_read")]
        [InlineData("fentry.multi.s/bpf_fentry_test?")]
        [InlineData("fsession.multi/bpf_testmod:bpf_testmod_fentry_test*")]
        [InlineData("kprobe/do_sys_open+0x10")]
        [InlineData("tp/sched/sched_switch")]
        public void Well_formed_targets_get_no_attach_finding_under_main(string name) =>
            Assert.Null(Check(name));

        // n = sscanf(spec, "%m[a-zA-Z0-9_.*?:]", &pattern); if (n < 1) { pr_warn("tracing multi pattern is invalid: %s\n", spec);
        [Theory]
        [InlineData("fentry.multi/", "", "tracing multi pattern is invalid: ")]
        [InlineData("fexit.multi/-vfs", "-vfs", "tracing multi pattern is invalid: -vfs")]
        public void Tracing_multi_patterns_libbpf_cannot_read_are_rejected(string name, string part, string prints)
        {
            AttachTargetFinding f = Check(name)!;
            Assert.Equal(AttachTargetProblem.Rejected, f.Problem);
            Assert.Equal(part.Length == 0 ? "/" : part, name.Substring(f.Start, f.Length));
            Assert.Equal($"libbpf prints \"{prints}\"", f.Outcome);
        }

        [Fact]
        public void Tracing_multi_reads_the_pattern_up_to_the_first_character_outside_its_set()
        {
            AttachTargetFinding f = Check("fentry.multi/vfs_*-x")!;
            Assert.Equal(AttachTargetProblem.Misread, f.Problem);
            Assert.Equal("-x", "fentry.multi/vfs_*-x".Substring(f.Start, f.Length));
            Assert.Equal(new[] { "fentry.multi/vfs_*" }, f.Fixes);
        }

        // sec_name_match_prefix(): if (sec_name[pfx_len] != '/' || sec_name[pfx_len + 1] == '\0') continue;
        // then attach_tp()/attach_raw_tp(): pr_warn("prog '%s': invalid section name '%s'\n", prog->name, prog->sec_name);
        [Theory]
        [InlineData("tp/")]
        [InlineData("tp.s/")]
        [InlineData("tracepoint/")]
        [InlineData("raw_tp/")]
        [InlineData("raw_tracepoint.s/")]
        public void Main_says_invalid_section_name_for_an_empty_tracepoint(string name)
        {
            AttachTargetFinding f = Check(name)!;
            Assert.Equal(AttachTargetProblem.Rejected, f.Problem);
            Assert.Equal($"libbpf prints \"prog 'P': invalid section name '{name}'\"", f.Outcome);
        }

        [Fact]
        public void Releases_before_main_keep_their_own_words_for_an_empty_raw_tracepoint() =>
            Assert.Equal(
                "libbpf prints \"prog 'P': failed to attach to raw tracepoint '': -ENOENT\"",
                Check("raw_tp/", "1.7")!.Outcome);

        // long offset = 0; ... if (offset < 0) { pr_warn("kprobe offset must be a non-negative integer: %li\n", offset);
        [Theory]
        [InlineData("kprobe/do_sys_open+-1", "-1")]
        [InlineData("kprobe/do_sys_open+-0x10", "-16")]
        [InlineData("kretprobe/do_exit+-8", "-8")]
        [InlineData("kprobe/f+-99999999999999999999", "-9223372036854775808")]
        public void Main_refuses_a_negative_kprobe_offset(string name, string printed)
        {
            AttachTargetFinding f = Check(name)!;
            Assert.Equal(AttachTargetProblem.Rejected, f.Problem);
            Assert.Equal($"libbpf prints \"kprobe offset must be a non-negative integer: {printed}\"", f.Outcome);
        }

        [Fact]
        public void Releases_before_main_read_a_negative_kprobe_offset_without_complaint() =>
            Assert.Null(Check("kprobe/do_sys_open+-1", "1.7"));

        [Fact]
        public void Entries_without_an_attach_function_get_no_attach_finding_under_main()
        {
            // What the rules do not model must stay silent: no attach function, no BTF lookup, no finding.
            var silent = SectionTable.For(LibbpfVersion.Main)
                .Where(e => e.AttachFunction?.Name is null && (e.Flags & SectionFlags.AttachBtf) == 0)
                .ToList();
            Assert.NotEmpty(silent);
            foreach (SectionEntry e in silent)
            {
                foreach (string name in e.Match == SectionMatch.Plus ? new[] { e.Type, e.Type + "/", e.Type + "/x:y-z" } : new[] { e.Section })
                {
                    SectionResolution r = SectionResolver.ResolveProgram(name, s_main);
                    Assert.Same(e, r.Entry);
                    Assert.Null(AttachTargetRules.Check(r, "P"));
                }
            }
        }

        [Fact]
        public void Main_zero_offset_with_a_minus_sign_is_fine() =>
            Assert.Null(Check("kprobe/do_sys_open+-0"));
    }
}
