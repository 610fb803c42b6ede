using System.IO;

namespace BpfAnalyzers.Cli
{
    /// <summary>
    /// The tool's standard streams. <c>resolve</c> reads <see cref="Input"/> and writes <see cref="Output"/>
    /// as bytes, so names pass through byte for byte whatever their encoding; everything else writes text
    /// to <see cref="Out"/> (UTF-8 without a BOM over <see cref="Output"/>, <c>\n</c> line ends).
    /// </summary>
    internal sealed record StandardStreams(Stream Input, Stream Output, TextWriter Out, TextWriter Error);
}
