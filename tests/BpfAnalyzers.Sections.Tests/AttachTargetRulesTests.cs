using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// What each libbpf release's attach parser makes of a target: one behaviour per test, with the
    /// span of the offending part, libbpf's words and the fix.
    /// </summary>
    public class AttachTargetRulesTests
    {
        private static AttachTargetFinding? Check(string name, string version = "1.7") =>
            AttachTargetRules.Check(SectionResolver.ResolveProgram(name, new LibbpfSetup(LibbpfVersion.Parse(version))), "P");

        private static AttachTargetFinding Expect(string name, AttachTargetProblem problem, string part, string version = "1.7")
        {
            AttachTargetFinding? f = Check(name, version);
            Assert.NotNull(f);
            Assert.Equal(problem, f!.Problem);
            Assert.Equal(part, name.Substring(f.Start, f.Length));
            return f;
        }

        [Theory]
        [InlineData("kprobe/do_sys_open")]
        [InlineData("kprobe/do_sys_open+0x10")]
        [InlineData("kprobe/do_sys_open+16")]
        [InlineData("kprobe/tcp_v4_connect.isra.0")]
        [InlineData("kretprobe/do_exit")]
        [InlineData("kretprobe/do_exit+0")]
        [InlineData("kretprobe/do_exit+0x0")]
        [InlineData("?kprobe/do_sys_open")]
        [InlineData("uprobe//bin/bash:readline")]
        [InlineData("uprobe/libc.so.6:malloc+0x10")]
        [InlineData("uretprobe//bin/bash:readline")]
        [InlineData("uprobe.s//bin/bash:readline")]
        [InlineData("uprobe.multi//bin/bash:read*")]
        [InlineData("uretprobe.multi.s//bin/bash:read*")]
        [InlineData("uprobe.session//bin/bash:readline")]
        [InlineData("kprobe.multi/tcp_*")]
        [InlineData("kretprobe.multi/tcp_v?_connect")]
        [InlineData("kprobe.session/do_*")]
        [InlineData("ksyscall/openat")]
        [InlineData("kretsyscall/openat")]
        [InlineData("usdt/libc.so.6:libc:setjmp")]
        [InlineData("usdt//usr/lib/libc.so.6:libc:memory_malloc_retry")]
        [InlineData("tp/sched/sched_switch")]
        [InlineData("tracepoint/syscalls/sys_enter_openat")]
        [InlineData("raw_tp/sched_switch")]
        [InlineData("raw_tracepoint.w/bpf_test_finish")]
        [InlineData("fentry/do_unlinkat")]
        [InlineData("fexit.s/__x64_sys_openat")]
        [InlineData("fmod_ret/bpf_modify_return_test")]
        [InlineData("tp_btf/sched_switch")]
        [InlineData("lsm/file_open")]
        [InlineData("lsm_cgroup/socket_bind")]
        [InlineData("iter/task")]
        [InlineData("iter.s/task_vma")]
        [InlineData("fentry/bpf_testmod:bpf_testmod_test_read")]
        [InlineData("xdp")]
        [InlineData("struct_ops/x")]
        [InlineData("cgroup/sock_create")]
        public void Valid_targets_raise_nothing(string name) => Assert.Null(Check(name));

        [Theory]
        [InlineData("kprobe", "kprobe")]
        [InlineData("kretprobe", "kretprobe")]
        [InlineData("uprobe", "uprobe")]
        [InlineData("uretprobe.s", "uretprobe.s")]
        [InlineData("uprobe/", "/")]
        [InlineData("uprobe.multi", "uprobe.multi")]
        [InlineData("kprobe.multi", "kprobe.multi")]
        [InlineData("kprobe.session", "kprobe.session")]
        [InlineData("ksyscall", "ksyscall")]
        [InlineData("usdt", "usdt")]
        [InlineData("tp", "tp")]
        [InlineData("tracepoint", "tracepoint")]
        [InlineData("raw_tp", "raw_tp")]
        [InlineData("raw_tracepoint.w", "raw_tracepoint.w")]
        public void Bare_forms_load_but_cannot_auto_attach(string name, string part)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.NoAutoAttach, part);
            Assert.Equal("libbpf prints nothing: the skeleton skips the program, and bpf_program__attach() fails with -EOPNOTSUPP", f.Outcome);
            Assert.True(f.WaivedBySettingTargetInCode);
        }

        [Fact]
        public void Before_0_8_uprobes_never_auto_attach()
        {
            AttachTargetFinding f = Expect("uprobe//bin/bash:readline", AttachTargetProblem.NoAutoAttach, "uprobe//bin/bash:readline", "0.7");
            Assert.Contains("attach_uprobe() came in libbpf 0.8", f.Reason);
            Assert.EndsWith("fails with -ESRCH", f.Outcome);
        }

        [Fact]
        public void Kprobe_with_an_empty_target_fails_to_attach()
        {
            AttachTargetFinding f = Expect("kprobe/", AttachTargetProblem.Rejected, "/");
            Assert.Equal("the function name after 'kprobe/' is empty", f.Reason);
            Assert.Equal("libbpf prints \"kprobe name is invalid: \"", f.Outcome);
            Assert.Equal(new[] { "kprobe" }, f.Fixes);
        }

        [Fact]
        public void Kprobe_target_must_start_with_a_function_name()
        {
            AttachTargetFinding f = Expect("kprobe/-foo", AttachTargetProblem.Rejected, "-foo");
            Assert.Equal("libbpf prints \"kprobe name is invalid: -foo\"", f.Outcome);
            Assert.Empty(f.Fixes);
        }

        [Fact]
        public void Kretprobe_takes_no_offset()
        {
            AttachTargetFinding f = Expect("kretprobe/do_exit+0x10", AttachTargetProblem.Rejected, "+0x10");
            Assert.Equal("kretprobes take no offset", f.Reason);
            Assert.Equal("libbpf prints \"kretprobes do not support offset specification\"", f.Outcome);
            Assert.Equal(new[] { "kretprobe/do_exit" }, f.Fixes);
        }

        [Theory]
        [InlineData("kprobe/foo-bar", "-bar", "kprobe/foo")]
        [InlineData("kprobe/foo+bar", "+bar", "kprobe/foo")]
        [InlineData("kprobe/foo+", "+", "kprobe/foo")]
        [InlineData("kprobe/foo+0x10zz", "zz", "kprobe/foo+0x10")]
        [InlineData("kprobe/foo@plt", "@plt", "kprobe/foo")]
        [InlineData("?kprobe/foo-bar", "-bar", "?kprobe/foo")]
        [InlineData("kretprobe/foo+0junk", "junk", "kretprobe/foo+0")]
        public void Kprobe_sscanf_silently_stops_at_the_first_unexpected_character(string name, string ignored, string fix)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.Misread, ignored);
            Assert.Equal(new[] { fix }, f.Fixes);
            Assert.Equal("libbpf prints nothing", f.Outcome);
        }

        [Fact]
        public void Kprobe_foo_bar_says_it_attaches_to_foo()
        {
            AttachTargetFinding f = Expect("kprobe/foo-bar", AttachTargetProblem.Misread, "-bar");
            Assert.Equal("it attaches to 'foo' and silently ignores '-bar', because attach_kprobe() reads the target with sscanf(\"%m[a-zA-Z0-9_.]+%li\"), which stops there", f.Reason);
        }

        [Fact]
        public void Before_0_5_libbpf_passes_the_whole_kprobe_target_to_the_kernel()
        {
            Assert.Null(Check("kprobe/do_sys_open", "0.4"));
            AttachTargetFinding f = Expect("kprobe/do_sys_open+0x10", AttachTargetProblem.Rejected, "+0x10", "0.4");
            Assert.Equal("libbpf 0.4 passes 'do_sys_open+0x10' to the kernel as the function name: the FUNC+OFFSET form needs libbpf 0.5", f.Reason);
            Assert.Equal("libbpf prints \"prog 'P': failed to create kprobe 'do_sys_open+0x10' perf event: …\"", f.Outcome);
            Assert.Equal("libbpf prints \"program 'P': failed to create kretprobe 'x-y' perf event: …\"", Expect("kretprobe/x-y", AttachTargetProblem.Rejected, "-y", "0.1").Outcome);
        }

        [Fact]
        public void Uprobe_without_a_function_fails_to_attach()
        {
            AttachTargetFinding f = Expect("uprobe//usr/bin/bash", AttachTargetProblem.Rejected, "/usr/bin/bash");
            Assert.Equal("the function is missing after the binary path '/usr/bin/bash'", f.Reason);
            Assert.Equal("libbpf prints \"prog 'P': section 'uprobe//usr/bin/bash' missing ':function[+offset]' specification\"", f.Outcome);
        }

        [Fact]
        public void Uprobe_with_an_empty_function_fails_to_attach()
        {
            Expect("uprobe//bin/bash:", AttachTargetProblem.Rejected, ":");
        }

        [Fact]
        public void Uretprobe_takes_no_offset()
        {
            AttachTargetFinding f = Expect("uretprobe//bin/bash:readline+0x10", AttachTargetProblem.Rejected, "+0x10");
            Assert.Equal("libbpf prints \"prog 'P': uretprobes do not support offset specification\"", f.Outcome);
            Assert.Equal(new[] { "uretprobe//bin/bash:readline" }, f.Fixes);
            Assert.Equal(AttachTargetProblem.Rejected, Check("uretprobe.s//bin/bash:readline+8")!.Problem);
            Assert.Null(Check("uretprobe//bin/bash:readline+0"));
        }

        [Fact]
        public void Uprobe_plus_that_is_not_an_offset_becomes_part_of_the_function_name()
        {
            AttachTargetFinding f = Expect("uprobe//bin/bash:readline+bar", AttachTargetProblem.Misread, "+bar");
            Assert.Contains("looks for a function named 'readline+bar'", f.Reason);
        }

        [Fact]
        public void Uprobe_with_an_empty_path_attaches_nothing()
        {
            AttachTargetFinding f = Expect("uprobe/:readline", AttachTargetProblem.Misread, ":readline");
            Assert.Contains("the binary path before ':' is empty", f.Reason);
        }

        [Fact]
        public void Uprobe_functions_before_1_3_stop_at_the_first_non_identifier_character()
        {
            AttachTargetFinding f = Expect("uprobe/libc.so.6:malloc@GLIBC_2.2.5", AttachTargetProblem.Misread, "@GLIBC_2.2.5", "1.2");
            Assert.Equal(new[] { "uprobe/libc.so.6:malloc" }, f.Fixes);
            Assert.Null(Check("uprobe/libc.so.6:malloc@GLIBC_2.2.5", "1.3"));
            Assert.Equal(AttachTargetProblem.Rejected, Check("uprobe/libc.so.6:@x", "1.2")!.Problem);
        }

        // libbpf v1.0.0 src/libbpf.c, attach_uprobe() (the same through v1.2.0):
        //   opts.retprobe = strcmp(probe_type, "uretprobe") == 0 ||
        //                   strcmp(probe_type, "uretprobe.s") == 0;
        // libbpf 1.1.2 measured: SEC("uretprobe.s//lib/x86_64-linux-gnu/libc.so.6:malloc+4") fails to auto-attach with
        // "uretprobes do not support offset specification", so it is a return probe.
        [Theory]
        [InlineData("1.0")]
        [InlineData("1.1")]
        [InlineData("1.2")]
        [InlineData("1.3")]
        public void Uretprobe_s_is_a_return_probe_in_every_release_that_has_it(string version)
        {
            Assert.Null(Check("uretprobe.s//bin/bash:readline", version));
            AttachTargetFinding f = Expect("uretprobe.s//bin/bash:readline+8", AttachTargetProblem.Rejected, "+8", version);
            Assert.Equal("libbpf prints \"prog 'P': uretprobes do not support offset specification\"", f.Outcome);
            Assert.True(f.OnlyBreaksAutoAttach);
        }

        [Fact]
        public void Uprobe_multi_needs_a_pattern_after_the_path()
        {
            AttachTargetFinding f = Expect("uprobe.multi//bin/bash", AttachTargetProblem.Rejected, "/bin/bash");
            Assert.Equal("libbpf prints \"prog 'P': invalid format of section definition 'uprobe.multi//bin/bash'\"", f.Outcome);
        }

        [Fact]
        public void Uretprobe_multi_s_attached_as_an_entry_probe_in_1_3_and_1_4()
        {
            Expect("uretprobe.multi.s//bin/bash:read*", AttachTargetProblem.Misread, "uretprobe.multi.s", "1.4");
            Assert.Null(Check("uretprobe.multi.s//bin/bash:read*", "1.5"));
        }

        [Fact]
        public void Kprobe_multi_pattern_must_start_with_a_pattern_character()
        {
            Assert.Equal("libbpf prints \"kprobe multi pattern is invalid: -x\"", Expect("kprobe.multi/-x", AttachTargetProblem.Rejected, "-x").Outcome);
            Assert.Equal("libbpf prints \"kprobe multi pattern is invalid: <an uninitialised pointer>\"", Expect("kprobe.multi/-x", AttachTargetProblem.Rejected, "-x", "1.4").Outcome);
            Assert.Equal("libbpf prints \"kprobe session pattern is invalid: \"", Expect("kprobe.session/", AttachTargetProblem.Rejected, "/").Outcome);
        }

        [Fact]
        public void Kprobe_multi_pattern_stops_at_the_first_unexpected_character()
        {
            AttachTargetFinding f = Expect("kprobe.multi/tcp_*-x", AttachTargetProblem.Misread, "-x");
            Assert.Equal(new[] { "kprobe.multi/tcp_*" }, f.Fixes);
        }

        [Fact]
        public void Usdt_needs_exactly_path_provider_and_name()
        {
            AttachTargetFinding f = Expect("usdt/libc.so.6:setjmp", AttachTargetProblem.Rejected, "libc.so.6:setjmp");
            Assert.Equal("a USDT target is PATH:PROVIDER:NAME, and it has no probe name", f.Reason);
            Assert.Equal("libbpf prints \"invalid section 'usdt/libc.so.6:setjmp', expected SEC(\"usdt/<path>:<provider>:<name>\")\"", f.Outcome);
            Assert.Equal("a USDT target is PATH:PROVIDER:NAME, and its provider is empty", Check("usdt/libc.so.6::setjmp")!.Reason);
            Assert.Equal("a USDT target is PATH:PROVIDER:NAME, and it has only a path", Check("usdt/libc.so.6")!.Reason);
            Assert.Equal("a USDT target is PATH:PROVIDER:NAME, and its path is empty", Check("usdt/:libc:setjmp")!.Reason);
            Assert.Equal("a USDT target is PATH:PROVIDER:NAME, and its probe name is empty", Check("usdt/libc.so.6:libc:")!.Reason);
        }

        [Fact]
        public void Usdt_reads_three_parts_and_ignores_a_fourth()
        {
            AttachTargetFinding f = Expect("usdt/libc.so.6:libc:setjmp:extra", AttachTargetProblem.Misread, ":extra");
            Assert.Equal(new[] { "usdt/libc.so.6:libc:setjmp" }, f.Fixes);
        }

        [Fact]
        public void Usdt_s_never_auto_attaches_because_attach_usdt_parses_only_usdt_slash()
        {
            AttachTargetFinding f = Expect("usdt.s/libc.so.6:libc:setjmp", AttachTargetProblem.Rejected, "usdt.s", "1.3");
            Assert.Equal("libbpf prints \"invalid section 'usdt.s/libc.so.6:libc:setjmp', expected SEC(\"usdt/<path>:<provider>:<name>\")\"", f.Outcome);
            Assert.False(f.WaivedBySettingTargetInCode);
            Assert.Equal(AttachTargetProblem.Rejected, Check("usdt.s")!.Problem);
        }

        [Theory]
        [InlineData("1.7", "prog 'P': failed to auto-attach: -EINVAL")]
        [InlineData("1.5", "prog 'P': failed to auto-attach: -22")]
        [InlineData("0.7", "failed to auto-attach program 'P': -22")]
        public void Tracepoint_needs_category_and_name(string version, string skeleton)
        {
            AttachTargetFinding f = Expect("tp/sched_switch", AttachTargetProblem.Rejected, "sched_switch", version);
            Assert.Equal("a tracepoint is 'tp/CATEGORY/NAME', and 'sched_switch' has no '/NAME', so attach_tp() fails with -EINVAL", f.Reason);
            Assert.Equal($"libbpf prints nothing of its own; the skeleton prints \"{skeleton}\"", f.Outcome);
        }

        [Fact]
        public void Tracepoint_with_an_empty_name_has_no_tracefs_event()
        {
            AttachTargetFinding f = Expect("tracepoint/sched/", AttachTargetProblem.Rejected, "/");
            Assert.Equal("libbpf prints \"failed to determine tracepoint 'sched/' perf event ID: -ENOENT\"", f.Outcome);
            Assert.Equal("libbpf prints \"failed to determine tracepoint 'sched/' perf event ID: No such file or directory\"", Check("tracepoint/sched/", "1.5")!.Outcome);
            Expect("tp//sched_switch", AttachTargetProblem.Rejected, "/");
        }

        [Fact]
        public void Raw_tracepoint_with_an_empty_name_fails_to_attach()
        {
            AttachTargetFinding f = Expect("raw_tp/", AttachTargetProblem.Rejected, "/");
            Assert.Equal("libbpf prints \"prog 'P': failed to attach to raw tracepoint '': -ENOENT\"", f.Outcome);
            Assert.Equal("libbpf prints \"program 'P': failed to attach to raw tracepoint '': No such file or directory\"", Check("raw_tp/", "0.1")!.Outcome);
        }

        // libbpf v1.1.0 src/libbpf.c, attach_raw_tp() hands the name to the kernel:
        //   pr_warn("prog '%s': failed to attach to raw tracepoint '%s': %s\n",
        // libbpf 1.1.2 measured: raw_tp//foo and raw_tracepoint/4 load, and fail to attach with ENOENT; raw_tp/sys_enter attaches.
        [Theory]
        [InlineData("raw_tp//foo", "/foo", "no kernel has a raw tracepoint '/foo': tracepoint names are made of letters, digits and '_', and '/' is not one")]
        [InlineData("raw_tp.w/sched-switch", "sched-switch", "no kernel has a raw tracepoint 'sched-switch': tracepoint names are made of letters, digits and '_', and '-' is not one")]
        [InlineData("raw_tracepoint/sys.enter", "sys.enter", "no kernel has a raw tracepoint 'sys.enter': tracepoint names are made of letters, digits and '_', and '.' is not one")]
        public void Raw_tracepoint_names_that_are_not_identifiers_never_attach(string name, string part, string reason)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.NoSuchTracepoint, part);
            Assert.Equal(reason, f.Reason);
            Assert.True(f.OnlyBreaksAutoAttach);
            Assert.Null(Check("raw_tp/sys_enter"));
        }

        // libbpf v1.1.0 src/libbpf.c, attach_tp():
        //   tp_name = strchr(tp_cat, '/');
        //   *tp_name = '\0';
        //   tp_name++;
        //   *link = bpf_program__attach_tracepoint(prog, tp_cat, tp_name);
        // which reads tracefs events/CATEGORY/NAME/id: everything after the first '/' is the event name. libbpf 1.1.2 measured: tp/sched/sched_switch/x and "tp/sched/sched switch" fail with
        //   "failed to determine tracepoint 'sched/sched_switch/x' perf event ID: No such file or directory".
        [Theory]
        [InlineData("tp/sched/sched_switch/x", "sched_switch/x")]
        [InlineData("tp/sched/sched switch", "sched switch")]
        [InlineData("tracepoint/sch@d/sched_switch", "sch@d")]
        public void Tracepoints_no_tracefs_can_have_never_attach(string name, string part)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.NoSuchTracepoint, part);
            Assert.True(f.OnlyBreaksAutoAttach);
        }

        // Tracepoint names may start with a digit: include/trace/events/9p.h has TRACE_EVENT(9p_client_req, ...) and
        // net/mac802154/trace.h TRACE_EVENT(802154_drv_return_int, ...). So do the BTF names libbpf builds from them
        // (btf_trace_9p_client_req), and no kernel rule forbids a tracepoint '4' or '0': those are a missing
        // tracepoint on this kernel (libbpf 1.1.2: load fails with -ESRCH, attach with -ENOENT), not an impossible name.
        [Theory]
        [InlineData("raw_tp/9p_client_req")]
        [InlineData("raw_tracepoint/4")]
        [InlineData("tp_btf/9p_client_req")]
        [InlineData("tp_btf/0")]
        [InlineData("tp/9p/9p_client_req")]
        public void Digit_led_tracepoint_names_are_possible(string name)
        {
            Assert.Null(Check(name));
        }

        // Tracefs systems are not all identifiers (include/trace/events/9p.h: #define TRACE_SYSTEM 9p), nor are all probe groups.
        [Theory]
        [InlineData("tp/9p/9p_client_req")]
        [InlineData("tp/sched/sched_switch")]
        [InlineData("tp/my.group/my-event")]
        public void Tracepoints_tracefs_can_have_pass(string name)
        {
            Assert.Null(Check(name));
        }

        [Theory]
        [InlineData("fentry", "the kernel function")]
        [InlineData("fexit.s", "the kernel function")]
        [InlineData("tp_btf", "the tracepoint")]
        [InlineData("lsm", "the LSM hook")]
        [InlineData("lsm_cgroup", "the LSM hook")]
        [InlineData("iter", "the iterator")]
        public void Btf_types_without_a_target_fail_to_load(string name, string what)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.BtfTargetMissing, name);
            Assert.Equal($"'{name}' needs a BTF attach target, {what}, after '/' or set in code with bpf_program__set_attach_target() (say so with [BpfLoader(SetsAttachTarget = true)] or AttachTargetSetInCode = true)", f.Reason);
            Assert.Equal("libbpf prints \"prog 'P': no BTF-based attach target is specified, use bpf_program__set_attach_target()\"", f.Outcome);
            Assert.True(f.WaivedBySettingTargetInCode);
        }

        // libbpf v1.1.0 src/libbpf.c, libbpf_prepare_prog_load():
        //   pr_warn("prog '%s': attach program FD is not set\n", prog->name);
        // The FD only ever comes from bpf_program__set_attach_target(): every freplace program sets its target in code.
        [Theory]
        [InlineData("freplace", "1.7")]
        [InlineData("freplace/handle", "1.7")]
        [InlineData("freplace/handle", "1.0")]
        [InlineData("freplace/3", "1.7")]
        public void Freplace_never_has_a_target_finding(string name, string version)
        {
            Assert.Null(Check(name, version));
        }

        [Theory]
        [InlineData("fentry/", "/", "the attach target after '/' is empty")]
        [InlineData("fentry/do-unlinkat", "do-unlinkat", "'do-unlinkat' cannot be in kernel BTF: BTF names are C identifiers, and '-' is not part of one")]
        [InlineData("lsm/file open", "file open", "'file open' cannot be in kernel BTF: BTF names are C identifiers, and ' ' is not part of one")]
        [InlineData("fentry/bpf_testmod:", ":", "the name after 'bpf_testmod:' is empty")]
        [InlineData("fentry/3", "3", "'3' cannot be in kernel BTF: BTF names are C identifiers, and one cannot start with the digit '3'")]
        [InlineData("lsm/.s", ".s", "'.s' cannot be in kernel BTF: BTF names are C identifiers, and '.' is not part of one")]
        [InlineData("fentry/do_unlinkat.isra.0", "do_unlinkat.isra.0", "'do_unlinkat.isra.0' cannot be in kernel BTF: BTF names are C identifiers, and '.' is not part of one")]
        [InlineData("fentry/bpf_testmod:3x", "3x", "'3x' cannot be in kernel BTF: BTF names are C identifiers, and one cannot start with the digit '3'")]
        public void Btf_targets_that_cannot_exist_fail_to_load(string name, string part, string reason)
        {
            AttachTargetFinding f = Expect(name, AttachTargetProblem.BtfTargetInvalid, part);
            Assert.Equal(reason, f.Reason);
        }

        // libbpf v1.5.0 src/libbpf.c, find_kernel_btf_id():
        //   fn_name = strchr(attach_name, ':');
        //   if (!mod_name || strncmp(mod_name, "vmlinux", mod_len) == 0) {
        // Only the part after ':' is looked up; the module part is a prefix match, and an empty one matches everything.
        [Theory]
        [InlineData("fentry/vmlinux:do_unlinkat")]
        [InlineData("fentry/:do_unlinkat")]
        [InlineData("fentry/nf_conn:nf_confirm")]
        [InlineData("fexit/bpf-testmod:bpf_testmod_test_read")]
        [InlineData("fentry/_x9")]
        [InlineData("fentry/bpf_testmod:bpf_testmod_test_read")]
        public void Module_function_targets_check_only_the_function_from_1_5(string name)
        {
            Assert.Null(Check(name, "1.5"));
        }

        [Fact]
        public void Btf_lookup_failures_are_quoted_as_each_release_prints_them()
        {
            Assert.Equal("libbpf prints \"prog 'P': failed to find kernel BTF type ID of 'a-b': -ESRCH\"", Check("fentry/a-b")!.Outcome);
            Assert.Equal("libbpf prints \"prog 'P': failed to find kernel BTF type ID of 'a-b': -3\"", Check("fentry/a-b", "1.5")!.Outcome);
            Assert.Equal("libbpf prints \"failed to find kernel BTF type ID of 'a-b': -3\"", Check("fentry/a-b", "1.0")!.Outcome);
            Assert.Equal("libbpf prints \"a-b is not found in vmlinux BTF\"", Check("fentry/a-b", "0.2")!.Outcome);
        }

        [Fact]
        public void Module_function_form_needs_1_5()
        {
            AttachTargetFinding f = Expect("fentry/bpf_testmod:bpf_testmod_test_read", AttachTargetProblem.BtfTargetInvalid, ":bpf_testmod_test_read", "1.4");
            Assert.Equal("libbpf 1.4 has no 'module:function' form (libbpf 1.5 added it), so it looks for a BTF name 'bpf_testmod:bpf_testmod_test_read'", f.Reason);
            Assert.Null(Check("fentry/bpf_testmod:bpf_testmod_test_read", "1.5"));
        }

        [Fact]
        public void Btf_names_longer_than_libbpfs_buffer_cannot_be_found()
        {
            string fits = new string('a', AttachTargetRules.BtfMaxNameSize - 1 - "btf_trace_".Length);
            Assert.Null(Check("tp_btf/" + fits));
            AttachTargetFinding f = Expect("tp_btf/" + fits + "b", AttachTargetProblem.BtfTargetInvalid, fits + "b");
            Assert.Equal("libbpf looks the name up as 'btf_trace_NAME' in a 128-byte buffer, and 128 characters do not fit", f.Reason);
            Assert.EndsWith(": -ENAMETOOLONG\"", f.Outcome);

            // Before 0.5 only prefixed types went through the buffer.
            Assert.Null(Check("fentry/" + new string('a', 200), "0.4"));
            Assert.NotNull(Check("fentry/" + new string('a', 200), "0.5"));
        }

        [Fact]
        public void Unknown_iterators_are_named_with_the_nearest_known_ones()
        {
            AttachTargetFinding f = Expect("iter/tsk", AttachTargetProblem.UnknownIterator, "tsk");
            Assert.Equal("tsk", f.Iterator);
            Assert.Equal("iter/task", f.Fixes[0]);
            Assert.Equal("libbpf prints \"prog 'P': failed to find kernel BTF type ID of 'tsk': -ESRCH\"", f.Outcome);
            Assert.Empty(Expect("iter/completely_unknown", AttachTargetProblem.UnknownIterator, "completely_unknown").Fixes);
            Assert.Null(Check("iter/bpf_testmod:task", "1.7"));
        }

        [Fact]
        public void Custom_sections_and_legacy_prefix_matches_are_not_checked()
        {
            SectionEntry.TryCreateCustom("user+", "kprobe", out SectionEntry? custom);
            SectionResolution r = SectionResolver.ResolveProgram("user/foo-bar", LibbpfSetup.Latest, new[] { custom! });
            Assert.Null(AttachTargetRules.Check(r));
            Assert.Null(Check("tpblah", "0.1"));
        }

        [Fact]
        public void Valid_targets_allocate_nothing()
        {
            SectionResolution[] names = new[] { "kprobe/do_sys_open+0x10", "uprobe//bin/bash:readline", "usdt/a:b:c", "tp/sched/sched_switch", "fentry/do_unlinkat", "iter/task", "kprobe.multi/tcp_*" }
                .Select(n => SectionResolver.ResolveProgram(n, LibbpfSetup.Latest)).ToArray();
            foreach (SectionResolution r in names)
            {
                Assert.Null(AttachTargetRules.Check(r));
            }

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                foreach (SectionResolution r in names)
                {
                    AttachTargetRules.Check(r);
                }
            }

            Assert.Equal(0, System.GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
