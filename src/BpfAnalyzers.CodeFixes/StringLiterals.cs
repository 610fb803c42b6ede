using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BpfAnalyzers.CodeFixes
{
    /// <summary>New string literals that keep the kind (regular, verbatim, raw) and trivia of the old one.</summary>
    internal static class StringLiterals
    {
        public static LiteralExpressionSyntax Regular(string value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

        public static LiteralExpressionSyntax WithValue(LiteralExpressionSyntax old, string value)
        {
            SyntaxToken token = old.Token;
            string text = token.Text;
            string? newText = null;
            if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
            {
                newText = SingleLineRaw(text, value);
            }
            else if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
            {
                newText = MultiLineRaw(text, value);
            }
            else if (text.StartsWith("@", StringComparison.Ordinal))
            {
                newText = "@\"" + value.Replace("\"", "\"\"") + "\"";
            }

            SyntaxToken newToken = newText is not null && SyntaxFactory.ParseExpression(newText) is LiteralExpressionSyntax parsed &&
                                   !parsed.ContainsDiagnostics && (string?)parsed.Token.Value == value
                ? parsed.Token
                : SyntaxFactory.Literal(value);
            return old.WithToken(newToken.WithTriviaFrom(token));
        }

        private static string? SingleLineRaw(string text, string value)
        {
            if (value.Length == 0 || value.IndexOfAny(new[] { '\r', '\n' }) >= 0 || value[0] == '"' || value[value.Length - 1] == '"')
            {
                return null;
            }

            int quotes = Math.Max(QuoteRun(text), LongestQuoteRun(value) + 1);
            string fence = new string('"', Math.Max(3, quotes));
            return fence + value + fence;
        }

        private static string? MultiLineRaw(string text, string value)
        {
            if (value.IndexOfAny(new[] { '\r', '\n' }) >= 0)
            {
                return null;
            }

            string newline = text.Contains("\r\n") ? "\r\n" : "\n";
            int lastBreak = text.LastIndexOf('\n');
            string closing = text.Substring(lastBreak + 1);
            string indent = new string(closing.TakeWhile(c => c == ' ' || c == '\t').ToArray());
            string fence = new string('"', Math.Max(QuoteRun(text), LongestQuoteRun(value) + 1));
            return fence + newline + indent + value + newline + indent + fence;
        }

        private static int QuoteRun(string text) => text.TakeWhile(c => c == '"').Count();

        private static int LongestQuoteRun(string value)
        {
            int longest = 0;
            int run = 0;
            foreach (char c in value)
            {
                run = c == '"' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }

            return longest;
        }
    }
}
