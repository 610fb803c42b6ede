using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Counts what a property tried, prints it, and fails when it tried too little (<see cref="Require"/>): a
    /// generator that drifts until it produces nothing interesting must not leave a green test that checked nothing. CsCheck already prints the seed of a failure in the exception
    /// message (<c>Set seed: "..."</c>); <see cref="Fail"/> makes sure the input is in it too.
    /// </summary>
    internal sealed class PropertyRun
    {
        private readonly ITestOutputHelper _output;
        private readonly string _name;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _inputs;
        private long _checks;
        private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);

        public PropertyRun(ITestOutputHelper output, string name)
        {
            _output = output;
            _name = name;
        }

        public long Inputs => Interlocked.Read(ref _inputs);

        public long Checks => Interlocked.Read(ref _checks);

        /// <summary>One generated input.</summary>
        public void Input() => Interlocked.Increment(ref _inputs);

        /// <summary><paramref name="n"/> calls or assertions made for an input.</summary>
        public void Checked(long n = 1) => Interlocked.Add(ref _checks, n);

        /// <summary>One input reached <paramref name="outcome"/> (an interesting case: a diagnostic, a fix, an unknown name).</summary>
        public void Outcome(string outcome, long n = 1) => _outcomes.AddOrUpdate(outcome, n, (_, c) => c + n);

        public long Count(string outcome) => _outcomes.TryGetValue(outcome, out long n) ? n : 0;

        /// <summary>
        /// Fails unless at least <paramref name="inputs"/> inputs ran and each outcome was reached at least its
        /// minimum number of times.
        /// </summary>
        public void Require(long inputs, params (string Outcome, long Minimum)[] outcomes)
        {
            string seen = $"{Inputs:N0} inputs; " + string.Join(", ", _outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:N0}"));
            Assert.True(Inputs >= inputs, $"[{_name}] only {Inputs:N0} of at least {inputs:N0} inputs ran ({seen})");
            foreach ((string outcome, long minimum) in outcomes)
            {
                Assert.True(Count(outcome) >= minimum, $"[{_name}] '{outcome}' was reached {Count(outcome):N0} times, fewer than {minimum:N0}: the generator no longer reaches it ({seen})");
            }
        }

        /// <summary>CsCheck's own summary line (iterations, time).</summary>
        public void WriteLine(string line) => _output.WriteLine($"[{_name}] CsCheck: {line}");

        public void Report(string? extra = null)
        {
            _output.WriteLine($"[{_name}] {Inputs:N0} inputs, {Checks:N0} checks in {_clock.Elapsed.TotalSeconds:F1} s{(extra is null ? "" : "; " + extra)}");
            foreach (var kv in _outcomes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                _output.WriteLine($"[{_name}]   {kv.Key}: {kv.Value:N0}");
            }
        }

        public static Exception Fail(string what, string input) =>
            new InvalidOperationException(what + " (input: \"" + SectionNameGen.Escape(input, 400) + "\")");
    }
}
