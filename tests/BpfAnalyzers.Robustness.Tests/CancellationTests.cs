using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// Never hangs: when the host cancels (the user typed again, closed the file), analysis and fixes stop
    /// promptly with <see cref="OperationCanceledException"/>, however big the file.
    /// </summary>
    [Collection(TimingCollection.Name)]
    public sealed class CancellationTests
    {
        /// <summary>How long after the token is cancelled the work may go on. Generous: a loaded 2-core machine.</summary>
        private static readonly TimeSpan s_stopBound = TimeSpan.FromSeconds(3);

        private static readonly TimeSpan s_cancelAfter = TimeSpan.FromMilliseconds(150);

        private readonly ITestOutputHelper _output;

        public CancellationTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Analysis_of_a_big_file_stops_promptly_when_cancelled()
        {
            Compilation compilation = AnalyzerHarness.Compile(Enumerable.Range(0, 4).Select(i => ($"/src/Big{i}.cs", SourceGen.Big(6000, i).Replace("class Programs", "class Programs" + i))).ToArray());
            var options = AnalyzerHarness.Options("0.7");

            using var cts = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            cts.CancelAfter(s_cancelAfter);
            Exception? thrown = await Record(() => AnalyzerHarness.RunAsync(compilation, options, concurrent: true, cts.Token));
            TimeSpan afterCancel = clock.Elapsed - s_cancelAfter;

            _output.WriteLine($"24,000 attributes: cancelled after {s_cancelAfter.TotalMilliseconds} ms, stopped {afterCancel.TotalMilliseconds:F0} ms later");
            Assert.True(thrown is OperationCanceledException, $"expected OperationCanceledException, got {thrown?.GetType().Name ?? "a finished analysis (make the file bigger)"}: {thrown}");
            Assert.True(afterCancel < s_stopBound, $"analysis went on for {afterCancel.TotalMilliseconds:F0} ms after cancellation");
        }

        [Fact]
        public async Task Fix_all_in_a_big_file_stops_promptly_when_cancelled()
        {
            Document document = FixHarness.Document(SourceGen.Big(4000, 0));
            var options = AnalyzerHarness.Options("1.7");
            ImmutableArray<Diagnostic> diagnostics = await FixHarness.DiagnosticsAsync(document, options);
            Diagnostic[] unknown = diagnostics.Where(d => d.Id == "BPF0001").ToArray();
            Assert.True(unknown.Length > 1000, $"only {unknown.Length} BPF0001 in the big file");

            using var cts = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            cts.CancelAfter(s_cancelAfter);
            Exception? thrown = await Record(() => FixHarness.FixAllAsync(document, FixHarness.Providers.First(p => p.FixableDiagnosticIds.Contains("BPF0001")), "BPF0001", "BpfSection.Fix0", unknown, cts.Token));
            TimeSpan afterCancel = clock.Elapsed - s_cancelAfter;

            _output.WriteLine($"Fix All over {unknown.Length:N0} diagnostics: cancelled after {s_cancelAfter.TotalMilliseconds} ms, stopped {afterCancel.TotalMilliseconds:F0} ms later");
            Assert.True(thrown is OperationCanceledException, $"expected OperationCanceledException, got {thrown?.GetType().Name ?? "a finished Fix All (make the file bigger)"}: {thrown}");
            Assert.True(afterCancel < s_stopBound, $"Fix All went on for {afterCancel.TotalMilliseconds:F0} ms after cancellation");
        }

        [Fact]
        public async Task A_cancelled_token_stops_every_code_action()
        {
            // Big(), a BTF type without a target (BPF0015) and a name that is no typo of any (BPF0001 with only the
            // light-bulb declaration), so every code fix provider offers something.
            string source = SourceGen.Big(50, 0);
            source = source.Substring(0, source.LastIndexOf('}')) +
                "    [BpfSection(\"fentry\")] static int NoTarget(object ctx) => 0;\n" +
                "    [BpfSection(\"zzqqy\")] static int Undeclared(object ctx) => 0;\n}\n";
            Document document = FixHarness.Document(source);
            var options = AnalyzerHarness.Options("1.7");
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            int actions = 0;
            var kinds = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (Diagnostic d in await FixHarness.DiagnosticsAsync(document, options))
            {
                foreach (Fix fix in await FixHarness.ActionsAsync(document, d))
                {
                    actions++;
                    kinds.Add(fix.Provider.GetType().Name);
                    // A code action that finishes with a cancelled token did work the host no longer wants. Roslyn's
                    // GetOperationsAsync() checks the token itself after the action's delegate returns, so ask the
                    // action for its change directly: only the fix's own code is between the token and the answer.
                    Exception? thrown = await Record(() => ChangedSolution(fix.Action, cts.Token));
                    Assert.True(thrown is OperationCanceledException, $"'{fix.Title}' ({d.Id}) {(thrown is null ? "ran to the end" : "threw " + thrown)} with a cancelled token");
                    thrown = await Record(() => fix.Action.GetOperationsAsync(cts.Token));
                    Assert.True(thrown is OperationCanceledException, $"'{fix.Title}' ({d.Id}) operations {(thrown is null ? "were computed" : "threw " + thrown)} with a cancelled token");
                }
            }

            _output.WriteLine($"{actions} code actions asked to run with a cancelled token: {string.Join(", ", kinds)}");
            Assert.True(actions > 20, $"only {actions} code actions");
            Assert.True(
                FixHarness.Providers.All(p => kinds.Contains(p.GetType().Name)),
                $"only these code fix providers were tried: {string.Join(", ", kinds)}; all: {string.Join(", ", FixHarness.Providers.Select(p => p.GetType().Name))}");
        }

        /// <summary>
        /// <c>CodeAction.GetChangedSolutionAsync(CancellationToken)</c>, protected, which runs the delegate the fix
        /// gave <c>CodeAction.Create</c> with exactly this token (tests may reflect; the analyzer may not).
        /// </summary>
        private static Task<Solution?> ChangedSolution(Microsoft.CodeAnalysis.CodeActions.CodeAction action, CancellationToken cancellationToken)
        {
            System.Reflection.MethodInfo method = typeof(Microsoft.CodeAnalysis.CodeActions.CodeAction).GetMethod(
                "GetChangedSolutionAsync",
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic,
                null,
                new[] { typeof(CancellationToken) },
                null) ?? throw new InvalidOperationException("CodeAction.GetChangedSolutionAsync(CancellationToken) not found");
            return (Task<Solution?>)method.Invoke(action, new object[] { cancellationToken })!;
        }

        private static async Task<Exception?> Record<T>(Func<Task<T>> work)
        {
            try
            {
                await work();
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }
}
