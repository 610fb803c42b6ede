namespace BpfAnalyzers.Sections.Tests
{
    /// <summary>The oracle files' line format: <c>name\tprog_type\tattach_type</c> or <c>name\tERR\t-3</c>.</summary>
    internal static class OracleFormat
    {
        public static string Line(string name, SectionResolution r) =>
            r.Entry is null ? name + "\tERR\t-3" : name + "\t" + r.Entry.ProgTypeName + "\t" + r.Entry.AttachTypeName;
    }
}
