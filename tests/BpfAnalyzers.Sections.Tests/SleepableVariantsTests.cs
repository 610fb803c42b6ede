using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>Which <c>.s</c> names are unknown only because the type cannot sleep.</summary>
    public class SleepableVariantsTests
    {
        private static SleepableVariantFinding? Check(string name, string version = "1.7") =>
            SleepableVariants.Check(name, new LibbpfSetup(LibbpfVersion.Parse(version)));

        [Fact]
        public void Kprobe_s_suggests_kprobe_then_fentry_s()
        {
            SleepableVariantFinding f = Check("kprobe.s/do_sys_open+0x10")!;
            Assert.Equal("kprobe.s", f.Written);
            Assert.Equal("kprobe", f.BaseType);
            Assert.Equal(6, f.Start);
            Assert.Equal(new[] { "kprobe/do_sys_open+0x10", "fentry.s/do_sys_open" }, f.Fixes);
        }

        [Theory]
        [InlineData("kretprobe.s/do_exit", "kretprobe/do_exit", "fexit.s/do_exit")]
        [InlineData("tp.s/sched/sched_switch", "tp/sched/sched_switch", null)]
        [InlineData("raw_tp.s/sched_switch", "raw_tp/sched_switch", null)]
        [InlineData("xdp.s", "xdp", null)]
        [InlineData("?kprobe.s", "?kprobe", "?fentry.s")]
        public void Types_without_a_sleepable_form_suggest_the_plain_one(string name, string plain, string? sleepable)
        {
            IReadOnlyList<string> fixes = Check(name)!.Fixes;
            Assert.Equal(plain, fixes[0]);
            Assert.Equal(sleepable, fixes.ElementAtOrDefault(1));
        }

        [Theory]
        [InlineData("fentry.s/do_unlinkat")]
        [InlineData("uprobe.s.multi//bin/bash:readline")]
        [InlineData("kprobe.session/do_*")]
        [InlineData("kprobes.s/x")]
        [InlineData("xdp")]
        public void Names_that_resolve_misplace_s_or_are_unknown_anyway_are_not_this_rule(string name) =>
            Assert.Null(Check(name));

        [Fact]
        public void Fentry_s_is_not_offered_where_the_release_lacks_it()
        {
            Assert.Equal(new[] { "kprobe/f" }, Check("kprobe.s/f", "0.1")!.Fixes);
            Assert.Equal(new[] { "kprobe/f", "fentry.s/f" }, Check("kprobe.s/f", "0.2")!.Fixes);
        }

        [Fact]
        public void No_release_has_a_sleepable_only_type()
        {
            // The reverse case cannot happen: every X.s entry has a plain X in the same release.
            foreach (LibbpfVersion v in SectionTable.Releases)
            {
                var types = SectionTable.For(v).Select(e => e.Type).ToHashSet();
                foreach (string type in types.Where(t => t.Split('.').Skip(1).Contains("s")))
                {
                    string plain = string.Join(".", type.Split('.').Where((p, i) => i == 0 || p != "s"));
                    Assert.True(types.Contains(plain), $"libbpf {v}: '{type}' without '{plain}'");
                }
            }
        }
    }
}
