using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BpfAnalyzers.Sections.Tests;
using Xunit;

namespace BpfAnalyzers.Completion.Tests
{
    /// <summary>What the editor offers for libbpf 1.1, asked of the installed libbpf 1.1.2 (Debian's libbpf1).</summary>
    public class RealLibbpfTests
    {
        [Fact]
        public async Task Every_program_name_offered_for_libbpf_1_1_is_one_libbpf_1_1_2_resolves_to_the_described_types()
        {
            LibbpfNative.Require();
            Assert.Equal((1u, 1u), (LibbpfNative.Version().Major, LibbpfNative.Version().Minor));
            IReadOnlyList<(string Name, string Description)> items = await CompletionHost.Create()
                .Property("BpfLibbpfVersion", "1.1")
                .DescribedItemsAsync("using BpfAnalyzers;\nstatic class P\n{\n    [BpfSection(\"$$\")] static int M() => 0;\n}\n");

            Assert.True(items.Count > 50, $"only {items.Count} items");
            var wrong = new List<string>();
            foreach ((string name, string description) in items)
            {
                // libbpf answers "prog_type<TAB>attach_type"; attach type 0 (none) prints as cgroup_inet_ingress.
                string[] answer = LibbpfNative.Answer(name).Split('\t');
                string attach = answer[1] == "cgroup_inet_ingress" && !name.StartsWith("cgroup_skb/ingress", System.StringComparison.Ordinal) ? "none" : answer[1];
                if (answer[0] == "ERR" || !description.Contains($"program type: {answer[0]}, attach type: {attach}"))
                {
                    wrong.Add($"{name}: libbpf says {string.Join(" ", answer)}; described as {description.Replace('\n', ' ')}");
                }
            }

            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }
    }
}
