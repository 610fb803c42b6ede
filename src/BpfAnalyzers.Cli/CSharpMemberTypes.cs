using System;
using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>explain --data --type T</c>: a C# type as written on the field, read into the <see cref="DataMember"/> the analyzer
    /// builds from the field's symbol. This mirrors <c>DataMemberDiagnostics.Describe</c> (src/BpfAnalyzers), which reads
    /// an <c>ITypeSymbol</c>: the CLI has no compilation, so it maps the spelling instead; keep the two in step (the CLI's
    /// corpus test compares them on fields of these types).
    /// </summary>
    internal static class CSharpMemberTypes
    {
        // Keyword, shape and byte size as DataMemberDiagnostics.Shape/ByteSize give them for the special type
        // (SpecialType.System_Boolean..System_Double are scalars; decimal is one with no size).
        private static readonly Dictionary<string, (string Keyword, DataMemberShape Shape, int? Size)> s_special = new(StringComparer.Ordinal)
        {
            ["bool"] = ("bool", DataMemberShape.Scalar, 1),
            ["byte"] = ("byte", DataMemberShape.Scalar, 1),
            ["sbyte"] = ("sbyte", DataMemberShape.Scalar, 1),
            ["short"] = ("short", DataMemberShape.Scalar, 2),
            ["ushort"] = ("ushort", DataMemberShape.Scalar, 2),
            ["char"] = ("char", DataMemberShape.Scalar, 2),
            ["int"] = ("int", DataMemberShape.Scalar, 4),
            ["uint"] = ("uint", DataMemberShape.Scalar, 4),
            ["float"] = ("float", DataMemberShape.Scalar, 4),
            ["long"] = ("long", DataMemberShape.Scalar, 8),
            ["ulong"] = ("ulong", DataMemberShape.Scalar, 8),
            ["double"] = ("double", DataMemberShape.Scalar, 8),
            ["decimal"] = ("decimal", DataMemberShape.Scalar, null),
            ["string"] = ("string", DataMemberShape.Sequence, null),
            // Special types that are neither scalars nor sequences: a struct or class, never map-like.
            ["object"] = ("object", DataMemberShape.Aggregate, null),
            ["nint"] = ("nint", DataMemberShape.Aggregate, null),
            ["nuint"] = ("nuint", DataMemberShape.Aggregate, null),
        };

        private static readonly Dictionary<string, string> s_systemNames = new(StringComparer.Ordinal)
        {
            ["Boolean"] = "bool", ["Byte"] = "byte", ["SByte"] = "sbyte", ["Int16"] = "short", ["UInt16"] = "ushort",
            ["Char"] = "char", ["Int32"] = "int", ["UInt32"] = "uint", ["Single"] = "float", ["Int64"] = "long",
            ["UInt64"] = "ulong", ["Double"] = "double", ["Decimal"] = "decimal", ["String"] = "string",
            ["Object"] = "object", ["IntPtr"] = "nint", ["UIntPtr"] = "nuint",
        };

        /// <summary>
        /// The member <paramref name="variable"/> of type <paramref name="type"/> (null: unknown, no shape check, as for a
        /// member the analyzer cannot bind); <paramref name="reader"/> is the program libbpf's "bad map relo" names.
        /// </summary>
        public static DataMember Describe(string variable, string? type, bool readOnly, string? reader)
        {
            Func<string?>? readerOf = reader is null ? null : () => reader;
            if (type is null)
            {
                return new DataMember(variable, readOnly, reader: readerOf);
            }

            string t = type.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (t.EndsWith(']'))
            {
                // T[] and T[,]: ITypeSymbol.TypeKind is Array.
                string element = t.Substring(0, t.IndexOf('['));
                return new DataMember(variable, readOnly, false, DataMemberShape.Sequence, null, Display(element) + t.Substring(element.Length), readerOf);
            }

            if (t.EndsWith('*'))
            {
                // TypeKind.Pointer: a scalar of no known size.
                string pointee = t.TrimEnd('*');
                return new DataMember(variable, readOnly, false, DataMemberShape.Scalar, null, Display(pointee) + t.Substring(pointee.Length), readerOf);
            }

            if (t.EndsWith('?'))
            {
                // Nullable<T>: a struct whose special type is None, named Nullable.
                return new DataMember(variable, readOnly, false, DataMemberShape.Aggregate, null, Display(t.TrimEnd('?')) + "?", readerOf);
            }

            string display = Display(t);
            if (s_special.TryGetValue(display, out var special))
            {
                return new DataMember(variable, readOnly, false, special.Shape, special.Size, special.Keyword, readerOf);
            }

            // Any other name is taken as a struct or class (an enum cannot be told from its name here): map-like when its
            // name says Map, as DataMemberDiagnostics.Describe reads ITypeSymbol.Name.
            int generic = display.IndexOf('<');
            string simple = generic < 0 ? display : display.Substring(0, generic);
            return new DataMember(variable, readOnly, simple.Contains("Map", StringComparison.Ordinal), DataMemberShape.Aggregate, null, display, readerOf);
        }

        /// <summary>The type as SymbolDisplayFormat.MinimallyQualifiedFormat shows it: keywords for special types, no namespace.</summary>
        private static string Display(string t)
        {
            int generic = t.IndexOf('<');
            string head = generic < 0 ? t : t.Substring(0, generic);
            string args = generic < 0 ? string.Empty : t.Substring(generic);
            if (head.StartsWith("global::", StringComparison.Ordinal))
            {
                head = head.Substring("global::".Length);
            }

            int dot = head.LastIndexOf('.');
            string simple = dot < 0 ? head : head.Substring(dot + 1);
            if (generic < 0 && s_systemNames.TryGetValue(simple, out string? keyword) && (dot < 0 || head.Substring(0, dot) == "System"))
            {
                return keyword;
            }

            return simple + args;
        }
    }
}
