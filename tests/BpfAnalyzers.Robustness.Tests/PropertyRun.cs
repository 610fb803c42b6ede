using System;
using System.Diagnostics;
using System.Threading;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Counts what a property tried and prints it. CsCheck already prints the seed of a failure in the exception
    /// message (<c>Set seed: "..."</c>); <see cref="Fail"/> makes sure the input is in it too.
    /// </summary>
    internal sealed class PropertyRun
    {
        private readonly ITestOutputHelper _output;
        private readonly string _name;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _inputs;
        private long _checks;

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

        /// <summary>CsCheck's own summary line (iterations, time).</summary>
        public void WriteLine(string line) => _output.WriteLine($"[{_name}] CsCheck: {line}");

        public void Report(string? extra = null)
        {
            _output.WriteLine($"[{_name}] {Inputs:N0} inputs, {Checks:N0} checks in {_clock.Elapsed.TotalSeconds:F1} s{(extra is null ? "" : "; " + extra)}");
        }

        public static Exception Fail(string what, string input) =>
            new InvalidOperationException(what + " (input: \"" + SectionNameGen.Escape(input, 400) + "\")");
    }
}
