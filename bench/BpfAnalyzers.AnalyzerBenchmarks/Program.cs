using System;
using System.Runtime;
using System.Threading.Tasks;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>Runs the parts named on the command line (all by default). bench/run-all.sh is the way in.</summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            Settings settings;
            try
            {
                settings = Settings.Parse(args);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            Console.WriteLine($"{(settings.Quick ? "quick" : "full")} run; GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} processors");
            foreach (string part in settings.Parts)
            {
                switch (part)
                {
                    case "analyzer":
                        await AnalyzerOverheadBenchmark.RunAsync(settings).ConfigureAwait(false);
                        break;
                    case "build":
                        await BuildOverheadBenchmark.RunAsync(settings).ConfigureAwait(false);
                        break;
                    case "fixall":
                        await FixAllBenchmark.RunAsync(settings).ConfigureAwait(false);
                        break;
                    case "editor":
                        await EditorPathBenchmark.RunAsync(settings).ConfigureAwait(false);
                        break;
                }
            }

            return 0;
        }
    }
}
