using System;
using System.Collections.Generic;
using System.IO;

namespace BpfAnalyzers.AnalyzerBenchmarks
{
    /// <summary>What to run and how often: the full run, or <c>--quick</c> (smaller projects, fewer repetitions) for CI.</summary>
    internal sealed class Settings
    {
        public bool Quick { get; private set; }

        public List<string> Parts { get; } = new List<string>();

        public string ResultsDirectory { get; private set; } = Path.Combine("artifacts", "bench", "results");

        public string WorkDirectory { get; private set; } = Path.Combine("artifacts", "bench");

        /// <summary>The folder <c>dotnet pack</c> wrote BpfAnalyzers.*.nupkg to (the build part needs it).</summary>
        public string? PackageSource { get; private set; }

        public int[] AnalyzerSizes => Quick ? new[] { 1_000, 5_000 } : new[] { 1_000, 10_000, 100_000 };

        public int Repetitions => Quick ? 3 : 7;

        public int LargeRepetitions => 2;

        public int[] FixAllSizes => Quick ? new[] { 500, 2_000 } : new[] { 1_000, 10_000 };

        public int FixAllRepetitions => Quick ? 3 : 5;

        public int[] EditorSizes => Quick ? new[] { 1_000, 5_000 } : new[] { 1_000, 10_000, 100_000 };

        public int EditorRepetitions => Quick ? 5 : 15;

        public int BuildMethods => Quick ? 1_000 : 10_000;

        public int BuildRepetitions => Quick ? 1 : 5;

        public static Settings Parse(string[] args)
        {
            var settings = new Settings();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--quick":
                        settings.Quick = true;
                        break;
                    case "--results":
                        settings.ResultsDirectory = Value(args, ref i);
                        break;
                    case "--work":
                        settings.WorkDirectory = Value(args, ref i);
                        break;
                    case "--package-source":
                        settings.PackageSource = Path.GetFullPath(Value(args, ref i));
                        break;
                    case "analyzer":
                    case "build":
                    case "fixall":
                    case "editor":
                        settings.Parts.Add(args[i]);
                        break;
                    default:
                        throw new ArgumentException($"unknown argument '{args[i]}'. Usage: [analyzer] [build] [fixall] [editor] [--quick] [--results DIR] [--work DIR] [--package-source DIR]");
                }
            }

            if (settings.Parts.Count == 0)
            {
                settings.Parts.AddRange(new[] { "analyzer", "fixall", "editor", "build" });
            }

            return settings;
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value");
            }

            return args[++i];
        }
    }
}
