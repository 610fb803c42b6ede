using System;
using Microsoft.CodeAnalysis;

namespace BpfAnalyzers
{
    /// <summary>Finds, once per compilation, whether any attribute class of a given name exists.</summary>
    internal static class AttributeTypes
    {
        public static bool Exist(Compilation compilation, string typeName)
        {
            if (compilation.GetTypeByMetadataName("BpfAnalyzers." + typeName) is not null ||
                compilation.ContainsSymbolsWithName(typeName, SymbolFilter.Type))
            {
                return true;
            }

            // Frameworks may define their own in any namespace. The framework's own assemblies never do.
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                string name = assembly.Name;
                if (name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) ||
                    name == "mscorlib" || name == "netstandard")
                {
                    continue;
                }

                if (InNamespace(assembly.GlobalNamespace, typeName))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool InNamespace(INamespaceSymbol ns, string typeName)
        {
            if (!ns.GetTypeMembers(typeName).IsEmpty)
            {
                return true;
            }

            foreach (INamespaceSymbol child in ns.GetNamespaceMembers())
            {
                if (InNamespace(child, typeName))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
