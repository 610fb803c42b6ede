using System.Collections.Concurrent;
using System.Linq;
using CsCheck;
using Xunit;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>
    /// Where libbpf parses a target with <c>sscanf()</c>, the rules' verdict must be what that call
    /// decides, on any target: each test runs libbpf's own format string through <see cref="ScanfModel"/>
    /// and derives the expected verdict the way the attach function does.
    /// </summary>
    public class AttachTargetScanfPropertyTests
    {
        private const long Iterations = 20_000;

        // Characters that steer the parsers: identifier characters, the separators and offset syntax,
        // white space (%li skips it), a NUL (ends the C string), a line break (%[^\n]) and non-ASCII.
        private static readonly Gen<string> s_target = Gen.Frequency(
            (6, Gen.Char["abfx_.09"]),
            (3, Gen.Char["+-:/"]),
            (1, Gen.Char["xX0 \t\n*?@é\0"]))
            .Array[0, 14]
            .Select(a => new string(a));

        private static AttachTargetFinding? Check(string name, string version) =>
            AttachTargetRules.Check(SectionResolver.ResolveProgram(name, new LibbpfSetup(LibbpfVersion.Parse(version))), "P");

        private static AttachTargetProblem? Verdict(AttachTargetFinding? f) => f?.Problem;

        /// <summary>Counts each verdict, so a test can show its generator reached every outcome.</summary>
        private sealed class Seen
        {
            private readonly ConcurrentDictionary<string, int> _counts = new();

            public AttachTargetProblem? Add(AttachTargetProblem? verdict)
            {
                _counts.AddOrUpdate(verdict?.ToString() ?? "fine", 1, (_, n) => n + 1);
                return verdict;
            }

            public void AssertReached(params string[] verdicts)
            {
                int cases = _counts.Values.Sum();
                Assert.True(cases >= Iterations, $"only {cases} of {Iterations} cases ran");
                foreach (string v in verdicts)
                {
                    Assert.True(_counts.TryGetValue(v, out int n) && n >= 50, $"the generator reached '{v}' {n} times: {string.Join(", ", _counts.Select(kv => kv.Key + "=" + kv.Value))}");
                }
            }
        }

        [Theory]
        [InlineData("kprobe", "1.7")]
        [InlineData("kretprobe", "1.7")]
        [InlineData("kprobe", "0.5")]
        [InlineData("kretprobe", "0.8")]
        public void Kprobe_targets_match_sscanf_func_plus_offset(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_kprobe(): n = sscanf(func_name, "%m[a-zA-Z0-9_.]+%li", &func, &offset)
                    ScanfModel.Result m = ScanfModel.Scan(target, "%m[a-zA-Z0-9_.]+%li");
                    int end = CString(target);
                    AttachTargetProblem? expected =
                        m.Returned < 1 ? AttachTargetProblem.Rejected
                        : type == "kretprobe" && m.Returned == 2 && (long)m.Values[1] != 0 ? AttachTargetProblem.Rejected
                        : m.EndOfLast < end ? AttachTargetProblem.Misread
                        : null;
                    AttachTargetFinding? f = Check(name, version);
                    Assert.Equal(seen.Add(expected), Verdict(f));
                    if (expected == AttachTargetProblem.Misread)
                    {
                        Assert.Equal(type.Length + 1 + m.EndOfLast, f!.Start);
                        Assert.Equal(name.Substring(0, type.Length + 1 + m.EndOfLast), f.Fixes.Single());
                    }
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread");
        }

        [Theory]
        [InlineData("uprobe", "1.7")]
        [InlineData("uretprobe", "1.7")]
        [InlineData("uretprobe.s", "1.3")]
        [InlineData("uprobe.s", "1.7")]
        public void Uprobe_targets_match_sscanf_path_colon_rest_and_trailing_offset(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_uprobe() 1.3+: n = sscanf(sec_name, "%m[^/]/%m[^:]:%m[^\n]", &type, &path, &func)
                    ScanfModel.Result m = ScanfModel.Scan(name, "%m[^/]/%m[^:]:%m[^\n]");
                    AttachTargetProblem? expected;
                    if (m.Returned == 1)
                    {
                        expected = CString(target) == 0 ? AttachTargetProblem.NoAutoAttach : AttachTargetProblem.Misread;
                    }
                    else if (m.Returned == 2)
                    {
                        expected = AttachTargetProblem.Rejected;
                    }
                    else
                    {
                        // func_off = strrchr(func, '+'); sscanf(func_off, "+%li%n", &offset, &c) == 1 && !func_off[c]
                        string func = (string)m.Values[2];
                        int plus = func.LastIndexOf('+');
                        long offset = 0;
                        bool plusIsNoOffset = false;
                        if (plus >= 0)
                        {
                            string tail = func.Substring(plus);
                            ScanfModel.Result o = ScanfModel.Scan(tail, "+%li%n");
                            if (o.Returned == 1 && (int)o.Values[1] == tail.Length)
                            {
                                offset = (long)o.Values[0];
                            }
                            else
                            {
                                plusIsNoOffset = true;
                            }
                        }

                        bool retprobe = type == "uretprobe" || type == "uretprobe.s";
                        expected = retprobe && offset != 0 ? AttachTargetProblem.Rejected
                            : plusIsNoOffset || m.EndOfLast < CString(name) ? AttachTargetProblem.Misread
                            : null;
                    }

                    Assert.Equal(seen.Add(expected), Verdict(Check(name, version)));
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread", "NoAutoAttach");
        }

        [Theory]
        [InlineData("uprobe", "1.2")]
        [InlineData("uretprobe", "1.0")]
        [InlineData("uprobe", "0.8")]
        public void Uprobe_targets_before_1_3_match_sscanf_with_an_identifier_function(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_uprobe() 0.8-1.2: sscanf(sec_name, "%m[^/]/%m[^:]:%m[a-zA-Z0-9_.]+%li", ...)
                    ScanfModel.Result m = ScanfModel.Scan(name, "%m[^/]/%m[^:]:%m[a-zA-Z0-9_.]+%li");
                    AttachTargetProblem? expected =
                        m.Returned == 1 ? (CString(target) == 0 ? AttachTargetProblem.NoAutoAttach : AttachTargetProblem.Misread)
                        : m.Returned == 2 ? AttachTargetProblem.Rejected
                        : type == "uretprobe" && m.Returned == 4 && (long)m.Values[3] != 0 ? AttachTargetProblem.Rejected
                        : m.EndOfLast < CString(name) ? AttachTargetProblem.Misread
                        : null;
                    Assert.Equal(seen.Add(expected), Verdict(Check(name, version)));
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread", "NoAutoAttach");
        }

        [Theory]
        [InlineData("uprobe.multi", "1.7")]
        [InlineData("uretprobe.multi", "1.3")]
        [InlineData("uprobe.session.s", "1.6")]
        public void Uprobe_multi_targets_match_sscanf_path_colon_pattern(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_uprobe_multi(): sscanf(sec_name, "%m[^/]/%m[^:]:%m[^\n]", ...): 1 no attach, 3 attach, else invalid
                    ScanfModel.Result m = ScanfModel.Scan(name, "%m[^/]/%m[^:]:%m[^\n]");
                    AttachTargetProblem? expected =
                        m.Returned == 1 ? (CString(target) == 0 ? AttachTargetProblem.NoAutoAttach : AttachTargetProblem.Misread)
                        : m.Returned == 3 ? (m.EndOfLast < CString(name) ? AttachTargetProblem.Misread : null)
                        : AttachTargetProblem.Rejected;
                    Assert.Equal(seen.Add(expected), Verdict(Check(name, version)));
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread", "NoAutoAttach");
        }

        [Theory]
        [InlineData("usdt", "1.7")]
        [InlineData("usdt", "0.8")]
        public void Usdt_targets_match_sscanf_three_colon_separated_parts(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_usdt(): sscanf(sec_name, "usdt/%m[^:]:%m[^:]:%m[^:]", &path, &provider, &name) != 3 is an error
                    ScanfModel.Result m = ScanfModel.Scan(name, "usdt/%m[^:]:%m[^:]:%m[^:]");
                    AttachTargetProblem? expected =
                        m.Returned != 3 ? AttachTargetProblem.Rejected
                        : m.EndOfLast < CString(name) ? AttachTargetProblem.Misread
                        : null;
                    AttachTargetFinding? f = Check(name, version);
                    Assert.Equal(seen.Add(expected), Verdict(f));
                    if (expected == AttachTargetProblem.Misread)
                    {
                        Assert.Equal(name.Substring(0, m.EndOfLast), f!.Fixes.Single());
                    }
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread");
        }

        [Theory]
        [InlineData("kprobe.multi", "1.7")]
        [InlineData("kretprobe.multi", "0.8")]
        [InlineData("kprobe.session", "1.5")]
        public void Kprobe_multi_patterns_match_sscanf_pattern_set(string type, string version)
        {
            var seen = new Seen();
            s_target.Sample(
                target =>
                {
                    string name = type + "/" + target;
                    // attach_kprobe_multi(): n = sscanf(spec, "%m[a-zA-Z0-9_.*?]", &pattern); n < 1 is an error
                    ScanfModel.Result m = ScanfModel.Scan(target, "%m[a-zA-Z0-9_.*?]");
                    AttachTargetProblem? expected =
                        m.Returned < 1 ? AttachTargetProblem.Rejected
                        : m.EndOfLast < CString(target) ? AttachTargetProblem.Misread
                        : null;
                    Assert.Equal(seen.Add(expected), Verdict(Check(name, version)));
                },
                iter: Iterations);
            seen.AssertReached("fine", "Rejected", "Misread");
        }

        [Fact]
        public void The_model_reads_as_glibc_does()
        {
            Assert.Equal(-1, ScanfModel.Scan(string.Empty, "%m[a-z]").Returned);
            Assert.Equal(0, ScanfModel.Scan("-", "%m[a-z]").Returned);
            ScanfModel.Result hex = ScanfModel.Scan("foo+0xg", "%m[a-zA-Z0-9_.]+%li%n");
            Assert.Equal(2, hex.Returned);
            Assert.Equal(0L, hex.Values[1]);
            Assert.Equal(6, hex.Values[2]);
            Assert.Equal(16L, ScanfModel.Scan("f+ 0x10", "%m[a-z]+%li").Values[1]);
            Assert.Equal(0L, ScanfModel.Scan("f+08", "%m[a-z]+%li").Values[1]);
            Assert.Equal(long.MaxValue, ScanfModel.Scan("f+99999999999999999999", "%m[a-z]+%li").Values[1]);
            Assert.Equal(1, ScanfModel.Scan("uprobe", "%m[^/]/%m[^:]:%m[^\n]").Returned);
            Assert.Equal(3, ScanfModel.Scan("usdt/a:b:c:d", "usdt/%m[^:]:%m[^:]:%m[^:]").Returned);
        }

        private static int CString(string s)
        {
            int nul = s.IndexOf('\0');
            return nul < 0 ? s.Length : nul;
        }
    }
}
