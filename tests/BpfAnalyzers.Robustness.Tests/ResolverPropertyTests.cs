using System;
using System.Collections.Generic;
using System.Diagnostics;
using BpfAnalyzers.Sections;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Any string, through the resolver and the suggester, for every release and strict mode: no exception, an
    /// answer within a fixed time, and every suggestion valid for the target it was made for.
    /// </summary>
    [Collection(TimingCollection.Name)]
    public sealed class ResolverPropertyTests
    {
        /// <summary>A hang detector, not a benchmark: even a megabyte takes a few milliseconds.</summary>
        private static readonly TimeSpan s_bound = TimeSpan.FromMilliseconds(250);

        /// <summary>A project's custom sections, so the suggester's custom paths run too.</summary>
        private static readonly IReadOnlyList<SectionEntry> s_custom = Custom("user+", "audit/", "probe");

        /// <summary>
        /// Any name, and now and then one of the custom sections' names: the table-derived generator alone never
        /// produced one, so the custom paths ran without ever matching.
        /// </summary>
        private static readonly Gen<string> s_names = Gen.Frequency(
            (12, SectionNameGen.Any),
            (1, Gen.OneOf(Gen.Const("user"), Gen.Const("user/"), Gen.Const("user/audit"), Gen.Const("audit/"), Gen.Const("audit/x"), Gen.Const("probe"), Gen.Const("?user/x"), Gen.Const("probe/"), Gen.Const("users"))));

        private readonly ITestOutputHelper _output;

        public ResolverPropertyTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Resolving_any_name_never_throws_and_answers_in_bounded_time()
        {
            var run = new PropertyRun(_output, "resolve");
            Warm();
            s_names.Sample(
                name =>
                {
                    run.Input();
                    foreach (LibbpfSetup libbpf in SectionNameGen.Targets)
                    {
                        Timed(run, "Resolve", name, libbpf, () => CheckResolution(SectionResolver.Resolve(name, libbpf), name));
                        Timed(run, "ResolveProgram", name, libbpf, () => CheckResolution(SectionResolver.ResolveProgram(name, libbpf, s_custom), name, run));
                        Timed(run, "FirstReleaseAccepting", name, libbpf, () => SectionResolver.FirstReleaseAccepting(name, libbpf));
                    }

                    LibbpfVersion.TryParse(name, out _);
                    SectionEntry.TryCreateCustom(name, name, out _);
                },
                writeLine: run.WriteLine,
                iter: 2000,
                print: n => SectionNameGen.Escape(n, 400));
            run.Report($"{SectionNameGen.Targets.Length} targets each");
            run.Require(2000, ("unknown", 2000), ("canonical", 500), ("not canonical", 200), ("legacy prefix", 200), ("custom", 100));
        }

        [Fact]
        public void Every_suggestion_is_valid_for_its_target_and_comes_in_bounded_time()
        {
            var run = new PropertyRun(_output, "suggest");
            Warm();
            long suggestions = 0;
            s_names.Sample(
                name =>
                {
                    run.Input();
                    foreach (LibbpfSetup libbpf in SectionNameGen.Targets)
                    {
                        foreach (IReadOnlyList<SectionEntry>? custom in new[] { null, s_custom })
                        {
                            IReadOnlyList<SectionSuggestion> found = Timed(run, "Suggest", name, libbpf, () => SectionSuggester.Suggest(name, libbpf, custom));
                            run.Outcome(found.Count == 0 ? "no suggestion" : "suggestions");
                            if (found.Count > 3)
                            {
                                throw PropertyRun.Fail($"Suggest gave {found.Count} names under {libbpf}, more than the 3 asked for", name);
                            }

                            var seen = new HashSet<string>(StringComparer.Ordinal);
                            foreach (SectionSuggestion s in found)
                            {
                                System.Threading.Interlocked.Increment(ref suggestions);
                                SectionResolution r = SectionResolver.ResolveProgram(s.Name, libbpf, custom);
                                if (!r.IsMatch || r.IsLegacyPrefix)
                                {
                                    throw PropertyRun.Fail($"Suggest proposed '{SectionNameGen.Escape(s.Name)}' ({s.Reason}) under {libbpf}, which {(r.IsMatch ? "only a legacy prefix match accepts" : "does not resolve")}", name);
                                }

                                if (s.Name == name || !seen.Add(s.Name))
                                {
                                    throw PropertyRun.Fail($"Suggest proposed '{SectionNameGen.Escape(s.Name)}' under {libbpf} twice, or the name itself", name);
                                }
                            }
                        }
                    }
                },
                writeLine: run.WriteLine,
                iter: 1000,
                print: n => SectionNameGen.Escape(n, 400));
            run.Report($"{suggestions:N0} suggestions checked");
            run.Require(1000, ("suggestions", 2000), ("no suggestion", 200));
        }

        [Fact]
        public void A_megabyte_name_is_answered_in_bounded_time_under_every_target()
        {
            var run = new PropertyRun(_output, "huge");
            Warm();
            SectionNameGen.Huge1M.Sample(
                name =>
                {
                    run.Input();
                    foreach (LibbpfSetup libbpf in SectionNameGen.Targets)
                    {
                        Timed(run, "ResolveProgram", name, libbpf, () => CheckResolution(SectionResolver.ResolveProgram(name, libbpf, s_custom), name));
                        Timed(run, "Suggest", name, libbpf, () => SectionSuggester.Suggest(name, libbpf, s_custom));
                    }
                },
                writeLine: run.WriteLine,
                iter: 20,
                threads: 1,
                print: n => SectionNameGen.Escape(n, 100));
            run.Report();
            run.Require(20);
        }

        /// <summary>
        /// What a resolution claims must hold: a canonical form is loaded as the same program and attach type, and
        /// a name that is canonical is its own canonical form.
        /// </summary>
        private static object? CheckResolution(SectionResolution r, string name, PropertyRun? run = null)
        {
            run?.Outcome(!r.IsMatch ? "unknown" : r.Entry!.IsCustom ? "custom" : r.IsLegacyPrefix ? "legacy prefix" : r.IsCanonical ? "canonical" : "not canonical");
            _ = r.ToString();
            _ = r.AttachTarget;
            if (!r.IsMatch)
            {
                return null;
            }

            string canonical = r.Canonical!;
            if (r.IsCanonical && canonical != r.Name)
            {
                throw PropertyRun.Fail($"IsCanonical, but Canonical is '{SectionNameGen.Escape(canonical)}'", name);
            }

            SectionResolution again = SectionResolver.ResolveProgram(canonical, r.Libbpf, r.Entry!.IsCustom ? s_custom : null);
            if (!again.IsMatch || again.Entry!.ProgType != r.Entry.ProgType || again.Entry.AttachType != r.Entry.AttachType)
            {
                throw PropertyRun.Fail($"Canonical '{SectionNameGen.Escape(canonical)}' under {r.Libbpf} is not what '{r.Entry.Section}' loads as", name);
            }

            return null;
        }

        private static T Timed<T>(PropertyRun run, string what, string name, LibbpfSetup libbpf, Func<T> call)
        {
            long start = Stopwatch.GetTimestamp();
            T result = call();
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            run.Checked();
            if (took > s_bound)
            {
                throw PropertyRun.Fail($"{what} under {libbpf} took {took.TotalMilliseconds:F0} ms, over the {s_bound.TotalMilliseconds} ms bound", name);
            }

            return result;
        }

        /// <summary>The first call of each path pays for the JIT and the tables; the bound is for the rest.</summary>
        private static void Warm()
        {
            foreach (LibbpfSetup libbpf in SectionNameGen.Targets)
            {
                foreach (string name in new[] { "xdpp", "kprobes/x", new string('a', 5000), "?" + new string('a', 5000) })
                {
                    SectionResolver.ResolveProgram(name, libbpf, s_custom);
                    SectionResolver.FirstReleaseAccepting(name, libbpf);
                    SectionSuggester.Suggest(name, libbpf, s_custom);
                }
            }
        }

        private static IReadOnlyList<SectionEntry> Custom(params string[] sections)
        {
            var entries = new List<SectionEntry>();
            foreach (string s in sections)
            {
                Assert.True(SectionEntry.TryCreateCustom(s, null, out SectionEntry? e));
                entries.Add(e!);
            }

            return entries;
        }
    }
}
