using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Xunit;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// The IDE path as Roslyn hosts run it: MSBuildWorkspace opens the project, the analyzers the
    /// PackageReference brought compute its diagnostics, and for each diagnostic the code actions the
    /// package's fixers (CanonicalizeSectionFix) offer are listed and the first one applied, as a click
    /// on the light bulb does.
    /// </summary>
    [Collection(PackedPackageCollection.Name)]
    public class LightBulbTests
    {
        private static readonly object Registration = new();

        private readonly PackedPackage _package;

        public LightBulbTests(PackedPackage package)
        {
            _package = package;
        }

        [Fact]
        public async Task Applying_the_first_code_action_of_each_diagnostic_in_MSBuildWorkspace_leaves_a_clean_build()
        {
            ConsumerProject consumer = _package.NewConsumer("light-bulb")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.WithSections(
                    "[BpfSection(\"xdp\")]",
                    "[BpfSection({|BPF0001:\"xdpblah\"|})]",
                    "[BpfSection({|BPF0003:\"struct_ops/\"|})]",
                    "[BpfSection({|BPF0001:\"cgroup_sock\"|})]"))
                .Source("Tracing.cs", """
                    using BpfAnalyzers;

                    namespace BpfConsumer
                    {
                        public static class Tracing
                        {
                            private const string Unlink = "kprobes/do_unlinkat";

                            [BpfSection({|BPF0001:Unlink|})]
                            public static int OnUnlink(int ctx) => 0;
                        }
                    }

                    """);
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            RegisterMSBuild();

            LightBulbSession session = await ApplyFirstActionOfEachDiagnosticAsync(consumer);

            Assert.Equal(
                new[] { "BpfAnalyzers.Analyzers.dll", "BpfAnalyzers.CodeFixes.dll", "BpfAnalyzers.Completion.dll", "BpfAnalyzers.Kernel.dll", "BpfAnalyzers.Sections.dll" },
                session.PackageAnalyzerFiles);
            Assert.Equal(consumer.Expected.Select(e => e.ToString()).OrderBy(s => s, StringComparer.Ordinal), session.FirstDiagnostics);
            Assert.Equal(
                new[]
                {
                    "Programs.cs BPF0001: Use 'xdp'",
                    "Programs.cs BPF0003: Use 'struct_ops'",
                    "Programs.cs BPF0001: Use 'cgroup/sock'",
                    "Tracing.cs BPF0001: Use 'kprobe/do_unlinkat'",
                },
                session.LightBulbs);
            Assert.Empty(session.LastDiagnostics);
            Assert.Equal(
                Programs.WithSections(
                    "[BpfSection(\"xdp\")]",
                    "[BpfSection(\"xdp\")]",
                    "[BpfSection(\"struct_ops\")]",
                    "[BpfSection(\"cgroup/sock\")]"),
                consumer.ReadSource("Programs.cs"));
            Assert.Contains("private const string Unlink = \"kprobe/do_unlinkat\";", consumer.ReadSource("Tracing.cs"), StringComparison.Ordinal);

            BuildOutcome build = await consumer.BuildAsync();
            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }

        // The seed (bpf-next, 2020): a handler registered as 'user/', programs written SEC("user") and SEC("userargh").
        [Fact]
        public async Task Under_a_custom_user_slash_the_light_bulb_writes_user_slash_and_user_slash_argh()
        {
            ConsumerProject consumer = _package.NewConsumer("light-bulb-user-slash")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Custom.cs", "using BpfAnalyzers;\n\n[assembly: BpfCustomSection(\"user/\")]\n")
                .Source("Programs.cs", Programs.WithSections(
                    "[BpfSection({|BPF0001:\"user\"|})]",
                    "[BpfSection({|BPF0001:\"userargh\"|})]"));
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            RegisterMSBuild();

            LightBulbSession session = await ApplyFirstActionOfEachDiagnosticAsync(consumer);

            Assert.Equal(new[] { "Programs.cs BPF0001: Use 'user/'", "Programs.cs BPF0001: Use 'user/argh'" }, session.LightBulbs);
            Assert.Empty(session.LastDiagnostics);
            Assert.Equal(Programs.WithSections("[BpfSection(\"user/\")]", "[BpfSection(\"user/argh\")]"), consumer.ReadSource("Programs.cs"));
            BuildOutcome build = await consumer.BuildAsync();
            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }

        [Fact]
        public async Task An_undeclared_user_is_declared_as_a_custom_section_from_the_light_bulb()
        {
            ConsumerProject consumer = _package.NewConsumer("light-bulb-declare")
                .Property("TreatWarningsAsErrors", "true")
                .Source("Programs.cs", Programs.WithSections("[BpfSection({|BPF0001:\"user\"|})]"));
            ToolResult restore = await consumer.RestoreAsync();
            Assert.True(restore.ExitCode == 0, restore.ToString());
            RegisterMSBuild();

            LightBulbSession session = await ApplyFirstActionOfEachDiagnosticAsync(consumer);

            Assert.Equal(
                new[] { "Programs.cs BPF0001: Declare custom section 'user+' ([assembly: BpfCustomSection], for a loader that calls libbpf_register_prog_handler())" },
                session.LightBulbs);
            Assert.Empty(session.LastDiagnostics);
            Assert.Equal(
                Programs.WithSections("[BpfSection(\"user\")]").Replace(
                    "using BpfAnalyzers;\n\n",
                    "using BpfAnalyzers;\n\n[assembly: BpfCustomSection(\"user+\")]\n\n",
                    StringComparison.Ordinal),
                consumer.ReadSource("Programs.cs"));
            BuildOutcome build = await consumer.BuildAsync();
            Assert.True(build.Succeeded, build.ToString());
            Assert.Empty(build.Diagnostics);
        }

        /// <summary>MSBuild comes from the SDK, and must be located before any MSBuild type loads.</summary>
        private static void RegisterMSBuild()
        {
            lock (Registration)
            {
                if (!MSBuildLocator.IsRegistered)
                {
                    MSBuildLocator.RegisterDefaults();
                }
            }
        }

        /// <summary>
        /// Everything that touches MSBuild types lives here, out of line, so that the JIT loads them
        /// only after <see cref="RegisterMSBuild"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static async Task<LightBulbSession> ApplyFirstActionOfEachDiagnosticAsync(ConsumerProject consumer)
        {
            CancellationToken cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;
            using MSBuildWorkspace workspace = MSBuildWorkspace.Create();
            var failures = new List<string>();
            workspace.WorkspaceFailed += (_, e) => failures.Add(e.Diagnostic.Kind + ": " + e.Diagnostic.Message);
            Project project = await workspace.OpenProjectAsync(consumer.ProjectPath, cancellationToken: cancel);
            Assert.DoesNotContain(failures, f => f.StartsWith(nameof(WorkspaceDiagnosticKind.Failure), StringComparison.Ordinal));

            // The references the PackageReference put on the project: the package's analyzers/dotnet/cs, or on a .NET 10
            // linux-x64 host its r2r/linux-x64 copies (the package's targets choose; ReadyToRunTests pins which).
            List<AnalyzerFileReference> fromPackage = project.AnalyzerReferences.OfType<AnalyzerFileReference>()
                .Where(r => r.FullPath.StartsWith(consumer.PackageFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(r => r.FullPath, StringComparer.Ordinal)
                .ToList();
            ImmutableArray<DiagnosticAnalyzer> analyzers = fromPackage.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
            List<CodeFixProvider> fixers = CodeFixProviders(fromPackage).ToList();
            Assert.Contains(fixers, f => f.GetType().Name == "CanonicalizeSectionFix");

            var session = new LightBulbSession(fromPackage.Select(r => Path.GetFileName(r.FullPath)).ToList());
            for (int step = 0; step < 20; step++)
            {
                project = workspace.CurrentSolution.GetProject(project.Id)!;
                List<Diagnostic> diagnostics = await BpfDiagnosticsAsync(project, analyzers, cancel);
                if (step == 0)
                {
                    session.FirstDiagnostics.AddRange(diagnostics.Select(Describe).OrderBy(s => s, StringComparer.Ordinal));
                }

                Diagnostic? next = diagnostics.FirstOrDefault(d => fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id)));
                if (next is null)
                {
                    session.LastDiagnostics.AddRange(diagnostics.Select(Describe));
                    break;
                }

                Document document = project.GetDocument(next.Location.SourceTree)!;
                var actions = new List<CodeAction>();
                foreach (CodeFixProvider fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(next.Id)))
                {
                    await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, next, (action, _) => actions.Add(action), cancel));
                }

                Assert.True(actions.Count > 0, "no code action for " + next);
                session.LightBulbs.Add($"{document.Name} {next.Id}: {string.Join(" | ", actions.Select(a => a.Title))}");

                foreach (CodeActionOperation operation in await actions[0].GetOperationsAsync(cancel))
                {
                    ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(operation);
                    Assert.True(workspace.TryApplyChanges(apply.ChangedSolution), "the workspace refused " + actions[0].Title);
                }
            }

            return session;
        }

        private static async Task<List<Diagnostic>> BpfDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancel)
        {
            Compilation compilation = (await project.GetCompilationAsync(cancel))!;
            ImmutableArray<Diagnostic> diagnostics = await compilation
                .WithAnalyzers(analyzers, project.AnalyzerOptions)
                .GetAnalyzerDiagnosticsAsync(cancel);
            return diagnostics
                .Where(d => d.Id.StartsWith("BPF", StringComparison.Ordinal))
                .OrderBy(d => Path.GetFileName(d.Location.SourceTree?.FilePath), StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();
        }

        /// <summary>The code fix providers exported by the package's assemblies, found as IDEs find them.</summary>
        private static IEnumerable<CodeFixProvider> CodeFixProviders(IEnumerable<AnalyzerFileReference> references) =>
            references
                .Select(r => r.GetAssembly())
                .SelectMany(LoadableTypes)
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

        /// <summary>
        /// The types of <paramref name="assembly"/> this host can load: the completion assembly needs
        /// Microsoft.CodeAnalysis.Features, which an editor has and this test host does not; MEF in an IDE
        /// likewise skips what it cannot load.
        /// </summary>
        private static IEnumerable<Type> LoadableTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t is not null).Select(t => t!);
            }
        }

        private static string Describe(Diagnostic diagnostic)
        {
            FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
            return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id}";
        }

        private sealed record LightBulbSession(List<string> PackageAnalyzerFiles)
        {
            public List<string> FirstDiagnostics { get; } = new();

            public List<string> LightBulbs { get; } = new();

            public List<string> LastDiagnostics { get; } = new();
        }
    }
}
