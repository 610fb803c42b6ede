using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace BpfAnalyzers
{
    /// <summary>
    /// Maps a range of a string's value back to the source text of the literal that wrote it, so a
    /// diagnostic can underline just the bad part: escapes (<c>\t</c>, <c>\u0041</c>, <c>\U0001F600</c>,
    /// <c>\x41</c>), verbatim <c>""</c>, and raw strings (single- and multi-line, with their indentation)
    /// take more source characters than value characters. Anything else (a const field, a concatenation,
    /// an interpolation) falls back to the whole expression.
    /// </summary>
    internal static class LiteralSpans
    {
        /// <summary>Where <paramref name="value"/>[<paramref name="start"/>, +<paramref name="length"/>) is written.</summary>
        public static Location Locate(ExpressionSyntax expression, string value, int start, int length)
        {
            ExpressionSyntax e = expression;
            while (e is ParenthesizedExpressionSyntax p)
            {
                e = p.Expression;
            }

            if (e is LiteralExpressionSyntax literal && Map(literal.Token, value, start, length) is TextSpan span)
            {
                return Location.Create(expression.SyntaxTree, span);
            }

            return expression.GetLocation();
        }

        /// <summary>The source span of a value range of <paramref name="token"/>, or null when it cannot be mapped.</summary>
        internal static TextSpan? Map(SyntaxToken token, string value, int start, int length)
        {
            if (start < 0 || length < 1 || start + length > value.Length || token.ValueText != value)
            {
                return null;
            }

            int[]? starts = null;
            int[]? ends = null;
            string text = token.Text;
            bool decoded = token.Kind() switch
            {
                SyntaxKind.StringLiteralToken when text.Length > 0 && text[0] == '@' => Verbatim(text, out starts, out ends),
                SyntaxKind.StringLiteralToken => Regular(text, out starts, out ends),
                SyntaxKind.SingleLineRawStringLiteralToken => SingleLineRaw(text, out starts, out ends),
                SyntaxKind.MultiLineRawStringLiteralToken => MultiLineRaw(text, out starts, out ends),
                _ => false,
            };

            if (!decoded || starts!.Length != value.Length || !Agrees(text, value, starts, ends!))
            {
                return null;
            }

            return TextSpan.FromBounds(token.SpanStart + starts[start], token.SpanStart + ends![start + length - 1]);
        }

        /// <summary>Every value character written as itself is the source character it maps to.</summary>
        private static bool Agrees(string text, string value, int[] starts, int[] ends)
        {
            for (int i = 0; i < value.Length; i++)
            {
                if (ends[i] - starts[i] == 1 && text[starts[i]] != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        // "...": escapes per the C# spec, including \x with one to four hex digits and \U pairs.
        private static bool Regular(string text, out int[] starts, out int[] ends)
        {
            var s = new System.Collections.Generic.List<int>(text.Length);
            var e = new System.Collections.Generic.List<int>(text.Length);
            starts = ends = System.Array.Empty<int>();
            if (text.Length < 2 || text[0] != '"' || text[text.Length - 1] != '"')
            {
                return false;
            }

            int last = text.Length - 1;
            for (int i = 1; i < last;)
            {
                if (text[i] != '\\')
                {
                    s.Add(i);
                    e.Add(i + 1);
                    i++;
                    continue;
                }

                if (i + 1 >= last)
                {
                    return false;
                }

                int begin = i;
                char kind = text[i + 1];
                int width;
                int chars = 1;
                switch (kind)
                {
                    case 'x':
                        width = 2;
                        while (width < 6 && i + width < last && IsHex(text[i + width]))
                        {
                            width++;
                        }

                        if (width == 2)
                        {
                            return false;
                        }

                        break;
                    case 'u':
                        width = 6;
                        break;
                    case 'U':
                        width = 10;
                        if (i + width > last || !uint.TryParse(text.Substring(i + 2, 8), System.Globalization.NumberStyles.HexNumber, null, out uint scalar))
                        {
                            return false;
                        }

                        chars = scalar > 0xFFFF ? 2 : 1;
                        break;
                    default:
                        width = 2;
                        break;
                }

                if (i + width > last)
                {
                    return false;
                }

                for (int c = 0; c < chars; c++)
                {
                    s.Add(begin);
                    e.Add(begin + width);
                }

                i += width;
            }

            starts = s.ToArray();
            ends = e.ToArray();
            return true;
        }

        // @"...": "" is one quote.
        private static bool Verbatim(string text, out int[] starts, out int[] ends)
        {
            var s = new System.Collections.Generic.List<int>(text.Length);
            var e = new System.Collections.Generic.List<int>(text.Length);
            starts = ends = System.Array.Empty<int>();
            if (text.Length < 3 || text[1] != '"' || text[text.Length - 1] != '"')
            {
                return false;
            }

            int last = text.Length - 1;
            for (int i = 2; i < last;)
            {
                int width = text[i] == '"' ? 2 : 1;
                s.Add(i);
                e.Add(i + width);
                i += width;
            }

            starts = s.ToArray();
            ends = e.ToArray();
            return true;
        }

        // """...""": the content between the fences, verbatim.
        private static bool SingleLineRaw(string text, out int[] starts, out int[] ends)
        {
            starts = ends = System.Array.Empty<int>();
            int fence = 0;
            while (fence < text.Length && text[fence] == '"')
            {
                fence++;
            }

            int contentEnd = text.Length - fence;
            if (fence < 3 || contentEnd < fence)
            {
                return false;
            }

            starts = new int[contentEnd - fence];
            ends = new int[contentEnd - fence];
            for (int i = fence; i < contentEnd; i++)
            {
                starts[i - fence] = i;
                ends[i - fence] = i + 1;
            }

            return true;
        }

        // """\n    content\n    """: each content line loses the closing line's indentation; the line
        // breaks between content lines are kept as written; the first and last line breaks are not content.
        private static bool MultiLineRaw(string text, out int[] starts, out int[] ends)
        {
            starts = ends = System.Array.Empty<int>();
            int fence = 0;
            while (fence < text.Length && text[fence] == '"')
            {
                fence++;
            }

            int closingQuotes = text.Length - fence;
            int lastBreak = text.LastIndexOf('\n', closingQuotes - 1);
            int firstBreak = text.IndexOf('\n', fence);
            if (fence < 3 || lastBreak < 0 || firstBreak < 0 || firstBreak >= lastBreak)
            {
                return firstBreak >= 0 && firstBreak == lastBreak;
            }

            int indent = closingQuotes - (lastBreak + 1);
            int contentStart = firstBreak + 1;
            int contentEnd = lastBreak > 0 && text[lastBreak - 1] == '\r' ? lastBreak - 1 : lastBreak;
            var s = new System.Collections.Generic.List<int>(contentEnd - contentStart);
            var e = new System.Collections.Generic.List<int>(contentEnd - contentStart);
            int i = contentStart;
            bool lineStart = true;
            while (i < contentEnd)
            {
                if (lineStart)
                {
                    int skipped = 0;
                    while (skipped < indent && i < contentEnd && (text[i] == ' ' || text[i] == '\t'))
                    {
                        i++;
                        skipped++;
                    }

                    lineStart = false;
                    continue;
                }

                if (text[i] == '\r' && i + 1 < contentEnd && text[i + 1] == '\n')
                {
                    s.Add(i);
                    e.Add(i + 1);
                    s.Add(i + 1);
                    e.Add(i + 2);
                    i += 2;
                    lineStart = true;
                    continue;
                }

                s.Add(i);
                e.Add(i + 1);
                lineStart = text[i] == '\n';
                i++;
            }

            starts = s.ToArray();
            ends = e.ToArray();
            return true;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
