using System;

namespace BpfAnalyzers.Sections
{
    /// <summary>
    /// What the checks need to know of a global or map that a data section name decorates: its C name, whether it is
    /// read-only or a map, and its type's shape and size. The analyzer reads these from the symbol; the CLI from its options.
    /// </summary>
    public sealed class DataMember
    {
        public DataMember(string variable, bool readOnly = false, bool mapLike = false, DataMemberShape shape = DataMemberShape.Unknown, int? byteSize = null, string? typeName = null, Func<string?>? reader = null, string? cStruct = null)
        {
            CStruct = cStruct;
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

        // The C# types with a keyword (Roslyn's special types, shown by their keyword): shape and size. Scalars are
        // SpecialType.System_Boolean..System_Double; decimal is one of no C size; object, nint and nuint are neither.
        private static readonly System.Collections.Generic.Dictionary<string, (DataMemberShape Shape, int? Size)> s_keywords = new(StringComparer.Ordinal)
        {
            ["bool"] = (DataMemberShape.Scalar, 1), ["byte"] = (DataMemberShape.Scalar, 1), ["sbyte"] = (DataMemberShape.Scalar, 1),
            ["short"] = (DataMemberShape.Scalar, 2), ["ushort"] = (DataMemberShape.Scalar, 2), ["char"] = (DataMemberShape.Scalar, 2),
            ["int"] = (DataMemberShape.Scalar, 4), ["uint"] = (DataMemberShape.Scalar, 4), ["float"] = (DataMemberShape.Scalar, 4),
            ["long"] = (DataMemberShape.Scalar, 8), ["ulong"] = (DataMemberShape.Scalar, 8), ["double"] = (DataMemberShape.Scalar, 8),
            ["decimal"] = (DataMemberShape.Scalar, null), ["string"] = (DataMemberShape.Sequence, null),
            ["object"] = (DataMemberShape.Aggregate, null), ["nint"] = (DataMemberShape.Aggregate, null), ["nuint"] = (DataMemberShape.Aggregate, null),
        };

        /// <summary>
        /// The member <paramref name="variable"/> of a type in <paramref name="form"/>, shown as <paramref name="display"/> (a C#
        /// keyword for the types that have one, else as written without namespace), named <paramref name="name"/> (no generic
        /// arguments or containing types): the one reading of a member's type, which the analyzer makes from the symbol and the
        /// CLI from the spelling. <paramref name="special"/> is a framework type without a keyword (DateTime): never map-like.
        /// </summary>
        public static DataMember Of(string variable, bool readOnly, DataTypeForm form, string display, string name, bool special, Func<string?>? reader, string? cStruct = null)
        {
            if (form == DataTypeForm.Named && s_keywords.TryGetValue(display, out (DataMemberShape Shape, int? Size) keyword))
            {
                return new DataMember(variable, readOnly, false, keyword.Shape, keyword.Size, display, reader);
            }

            DataMemberShape shape = form switch
            {
                DataTypeForm.Array => DataMemberShape.Sequence,
                DataTypeForm.Pointer or DataTypeForm.Enum => DataMemberShape.Scalar,
                DataTypeForm.Named or DataTypeForm.Nullable => DataMemberShape.Aggregate,
                _ => DataMemberShape.Unknown,
            };
            bool mapLike = form == DataTypeForm.Named && !special && name.IndexOf("Map", StringComparison.Ordinal) >= 0;
            return new DataMember(variable, readOnly, mapLike, shape, null, display, reader, form == DataTypeForm.Named ? cStruct : null);
        }

        /// <summary>The C name libbpf prints (dntc's <c>[CustomFieldName]</c>, else the field's own name).</summary>
        public string Variable { get; }

        public bool ReadOnly { get; }

        /// <summary>A struct or class whose name says it is a map: suggestions lean to <c>.maps</c>.</summary>
        public bool MapLike { get; }

        public DataMemberShape Shape { get; }

        /// <summary>The size of a scalar type in bytes, when known.</summary>
        public int? ByteSize { get; }

        /// <summary>
        /// The C struct the member's type is, when the source says so exactly (dntc's <c>[NativeType("struct T", ...)]</c>):
        /// <c>T</c>, which a struct_ops map's kernel lookup needs; null otherwise (no lookup: a guess could be a false error).
        /// </summary>
        public string? CStruct { get; }

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

    /// <summary>What kind of C# type a data member has, as far as its section's checks care.</summary>
    public enum DataTypeForm
    {
        /// <summary>Anything else (an interface, a delegate, a type parameter): no shape.</summary>
        Other,

        /// <summary>A struct or class by its name (keyword types included).</summary>
        Named,

        /// <summary><c>T[]</c>, <c>T[,]</c>.</summary>
        Array,

        /// <summary><c>T*</c>.</summary>
        Pointer,

        /// <summary>An enum: a scalar of its underlying type.</summary>
        Enum,

        /// <summary><c>T?</c> of a value type (<c>Nullable&lt;T&gt;</c>).</summary>
        Nullable,
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
