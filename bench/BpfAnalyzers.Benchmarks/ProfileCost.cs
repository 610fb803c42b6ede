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
        /// <summary><c>first-touch</c>: what the first uses of the tables cost in a fresh process (JIT and type loads included).</summary>
        public static void FirstTouch()
        {
            var watch = Stopwatch.StartNew();
            Sections.LibbpfVersion latest = Sections.LibbpfVersion.Latest;
            double version = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            int rows = Sections.SectionTable.For(latest).Count;
            double table = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var checker = new Sections.SectionChecker();
            bool found = checker.CheckProgram("xdp", new Sections.LibbpfSetup(latest), "p").IsEmpty;
            double check = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            bool wrong = checker.CheckProgram("xdpblah", new Sections.LibbpfSetup(latest), "p").IsEmpty;
            double suggest = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first LibbpfVersion.Latest {version:0.0} ms, SectionTable.For ({rows} rows) {table:0.0} ms, a clean check {check:0.0} ms, a wrong name with fixes {suggest:0.0} ms ({found}, {wrong})"));
        }

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
