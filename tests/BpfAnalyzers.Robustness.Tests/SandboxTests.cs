using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using BpfAnalyzers.CodeFixes;
using BpfAnalyzers.Sections;
using Xunit;
using Xunit.Abstractions;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// The assemblies that run inside the compiler (analyzer, code fixes, section table) touch no file, network,
    /// environment, process or reflection API. BannedSymbols.txt stops such code at build time; this reads the
    /// built assemblies' metadata, so it also catches what a banned-API list does not name.
    /// </summary>
    public sealed class SandboxTests
    {
        /// <summary>Namespaces whose every type is off limits.</summary>
        private static readonly string[] s_bannedNamespaces =
        {
            "System.Net", "System.Diagnostics.Process", "System.Reflection.Emit", "System.Runtime.Loader", "Microsoft.Win32",
            "System.IO.Pipes", "System.IO.MemoryMappedFiles", "System.IO.IsolatedStorage",
        };

        /// <summary>Types that are off limits, by full name.</summary>
        private static readonly string[] s_bannedTypes =
        {
            "System.IO.File", "System.IO.FileInfo", "System.IO.FileStream", "System.IO.FileSystemInfo", "System.IO.FileSystemWatcher",
            "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.Path", "System.IO.StreamReader", "System.IO.StreamWriter",
            "System.IO.DriveInfo", "System.AppDomain", "System.Activator", "System.Threading.Thread",
            "System.Runtime.InteropServices.Marshal", "System.Runtime.InteropServices.NativeLibrary", "System.Diagnostics.Process",
            "System.Reflection.Assembly", "System.Reflection.MethodInfo", "System.Reflection.ConstructorInfo", "System.Reflection.FieldInfo",
            "System.Reflection.PropertyInfo", "System.Reflection.MemberInfo", "System.Reflection.BindingFlags",
        };

        /// <summary>Members that are off limits, as Type.Member, on types otherwise allowed.</summary>
        private static readonly string[] s_bannedMembers =
        {
            "System.Type.GetType", "System.Type.GetMethod", "System.Type.GetMethods", "System.Type.GetField", "System.Type.GetFields",
            "System.Type.GetProperty", "System.Type.GetProperties", "System.Type.GetMember", "System.Type.GetMembers", "System.Type.GetConstructor",
            "System.Type.InvokeMember", "System.Type.GetTypeFromProgID", "System.Type.GetTypeFromCLSID", "System.Type.get_Assembly",
        };

        private readonly ITestOutputHelper _output;

        public SandboxTests(ITestOutputHelper output) => _output = output;

        /// <summary>What the package puts in analyzers/dotnet/cs, by file name (the theory's display name).</summary>
        public static IEnumerable<object[]> AnalyzerAssemblies() =>
            new[] { typeof(SectionNameAnalyzer), typeof(CanonicalizeSectionFix), typeof(SectionResolver) }
                .Select(t => new object[] { Path.GetFileName(t.Assembly.Location) });

        [Theory]
        [MemberData(nameof(AnalyzerAssemblies))]
        public void Analyzer_assemblies_reference_no_file_network_environment_or_reflection_api(string fileName)
        {
            string path = Path.Combine(AppContext.BaseDirectory, fileName);
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            var violations = new List<string>();

            int typeRefs = 0;
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                typeRefs++;
                string type = FullName(md, h);
                if (s_bannedTypes.Contains(type) || s_bannedNamespaces.Any(ns => type == ns || type.StartsWith(ns + ".", StringComparison.Ordinal)))
                {
                    violations.Add("type " + type);
                }
            }

            int memberRefs = 0;
            foreach (MemberReferenceHandle h in md.MemberReferences)
            {
                memberRefs++;
                MemberReference member = md.GetMemberReference(h);
                string parent = ParentName(md, member.Parent);
                string name = parent + "." + md.GetString(member.Name);
                // The compiler's own iterator code reads Environment.CurrentManagedThreadId; nothing else of
                // Environment (variables, paths, the command line, Exit) is allowed.
                bool environment = parent == "System.Environment" && name != "System.Environment.get_CurrentManagedThreadId";
                if (environment || s_bannedMembers.Contains(name))
                {
                    violations.Add("member " + name);
                }
            }

            // P/Invoke: a method implemented outside managed code.
            foreach (MethodDefinitionHandle h in md.MethodDefinitions)
            {
                MethodDefinition method = md.GetMethodDefinition(h);
                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
                {
                    violations.Add("P/Invoke " + md.GetString(method.Name));
                }
            }

            _output.WriteLine($"{Path.GetFileName(path)}: {typeRefs} type references, {memberRefs} member references, {md.MethodDefinitions.Count} methods checked");
            Assert.True(violations.Count == 0, $"{Path.GetFileName(path)} references APIs an analyzer must not use:\n" + string.Join("\n", violations.Distinct()));
        }

        [Fact]
        public void The_check_sees_a_banned_reference_when_there_is_one()
        {
            // This test assembly reads files, so the same check must find File here: it is not vacuous.
            using var stream = File.OpenRead(typeof(SandboxTests).Assembly.Location);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();
            Assert.Contains("System.IO.File", md.TypeReferences.Select(h => FullName(md, h)));
        }

        private static string FullName(MetadataReader md, TypeReferenceHandle handle)
        {
            TypeReference type = md.GetTypeReference(handle);
            string name = md.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName(md, (TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private static string ParentName(MetadataReader md, EntityHandle parent)
        {
            switch (parent.Kind)
            {
                case HandleKind.TypeReference:
                    return FullName(md, (TypeReferenceHandle)parent);
                case HandleKind.TypeDefinition:
                    TypeDefinition def = md.GetTypeDefinition((TypeDefinitionHandle)parent);
                    return md.GetString(def.Namespace) + "." + md.GetString(def.Name);
                case HandleKind.TypeSpecification:
                    // A generic instantiation: its generic type is what matters.
                    BlobReader blob = md.GetBlobReader(md.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                    if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
                    {
                        blob.ReadSignatureTypeCode();
                        EntityHandle generic = blob.ReadTypeHandle();
                        return generic.Kind == HandleKind.TypeReference ? FullName(md, (TypeReferenceHandle)generic) : "<generic>";
                    }

                    return "<typespec>";
                default:
                    return "<" + parent.Kind + ">";
            }
        }
    }
}
