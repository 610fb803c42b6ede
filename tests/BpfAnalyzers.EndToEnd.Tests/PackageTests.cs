using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>What <c>dotnet pack</c> puts in BpfAnalyzers.nupkg, and that it is reproducible.</summary>
    [Collection(PackedPackageCollection.Name)]
    public class PackageTests
    {
        /// <summary>Every file of the package. NuGet's own bookkeeping (_rels/, [Content_Types].xml, package/services/) aside.</summary>
        private static readonly string[] ExpectedFiles =
        {
            "BpfAnalyzers.nuspec",
            "README.md",
            "analyzers/dotnet/cs/BpfAnalyzers.Analyzers.dll",
            "analyzers/dotnet/cs/BpfAnalyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/BpfAnalyzers.Completion.dll",
            "analyzers/dotnet/cs/BpfAnalyzers.Kernel.dll",
            "analyzers/dotnet/cs/BpfAnalyzers.Sections.dll",
            "build/BpfAnalyzers.props",
            "build/BpfAnalyzers.targets",
            "buildTransitive/BpfAnalyzers.props",
            "buildTransitive/BpfAnalyzers.targets",
            "lib/netstandard2.0/BpfAnalyzers.Attributes.dll",
            "lib/netstandard2.0/BpfAnalyzers.Attributes.xml",
            "r2r/linux-x64/BpfAnalyzers.Analyzers.dll",
            "r2r/linux-x64/BpfAnalyzers.CodeFixes.dll",
            "r2r/linux-x64/BpfAnalyzers.Completion.dll",
            "r2r/linux-x64/BpfAnalyzers.Kernel.dll",
            "r2r/linux-x64/BpfAnalyzers.Sections.dll",
            "tasks/netstandard2.0/BpfAnalyzers.Tasks.dll",
        };

        private readonly PackedPackage _package;

        public PackageTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public void The_package_holds_exactly_the_analyzer_fixes_completion_table_attributes_props_task_readme_and_the_linux_x64_copies()
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);

            Assert.Equal(ExpectedFiles, PackageFiles(zip).Keys.OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void The_nuspec_has_license_repository_project_url_and_readme_and_is_no_development_dependency()
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
            XElement metadata = PackedPackage.Nuspec(zip).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal("BpfAnalyzers", Value("id"));
            // A development dependency gets no compile assets from `dotnet add package`: the attributes would not compile.
            Assert.Null(Value("developmentDependency"));
            XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);
            Assert.Equal("README.md", Value("readme"));
            Assert.False(string.IsNullOrWhiteSpace(Value("description")));
            Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
            XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
            // An analyzer package brings no runtime dependency into the projects that install it.
            Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
        }

        [Fact]
        public async Task Rebuilding_the_same_sources_packs_byte_identical_assemblies()
        {
            string analyzerDll = Path.Combine(_package.RepoRoot, "src", "BpfAnalyzers", "bin", "Release", "netstandard2.0", "BpfAnalyzers.Analyzers.dll");
            DateTime before = File.GetLastWriteTimeUtc(analyzerDll);
            string again = Path.Combine(_package.Root, "feed-rebuilt");

            // Rebuild cleans and compiles the package's project references too; then pack what it built.
            ToolResult rebuild = await ToolProcess.RunAsync(
                ToolProcess.Dotnet,
                new[] { "build", _package.PackageProject, "-c", "Release", "--no-incremental", "--nologo", "-nodeReuse:false" },
                _package.RepoRoot,
                TimeSpan.FromMinutes(6));
            Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
            Assert.True(File.GetLastWriteTimeUtc(analyzerDll) > before, "the rebuild did not compile the analyzer again:\n" + rebuild);
            ToolResult pack = await _package.PackAsync(again, "--no-build");
            Assert.True(pack.ExitCode == 0, pack.ToString());

            using ZipArchive first = ZipFile.OpenRead(_package.NupkgPath);
            using ZipArchive second = ZipFile.OpenRead(Directory.GetFiles(again, "*.nupkg").Single());
            Dictionary<string, byte[]> firstFiles = PackageFiles(first);
            Dictionary<string, byte[]> secondFiles = PackageFiles(second);
            Assert.Equal(firstFiles.Keys.OrderBy(f => f, StringComparer.Ordinal), secondFiles.Keys.OrderBy(f => f, StringComparer.Ordinal));
            string[] assemblies = firstFiles.Keys.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.Equal(12, assemblies.Length);
            foreach (string assembly in assemblies)
            {
                Assert.True(firstFiles[assembly].AsSpan().SequenceEqual(secondFiles[assembly]), assembly + " differs between two builds of the same sources");
            }
        }

        [Theory]
        [InlineData("BpfAnalyzers.Analyzers.dll")]
        [InlineData("BpfAnalyzers.Sections.dll")]
        [InlineData("BpfAnalyzers.Kernel.dll")]
        public void Each_linux_x64_copy_is_the_portable_assembly_with_native_code_for_linux_x64_beside_its_IL(string assembly)
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
            Dictionary<string, byte[]> files = PackageFiles(zip);
            byte[] portable = files["analyzers/dotnet/cs/" + assembly];
            byte[] compiled = files["r2r/linux-x64/" + assembly];

            using var portableImage = new PEReader(new MemoryStream(portable));
            using var compiledImage = new PEReader(new MemoryStream(compiled));
            // IL only (AnyCPU: I386 with the IL-only flag) beside a ReadyToRun image for linux-x64: the runtime's machine
            // value for it is AMD64 xor the Linux marker 0x7B79, and the CLI header points at the native header.
            Assert.Equal(Machine.I386, portableImage.PEHeaders.CoffHeader.Machine);
            Assert.Equal(0, portableImage.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            Assert.Equal((Machine)((ushort)Machine.Amd64 ^ 0x7B79), compiledImage.PEHeaders.CoffHeader.Machine);
            Assert.NotEqual(0, compiledImage.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
            // The same compilation: one module version id, one assembly identity.
            MetadataReader p = portableImage.GetMetadataReader();
            MetadataReader c = compiledImage.GetMetadataReader();
            Assert.Equal(p.GetGuid(p.GetModuleDefinition().Mvid), c.GetGuid(c.GetModuleDefinition().Mvid));
            Assert.Equal(p.GetAssemblyDefinition().GetAssemblyName().FullName, c.GetAssemblyDefinition().GetAssemblyName().FullName);
        }

        [Theory]
        [InlineData("BpfAnalyzers.CodeFixes.dll")]
        [InlineData("BpfAnalyzers.Completion.dll")]
        public void The_code_fixes_and_completion_beside_the_linux_x64_copies_are_the_portable_files(string assembly)
        {
            using ZipArchive zip = ZipFile.OpenRead(_package.NupkgPath);
            Dictionary<string, byte[]> files = PackageFiles(zip);

            Assert.True(files["analyzers/dotnet/cs/" + assembly].AsSpan().SequenceEqual(files["r2r/linux-x64/" + assembly]), assembly + " differs between the two folders");
        }

        private static Dictionary<string, byte[]> PackageFiles(ZipArchive zip) =>
            zip.Entries
                .Where(e => !e.FullName.StartsWith("_rels/", StringComparison.Ordinal)
                    && e.FullName != "[Content_Types].xml"
                    && !e.FullName.StartsWith("package/services/", StringComparison.Ordinal))
                .ToDictionary(e => Uri.UnescapeDataString(e.FullName), Read, StringComparer.Ordinal);

        private static byte[] Read(ZipArchiveEntry entry)
        {
            using Stream stream = entry.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        }
    }
}
