using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Completion
{
    /// <summary>
    /// The data section names (globals, maps, license) offered on a field: those <see cref="DataSections"/> says a
    /// global or map may be defined in under the release, less the deprecated ones (legacy <c>maps</c> in 0.7–0.8),
    /// as deprecated program names are not offered either.
    /// </summary>
    internal static class DataSectionNames
    {
        /// <summary>(name, description) of every data section worth typing for <paramref name="version"/>.</summary>
        public static IReadOnlyList<SectionName> For(LibbpfVersion version)
        {
            var names = new List<SectionName>();
            foreach (DataSectionEntry e in DataSections.ValidFor(version))
            {
                if (!e.IsDeprecatedIn(version))
                {
                    names.Add(new SectionName(e.Name, e.Display + ": " + e.Description + "\nlibbpf " + version.ToString()));
                }
            }

            return names;
        }
    }
}
