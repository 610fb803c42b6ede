using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// Replays the Linux kernel's own section-name selftest
    /// (<c>tools/testing/selftests/bpf/prog_tests/section_names.c</c>, transcribed in
    /// <c>data/kernel-selftests/section_names.tsv</c>): for each name, what <c>libbpf_prog_type_by_name()</c> and
    /// <c>libbpf_attach_type_by_name()</c> must answer.
    /// </summary>
    /// <remarks>
    /// The selftest runs against the libbpf in the same kernel tree. Its five <c>cgroup/*_unix</c> cases
    /// came with Linux 6.7 and libbpf 1.3, so every case is replayed under each release from 1.3 to the newest;
    /// under 1.1 (Debian's libbpf 1.1.2) exactly those five must fail, in the resolver and in real libbpf.
    /// </remarks>
    [Collection(RealLibbpfCollection.Name)]
    public class KernelSelftestReplayTests
    {
        /// <summary>The cgroup unix socket address hooks, new in libbpf 1.3 (Linux 6.7).</summary>
        private static readonly string[] s_unixHooks =
        {
            "cgroup/connect_unix", "cgroup/sendmsg_unix", "cgroup/recvmsg_unix", "cgroup/getpeername_unix", "cgroup/getsockname_unix",
        };

        private static readonly LibbpfVersion s_firstReleaseWithEveryCase = LibbpfVersion.Parse("1.3");

        public static TheoryData<string, string> Cases
        {
            get
            {
                var data = new TheoryData<string, string>();
                foreach ((string name, string answer) in ReadCases())
                {
                    data.Add(name, answer);
                }

                return data;
            }
        }

        [Fact]
        public void Transcription_holds_the_53_cases_of_the_selftest()
        {
            var cases = ReadCases();
            Assert.Equal(53, cases.Count);
            Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.Subset(new HashSet<string>(cases.Select(c => c.Name)), new HashSet<string>(s_unixHooks));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Resolver_answers_the_selftest_case_under_every_release_from_1_3(string name, string expected)
        {
            foreach (LibbpfVersion v in SectionTable.Releases.Where(v => v >= s_firstReleaseWithEveryCase))
            {
                Assert.True(ResolverAnswer(name, v) == expected, $"libbpf {v}: {name}: expected [{expected}], resolver [{ResolverAnswer(name, v)}]");
            }
        }

        [Fact]
        public void Under_libbpf_1_1_the_resolver_fails_exactly_the_five_unix_hook_cases()
        {
            var v = LibbpfVersion.Parse("1.1");
            var failing = ReadCases().Where(c => ResolverAnswer(c.Name, v) != c.Answer).ToList();
            Assert.Equal(s_unixHooks, failing.Select(c => c.Name).OrderBy(n => Array.IndexOf(s_unixHooks, n)));
            Assert.All(failing, c => Assert.Equal("ERR\t-ESRCH\t-EINVAL", ResolverAnswer(c.Name, v)));
        }

        [Fact]
        public void Real_libbpf_1_1_2_passes_48_cases_and_fails_the_five_unix_hook_cases()
        {
            LibbpfNative.Require();
            var cases = ReadCases();
            var failing = cases.Where(c => LibbpfAnswer(c.Name) != c.Answer).ToList();
            Assert.Equal(48, cases.Count - failing.Count);
            Assert.Equal(s_unixHooks, failing.Select(c => c.Name).OrderBy(n => Array.IndexOf(s_unixHooks, n)));
            Assert.All(failing, c => Assert.Equal("ERR\t-ESRCH\t-EINVAL", LibbpfAnswer(c.Name)));
        }

        /// <summary>The resolver's answer in the data file's form: <c>prog_type\texpected_attach_type\tattach_type_by_name</c>.</summary>
        private static string ResolverAnswer(string name, LibbpfVersion version)
        {
            SectionEntry? e = SectionResolver.Resolve(name, new LibbpfSetup(version)).Entry;
            if (e is null)
            {
                // libbpf_prog_type_by_name(): -ESRCH; libbpf_attach_type_by_name(): -EINVAL.
                return "ERR\t-ESRCH\t-EINVAL";
            }

            return e.ProgTypeName + "\t" + e.AttachTypeName + "\t" + AttachTypeByName.Of(e);
        }

        private static string LibbpfAnswer(string name)
        {
            string load = LibbpfNative.Answer(name);
            return (load == "ERR\t-" + LibbpfNative.ESRCH ? "ERR\t-ESRCH" : load) + "\t" + LibbpfNative.AttachAnswer(name);
        }

        private static List<(string Name, string Answer)> ReadCases()
        {
            string path = Path.Combine(RepoPaths.Data, "kernel-selftests", "section_names.tsv");
            var cases = new List<(string, string)>();
            bool header = true;
            foreach (string line in File.ReadAllLines(path))
            {
                if (line.StartsWith("#", StringComparison.Ordinal) || line.Length == 0)
                {
                    continue;
                }

                string[] c = line.Split('\t');
                if (header)
                {
                    Assert.Equal(new[] { "name", "prog_type", "expected_attach_type", "attach_type_by_name" }, c);
                    header = false;
                    continue;
                }

                Assert.True(c.Length == 4, $"{path}: 4 columns expected in [{line}]");
                cases.Add((c[0], c[1] + "\t" + c[2] + "\t" + c[3]));
            }

            return cases;
        }
    }
}
