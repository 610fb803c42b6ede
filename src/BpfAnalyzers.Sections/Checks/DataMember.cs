using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What the checks need to know of a global or map that a data section name decorates: its C name, whether it is
    /// read-only or a map, and its type's shape and size. The analyzer reads these from the symbol; the CLI from its options.
    /// </summary>
    public sealed class DataMember
    {
        public DataMember(string variable, bool readOnly = false, bool mapLike = false, DataMemberShape shape = DataMemberShape.Unknown, int? byteSize = null, string? typeName = null, Func<string?>? reader = null)
        {
            Variable = variable;
            ReadOnly = readOnly;
            MapLike = mapLike;
            Shape = shape;
            ByteSize = byteSize;
            TypeName = typeName;
            Reader = reader;
        }

        /// <summary>A member nothing is known of: <see cref="DataSectionChecker.VariablePlaceholder"/> stands for its name.</summary>
        public static DataMember Unknown { get; } = new(DataSectionChecker.VariablePlaceholder);

        /// <summary>The C name libbpf prints (dntc's <c>[CustomFieldName]</c>, else the field's own name).</summary>
        public string Variable { get; }

        public bool ReadOnly { get; }

        /// <summary>A struct or class whose name says it is a map: suggestions lean to <c>.maps</c>.</summary>
        public bool MapLike { get; }

        public DataMemberShape Shape { get; }

        /// <summary>The size of a scalar type in bytes, when known.</summary>
        public int? ByteSize { get; }

        /// <summary>The type as the message names it; null when the type is unknown (no shape check then).</summary>
        public string? TypeName { get; }

        /// <summary>
        /// The program that uses (reads or writes) the member, as libbpf's "bad map relo" names it, or null when no program
        /// uses it; asked only when the section would be an error (finding it is a search). A member without a
        /// <see cref="Reader"/> is used by no program: in a section libbpf skips it is then BPF0024, a warning, since
        /// only a use fails the open.
        /// </summary>
        public Func<string?>? Reader { get; }
    }

    /// <summary>What the checks found about a data member's section, and whether its uses need checking.</summary>
    public readonly struct DataFindings
    {
        internal DataFindings(Finding? finding, DataSectionEntry? entry, DataSectionEntry? usesFail)
        {
            Finding = finding;
            Entry = entry;
            UsesFail = usesFail;
        }

        /// <summary>The finding about the section and the member, or null.</summary>
        public Finding? Finding { get; }

        /// <summary>The data section the name falls under in the target release, or null when libbpf skips it.</summary>
        public DataSectionEntry? Entry { get; }

        /// <summary>
        /// For a member kept in <c>license</c> or <c>version</c>: libbpf makes no map of those sections, so each program
        /// that uses the member fails to open (<see cref="SectionChecker.UseOfUnmappedGlobal"/> says how, per use).
        /// </summary>
        public DataSectionEntry? UsesFail { get; }
    }
}
