using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace BpfAnalyzers.Benchmarks
{
    public static class Program
    {
        /// <summary>Where bench/run-all.sh wants the resolver-vs-libbpf rows of its table (tab-separated).</summary>
        public const string ResultsVariable = "BPF_BENCH_RESULTS";

        public static void Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "first-touch")
            {
                ProfileCost.FirstTouch();
                return;
            }

            if (args.Length > 0 && args[0] == "profile")
            {
                ProfileCost.Run(args[1..]);
                return;
            }

            IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            if (Environment.GetEnvironmentVariable(ResultsVariable) is string directory && directory.Length > 0)
            {
                WriteRows(summaries.SelectMany(s => s.Reports).ToList(), directory);
            }
        }

        /// <summary>Per category (valid, invalid names): resolver and libbpf ns per name, their ratio, and allocation.</summary>
        private static void WriteRows(List<BenchmarkReport> reports, string directory)
        {
            var rows = new List<string>();
            foreach (string category in new[] { "valid", "invalid" })
            {
                BenchmarkReport? resolver = Find(reports, "Resolve_" + category);
                BenchmarkReport? libbpf = Find(reports, "Libbpf_" + category);
                if (resolver?.ResultStatistics is null || libbpf?.ResultStatistics is null)
                {
                    continue;
                }

                double ours = resolver.ResultStatistics.Median;
                double theirs = libbpf.ResultStatistics.Median;
                long allocated = resolver.GcStats.GetBytesAllocatedPerOperation(resolver.BenchmarkCase) ?? -1;
                double ratio = ours / theirs;
                bool met = ratio <= 1.0 && (category != "valid" || allocated == 0);
                rows.Add(string.Join(
                    "\t",
                    "1 resolver",
                    $"{SectionNameBenchmarks.Batch:N0} {category} names: SectionResolver.Resolve / libbpf_prog_type_by_name() (1.1.2, P/Invoke, pre-encoded)",
                    string.Create(CultureInfo.InvariantCulture, $"{ours:0.0} / {theirs:0.0} ns per name = {ratio:0.00}x; resolver allocates {allocated} B per name"),
                    category == "valid" ? "<= 1.00x, 0 B" : "<= 1.00x",
                    met ? "met" : "MISSED"));
            }

            Directory.CreateDirectory(directory);
            File.WriteAllLines(Path.Combine(directory, "1-resolver.tsv"), rows);
        }

        private static BenchmarkReport? Find(List<BenchmarkReport> reports, string method) =>
            reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
    }
}
