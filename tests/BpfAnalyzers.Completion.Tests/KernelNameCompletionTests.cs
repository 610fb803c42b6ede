using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace BpfAnalyzers.Completion.Tests
{
    /// <summary>Issue 22: after <c>fentry/</c>, <c>tp_btf/</c>, <c>lsm/</c>, ... the names of the kernels the project ships to.</summary>
    public class KernelNameCompletionTests
    {
        private const string Profile = """
            # bpfkernel 1
            name new
            release 6.18.0
            arch x86_64
            parts funcs btf_trace lsm events

            [funcs]
            do_unlinkat
            tcp_v4_connect
            tcp_v6_connect
            [btf_trace]
            sched_switch
            sched_wakeup
            [lsm]
            file_open
            [events]
            sched/sched_switch
            """;

        private const string Old = """
            # bpfkernel 1
            name old
            release 6.1.0
            arch x86_64
            parts funcs

            [funcs]
            do_unlinkat
            tcp_v4_connect
            """;

        private static string Programs(string section) => $$"""
            using BpfAnalyzers;
            static class Programs
            {
                [BpfSection("{{section}}")]
                static int Program(int ctx) => 0;
            }
            """;

        private static async Task<List<string>> Names(CompletionHost host, string section) =>
            (await host.ItemsAsync(Programs(section))).Select(i => i.DisplayText).ToList();

        [Fact]
        public async Task After_fentry_the_kernel_functions_are_offered_filtered_by_what_is_typed()
        {
            CompletionHost host = CompletionHost.Create().AdditionalFile("new.bpfkernel", Profile);
            Assert.Equal(new[] { "fentry/tcp_v4_connect", "fentry/tcp_v6_connect" }, await Names(host, "fentry/tcp$$"));
            Assert.Equal(new[] { "tp_btf/sched_switch", "tp_btf/sched_wakeup" }, await Names(host, "tp_btf/$$"));
            Assert.Equal(new[] { "lsm/file_open" }, await Names(host, "lsm/f$$"));
            Assert.Equal(new[] { "tp/sched/sched_switch" }, await Names(host, "tp/sch$$"));
            Assert.Equal(new[] { "?fentry/do_unlinkat" }, await Names(host, "?fentry/do_$$"));
        }

        [Fact]
        public async Task With_several_kernels_only_names_every_kernel_has_are_offered()
        {
            CompletionHost host = CompletionHost.Create().AdditionalFile("new.bpfkernel", Profile).AdditionalFile("old.bpfkernel", Old);
            Assert.Equal(new[] { "fentry/tcp_v4_connect" }, await Names(host, "fentry/tcp$$"));
        }

        [Fact]
        public async Task Without_a_profile_nothing_is_invented_after_the_slash()
        {
            await CompletionHost.Create().AssertNothingOfferedAsync(Programs("fentry/tcp$$"));
        }

        [Fact]
        public async Task A_quarter_million_names_are_filtered_and_the_list_is_capped()
        {
            var big = new StringBuilder("# bpfkernel 1\nname big\nrelease r\narch x86_64\nparts funcs\n\n[funcs]\n");
            for (int i = 0; i < 250_000; i++)
            {
                big.Append("func_").Append(i).Append('\n');
            }

            CompletionHost host = CompletionHost.Create().AdditionalFile("big.bpfkernel", big.ToString());
            Assert.Equal(500, (await Names(host, "fentry/$$")).Count);
            Assert.Equal(new[] { "fentry/func_123456" }, await Names(host, "fentry/func_123456$$"));
        }
    }
}
