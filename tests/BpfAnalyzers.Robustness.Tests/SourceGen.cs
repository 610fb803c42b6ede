using System;
using System.Linq;
using System.Text;
using CsCheck;

namespace BpfAnalyzers.Robustness.Tests
{
    /// <summary>
    /// CsCheck generators of C# files that use <c>[BpfSection]</c> in every way the language allows and many it
    /// does not: every argument form (literals of each kind, <c>null</c>, <c>default</c>, <c>nameof</c>,
    /// interpolation, wrong types, named arguments, nothing), every place an attribute can stand (methods,
    /// generic and partial methods, local functions, lambdas, classes, fields, parameters, return values),
    /// <c>#if</c>, custom sections, a look-alike attribute class, then truncation and stray characters.
    /// </summary>
    internal static class SourceGen
    {
        /// <summary>Names small enough to put many of in one file.</summary>
        public static readonly Gen<string> Name = Gen.Frequency<string>(
            (6, SectionNameGen.Mutated),
            (2, SectionNameGen.Arbitrary),
            (2, SectionNameGen.Degenerate),
            (3, Gen.OneOf(SectionNameGen.Entries)));

        /// <summary>A section name as a C# expression that is a constant string (or null).</summary>
        public static readonly Gen<string> ConstantArgument =
            from name in Name
            from form in Gen.Int[0, 11]
            select form switch
            {
                <= 4 => Regular(name),
                5 => Verbatim(name),
                6 => "\"\"\"" + name.Replace("\n", "").Replace("\r", "") + "\"\"\"",
                7 => Regular(Half(name, first: true)) + " + " + Regular(Half(name, first: false)),
                8 => "$\"" + Escaped(Half(name, first: true)) + "{" + Regular(Half(name, first: false)) + "}\"",
                9 => "nameof(Programs)",
                10 => "null",
                _ => "default(string)",
            };

        /// <summary>Anything that might stand in the argument list, compiling or not.</summary>
        public static readonly Gen<string> AnyArgument = Gen.Frequency<string>(
            (12, ConstantArgument),
            (6, Gen.OneOf(
                "default", "(string)null", "null!", "42", "'x'", "\"xdp\"u8", "typeof(int)", "true ? \"xdp\" : \"tc\"",
                "System.DateTime.Now.ToString()", "$\"kprobe/{System.Environment.TickCount}\"", "$\"\"\"kprobe/{Target}\"\"\"",
                "Target", "Programs.Target", "global::Programs.Target", "Missing", "name: \"xdp\"", "name: \"kprobes/f\"",
                "\"xdp\", AttachTargetSetInCode = true", "AttachTargetSetInCode = true, name: \"xdpp\"", "", "\"xdp\", \"tc\"",
                "new[] { \"xdp\" }", "Target ?? \"xdp\"", "nameof(System.String)", "\"kprobe\" + '/' + \"f\"", "@\"\"", "\"\"\"\n  xdp\n  \"\"\"")),
            (1, Name.Select(n => Regular(n) + ", AttachTargetSetInCode = true")));

        private static readonly Gen<string> s_attributeName = Gen.Frequency<string>(
            (10, Gen.Const("BpfSection")),
            (2, Gen.OneOf("BpfSectionAttribute", "BpfAnalyzers.BpfSection", "global::BpfAnalyzers.BpfSectionAttribute", "S", "Other.BpfSection", "BpfSections", "bpfSection")));

        /// <summary>One member of the <c>Programs</c> class, numbered so names never clash.</summary>
        public static Gen<string> Member(Gen<string> argument, bool anyPlace) =>
            from attributeName in anyPlace ? s_attributeName : Gen.OneOf("BpfSection", "BpfSectionAttribute", "BpfAnalyzers.BpfSection", "global::BpfAnalyzers.BpfSectionAttribute")
            from arg in argument
            from place in anyPlace ? Gen.Int[0, 13] : Gen.Int[0, 5]
            from id in Gen.Int[0, 1_000_000]
            let a = "[" + attributeName + "(" + arg + ")]"
            select place switch
            {
                0 => $"    {a} static int M{id}(object ctx) => 0;",
                1 => $"    {a} static int G{id}<T>(T ctx) where T : class => 0;",
                2 => $"    {a} public static partial int P{id}(object ctx);\n    public static partial int P{id}(object ctx) => 0;",
                3 => $"    static int L{id}() {{ {a} static int Local(object ctx) => 0; return Local(null!); }}",
                4 => $"    static readonly System.Func<object, int> F{id} = {a} (object ctx) => 0;",
                5 => $"    const string K{id} = {arg};\n    [{attributeName}(K{id})] static int C{id}(object ctx) => 0;",
                6 => $"    {a} static int Field{id};",
                7 => $"    {a} class Nested{id} {{ }}",
                8 => $"    static int Parameter{id}({a} object ctx) => 0;",
                9 => $"    [return: {attributeName}({arg})] static int Return{id}(object ctx) => 0;",
                10 => $"#if BPF\n    {a}\n#else\n    [BpfSection(\"xdp\")]\n#endif\n    static int If{id}(object ctx) => 0;",
                11 => $"#if NOT_DEFINED\n    {a} static int Off{id}(object ctx) => 0;\n#endif",
                12 => $"    {a} {a} static int Twice{id}(object ctx) => 0;",
                _ => $"    {a} static int Ex{id}(object ctx) => 0; // {a}",
            };

