using System;
using System.IO;

namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>Where the repository's data and sources are, found from the test binaries.</summary>
    internal static class RepoPaths
    {
        /// <summary>The copy of <c>data/</c> beside the test assembly.</summary>
        public static string Data => Path.Combine(AppContext.BaseDirectory, "data");

        public static string Tables => Path.Combine(Data, "libbpf", "tables");

        public static string Oracle => Path.Combine(Data, "libbpf", "oracle");

        /// <summary>The checkout itself (for generated files kept in source control).</summary>
        public static string Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BpfAnalyzers.sln")))
                {
                    dir = dir.Parent;
                }

                return dir?.FullName ?? throw new InvalidOperationException("BpfAnalyzers.sln not found above " + AppContext.BaseDirectory);
            }
        }
    }
}
