using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using BpfAnalyzers.Kernel;

namespace BpfAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>profile FILE...</c>: what reading a kernel profile costs the analyzer, in this (fresh) process: the first parse
    /// (cold: JIT included), the median of five more (warm), and the managed memory the parsed profile holds, against
    /// the file's size. bench/kernel-profile.sh runs it in several fresh processes and prints the rows.
    /// </summary>
    internal static class ProfileCost
    {
        public static void Run(IReadOnlyList<string> files)
        {
            foreach (string file in files)
            {
                string text = File.ReadAllText(file);
                long bytes = new FileInfo(file).Length;
                var watch = Stopwatch.StartNew();
                KernelProfile first = KernelProfile.Parse(text, file);
                double cold = watch.Elapsed.TotalMilliseconds;
                GC.KeepAlive(first);
                first = null!;

                var warm = new List<double>();
                for (int i = 0; i < 5; i++)
                {
                    watch.Restart();
                    GC.KeepAlive(KernelProfile.Parse(text, file));
                    warm.Add(watch.Elapsed.TotalMilliseconds);
                }

                warm.Sort();
                long before = GC.GetTotalMemory(forceFullCollection: true);
                KernelProfile held = KernelProfile.Parse(text, file);
                long after = GC.GetTotalMemory(forceFullCollection: true);
                GC.KeepAlive(held);
                double ratio = (after - before) / (double)bytes;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(file)}\t{bytes / 1e6:0.0} MB, {held.Count(KernelProfile.Funcs):N0} funcs\tcold {cold:0} ms, warm {warm[2]:0} ms\theld {(after - before) / 1e6:0.0} MB = {ratio:0.00}x the text\t{(cold < 150 && ratio <= 2 ? "met" : "MISSED")} (cold < 150 ms, <= 2x)"));
            }
        }
    }
}
