using System;
using System.IO;

namespace BpfAnalyzers.Cli.Tests
{
    /// <summary>Where the repository's data is: the copy of <c>data/</c> beside the test assembly.</summary>
    internal static class RepoPaths
    {
        public static string Data => Path.Combine(AppContext.BaseDirectory, "data");

        public static string Tables => Path.Combine(Data, "libbpf", "tables");

        public static string Oracle => Path.Combine(Data, "libbpf", "oracle");
    }
}
