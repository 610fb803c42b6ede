using System;
using System.Globalization;
using System.IO;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>
    /// Rows of the table bench/run-all.sh prints: part, measurement, result, target, verdict. Each part writes its
    /// own tab-separated file in the results folder; the script prints them all at the end.
    /// </summary>
    internal sealed class Results
    {
        private readonly string _path;

        public Results(string directory, string part)
        {
            Directory.CreateDirectory(directory);
            _path = Path.Combine(directory, part + ".tsv");
            File.WriteAllText(_path, string.Empty);
        }

        public void Row(string part, string measurement, string result, string target, bool? met)
        {
            string verdict = met switch { true => "met", false => "MISSED", null => "-" };
            File.AppendAllText(_path, string.Join("\t", part, measurement, result, target, verdict) + "\n");
            Console.WriteLine($"  => {measurement}: {result} (target {target}: {verdict})");
        }

        public static string Ms(double ms) =>
            ms >= 100 ? ms.ToString("0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

        public static string Ratio(double r) => r.ToString("0.00", CultureInfo.InvariantCulture) + "x";

        public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
    }
}
