using System;
using System.Collections.Generic;
using BpfAnalyzers.Sections;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// <c>explain --data --type T</c>: a C# type as written on the field, read into what the analyzer reads from the field's
    /// symbol: its form (array, pointer, nullable, named), its display (keywords for the types that have one, no namespace)
    /// and its simple name. What that means for the checks is <see cref="DataMember.Of"/>'s, which the analyzer calls too.
    /// An enum cannot be told from its name here: it is taken as a named struct.
    /// </summary>
    internal static class CSharpMemberTypes
    {
        // The framework names of the types C# shows by keyword (System.Int32 is int).
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
                return DataMember.Of(variable, readOnly, DataTypeForm.Array, Display(element) + t.Substring(element.Length), element, false, readerOf);
            }

            if (t.EndsWith('*'))
            {
                string pointee = t.TrimEnd('*');
                return DataMember.Of(variable, readOnly, DataTypeForm.Pointer, Display(pointee) + t.Substring(pointee.Length), pointee, false, readerOf);
            }

            if (t.EndsWith('?'))
            {
                // Nullable<T>: a struct named Nullable.
                return DataMember.Of(variable, readOnly, DataTypeForm.Nullable, Display(t.TrimEnd('?')) + "?", "Nullable", false, readerOf);
            }

            string display = Display(t);
            int generic = display.IndexOf('<');
            string simple = generic < 0 ? display : display.Substring(0, generic);
            return DataMember.Of(variable, readOnly, DataTypeForm.Named, display, simple, false, readerOf);
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
