namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>Consumer sources, with markup where diagnostics are expected.</summary>
    internal static class Programs
    {
        /// <summary>One class of BPF programs, one per <c>[BpfSection(...)]</c> attribute line given.</summary>
        public static string WithSections(params string[] attributes)
        {
            var body = new System.Text.StringBuilder();
            for (int i = 0; i < attributes.Length; i++)
            {
                body.Append($"        {attributes[i]}\n        public static int Program{i}(int ctx) => 0;\n");
                if (i + 1 < attributes.Length)
                {
                    body.Append('\n');
                }
            }

            return $$"""
                using BpfAnalyzers;

                namespace BpfConsumer
                {
                    public static class Programs
                    {
                {{body}}    }
                }

                """;
        }

        /// <summary>Names libbpf 1.7 loads as written: nothing to report.</summary>
        public static readonly string Clean = WithSections(
            "[BpfSection(\"xdp\")]",
            "[BpfSection(\"kprobe/do_sys_openat2\")]",
            "[BpfSection(\"tcx/ingress\")]",
            "[BpfSection(\"cgroup/sock\")]",
            "[BpfSection(\"tp/sched/sched_switch\")]");

        /// <summary>A clean project but for one warning: 'struct_ops/' (BPF0003, an empty target after '/').</summary>
        public static readonly string WarningOnly = WithSections(
            "[BpfSection(\"xdp\")]",
            "[BpfSection({|BPF0003:\"struct_ops/\"|})]",
            "[BpfSection(\"tcx/ingress\")]");
    }
}
