using System.Collections.Generic;
using System.Text;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>Where a diagnostic is expected: 1-based lines and columns, as compilers print them.</summary>
    public sealed record ExpectedDiagnostic(string Id, string File, int Line, int Column, int EndLine, int EndColumn)
    {
        public override string ToString() => $"{File}({Line},{Column}): {Id}";
    }

    /// <summary>
    /// Source with Roslyn-test-style markup: <c>{|BPF0001:"xdpblah"|}</c> marks the span where BPF0001 is
    /// expected. <see cref="Text"/> is the source without the markup.
    /// </summary>
    public sealed class MarkedSource
    {
        private MarkedSource(string text, IReadOnlyList<ExpectedDiagnostic> expected)
        {
            Text = text;
            Expected = expected;
        }

        public string Text { get; }

        public IReadOnlyList<ExpectedDiagnostic> Expected { get; }

        public static MarkedSource Parse(string file, string markup)
        {
            var text = new StringBuilder();
            var expected = new List<ExpectedDiagnostic>();
            int line = 1, column = 1;
            int i = 0;
            while (i < markup.Length)
            {
                if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
                {
                    int colon = markup.IndexOf(':', i);
                    string id = markup.Substring(i + 2, colon - i - 2);
                    int close = markup.IndexOf("|}", colon, System.StringComparison.Ordinal);
                    string marked = markup.Substring(colon + 1, close - colon - 1);
                    int startLine = line, startColumn = column;
                    foreach (char c in marked)
                    {
                        Advance(c, ref line, ref column);
                    }

                    text.Append(marked);
                    expected.Add(new ExpectedDiagnostic(id, file, startLine, startColumn, line, column));
                    i = close + 2;
                    continue;
                }

                Advance(markup[i], ref line, ref column);
                text.Append(markup[i]);
                i++;
            }

            return new MarkedSource(text.ToString(), expected);
        }

        private static void Advance(char c, ref int line, ref int column)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
    }
}
