using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>Every end-to-end test shares one package, packed once, and runs one at a time.</summary>
    [CollectionDefinition(Name)]
    public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
    {
        public const string Name = "Packed BpfAnalyzers package";
    }

    /// <summary>
    /// <c>dotnet pack src/BpfAnalyzers.Package -c Release</c>, once, into a temporary folder feed, as
    /// run-sample.sh does; and the temporary folder that every consumer project of the run lives in.
    /// </summary>
    public sealed class PackedPackage : IAsyncLifetime
    {
        private int _consumers;

        public PackedPackage()
        {
            RepoRoot = FindRepoRoot();
            Root = Path.Combine(Path.GetTempPath(), "bpf-e2e-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Feed = Path.Combine(Root, "feed");
        }

        public string RepoRoot { get; }

        /// <summary>The run's temporary folder; removed at the end.</summary>
        public string Root { get; }

        /// <summary>The local folder feed the consumers restore from.</summary>
        public string Feed { get; }

        public string PackageProject => Path.Combine(RepoRoot, "src", "BpfAnalyzers.Package");

        public string NupkgPath { get; private set; } = "";

        public string Id { get; private set; } = "";

        public string Version { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Feed);
            ToolResult pack = await PackAsync(Feed);
            string[] packages = Directory.GetFiles(Feed, "*.nupkg");
            if (pack.ExitCode != 0 || packages.Length != 1)
            {
                throw new InvalidOperationException("dotnet pack did not produce one package:\n" + pack);
            }

            NupkgPath = packages[0];
            using ZipArchive zip = ZipFile.OpenRead(NupkgPath);
            XElement metadata = Nuspec(zip).Root!.Elements().First(e => e.Name.LocalName == "metadata");
            Id = metadata.Elements().First(e => e.Name.LocalName == "id").Value;
            Version = metadata.Elements().First(e => e.Name.LocalName == "version").Value;
        }

        public Task DisposeAsync()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A tool still holding a file: the folder is under the temp directory anyway.
            }
            catch (UnauthorizedAccessException)
            {
            }

            return Task.CompletedTask;
        }

        /// <summary>Packs the current sources (building them in Release) into <paramref name="output"/>.</summary>
        public Task<ToolResult> PackAsync(string output, params string[] extra) =>
            ToolProcess.RunAsync(
                ToolProcess.Dotnet,
                new[] { "pack", PackageProject, "-c", "Release", "-o", output, "--nologo", "-nodeReuse:false" }.Concat(extra),
                RepoRoot,
                TimeSpan.FromMinutes(6));

        /// <summary>A new, empty consumer project in its own folder, with its own NuGet packages folder.</summary>
        public ConsumerProject NewConsumer(string name)
        {
            int n = Interlocked.Increment(ref _consumers);
            return new ConsumerProject(this, Path.Combine(Root, "consumers", $"{n:00}-{name}"));
        }

        public static XDocument Nuspec(ZipArchive zip)
        {
            ZipArchiveEntry entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using Stream stream = entry.Open();
            return XDocument.Load(stream);
        }

        private static string FindRepoRoot()
        {
            for (DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BpfAnalyzers.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("no BpfAnalyzers.sln above " + AppContext.BaseDirectory);
        }
    }
}