        private static readonly string[] s_wellFormedHeaders =
        {
            "using BpfAnalyzers;\n",
            "using BpfAnalyzers;\nusing S = BpfAnalyzers.BpfSectionAttribute;\n",
            "using BpfAnalyzers;\n[assembly: BpfCustomSection(\"user+\")]\n[assembly: BpfCustomSection(\"audit/\", ProgType = \"kprobe\")]\n",
        };

        private static readonly Gen<string> s_header = Gen.OneOf(
            "using BpfAnalyzers;\n",
            "using BpfAnalyzers;\nusing S = BpfAnalyzers.BpfSectionAttribute;\n",
            "using BpfAnalyzers;\n[assembly: BpfCustomSection(\"user+\")]\n[assembly: BpfCustomSection(\"audit/\", ProgType = \"kprobe\")]\n",
            "using BpfAnalyzers;\n[assembly: BpfCustomSection(\"\")]\n[assembly: BpfCustomSection(null)]\n[assembly: BpfCustomSection(\"a b+\")]\n",
            "using BpfAnalyzers;\nnamespace Other { [System.AttributeUsage(System.AttributeTargets.All)] sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(string name) { } } }\n",
            "using Own;\nnamespace Own { [System.AttributeUsage(System.AttributeTargets.All)] sealed class BpfSectionAttribute : System.Attribute { public BpfSectionAttribute(int name) { } } }\n",
            "");

        private static readonly Gen<string> s_classHeader = Gen.OneOf(
            "static partial class Programs",
            "partial class Programs",
            "partial struct Programs",
            "partial record Programs");

        /// <summary>A whole file: header, a <c>Programs</c> class with a const <c>Target</c>, the members.</summary>
        public static Gen<string> File(Gen<string> argument, bool anyPlace, int minMembers, int maxMembers) =>
            from header in anyPlace ? s_header : Gen.OneOf(s_wellFormedHeaders)
            from classHeader in s_classHeader
            from members in Member(argument, anyPlace).Array[minMembers, maxMembers]
            select header + classHeader + "\n{\n    public const string Target = \"do_sys_open\";\n" + string.Join("\n", members) + "\n}\n";

        /// <summary>Files whose sections are all constant and whose consts are each used once: fixes cannot interact.</summary>
        public static readonly Gen<string> WellFormed = File(ConstantArgument, anyPlace: false, 1, 8);

        /// <summary>Any argument, any place, then half the time cut short, with a span deleted or a stray character.</summary>
        public static readonly Gen<string> Damaged =
            from file in File(AnyArgument, anyPlace: true, 1, 10)
            from damage in Gen.Int[0, 5]
            from at in Gen.Int[0, int.MaxValue]
            from length in Gen.Int[0, 40]
            from junk in Gen.OneOf("(", ")", "[", "]", "\"", "{", "}", ",", "#", "@", "$", "\\", "\n", "/*", "\"\"\"", "u8")
            select damage switch
            {
                0 => file.Substring(0, at % (file.Length + 1)),
                1 => file.Remove(at % (file.Length + 1), Math.Min(length, file.Length - at % (file.Length + 1))),
                2 => file.Insert(at % (file.Length + 1), junk),
                _ => file,
            };

        /// <summary>Mostly small damaged files; now and then hundreds of members, or a name of a megabyte.</summary>
        public static readonly Gen<string> Fuzzed = Gen.Frequency<string>(
            (40, Damaged),
            (1, File(AnyArgument, anyPlace: true, 300, 600)),
            (1, SectionNameGen.Huge1M.Select(n => "using BpfAnalyzers;\nstatic class Huge\n{\n    [BpfSection(" + Regular(n) + ")] static int M(object ctx) => 0;\n}\n")));

        /// <summary>A big file: thousands of members, for time bounds and cancellation.</summary>
        public static string Big(int members, int seed)
        {
            var sb = new StringBuilder("using BpfAnalyzers;\nstatic partial class Programs\n{\n    public const string Target = \"do_sys_open\";\n");
            string[] names = { "xdpp", "kprobes/do_sys_open", "kprobe/", "tc", "XDP", " xdp", "cgroup_skb/ingress", "uprobe.s//bin/bash:readline", "xdp" };
            for (int i = 0; i < members; i++)
            {
                sb.Append("    [BpfSection(").Append(Regular(names[(i + seed) % names.Length])).Append(")] static int M").Append(i).Append("(object ctx) => 0;\n");
            }

            return sb.Append("}\n").ToString();
        }

        /// <summary>A regular literal: printable ASCII as is, everything else escaped.</summary>
        public static string Regular(string value) => "\"" + Escaped(value) + "\"";

        private static string Escaped(string value)
        {
            var sb = new StringBuilder(value.Length + 8);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"':
                        sb.Append("\\\"");
                        break;
                    case '\\':
                        sb.Append("\\\\");
                        break;
                    case '{':
                        sb.Append("\\u007b");
                        break;
                    case '}':
                        sb.Append("\\u007d");
                        break;
                    default:
                        if (c >= ' ' && c < 0x7f)
                        {
                            sb.Append(c);
                        }
                        else
                        {
                            sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        }

                        break;
                }
            }

            return sb.ToString();
        }

        /// <summary>A verbatim literal, characters written raw (controls and lone surrogates included).</summary>
        private static string Verbatim(string value) => "@\"" + value.Replace("\"", "\"\"") + "\"";

        private static string Half(string s, bool first) => first ? s.Substring(0, s.Length / 2) : s.Substring(s.Length / 2);

        internal static string Preview(string source) => SectionNameGen.Escape(source, 4000).Replace("\\u000a", "\n");
    }
}
