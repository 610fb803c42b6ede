using BpfAnalyzers;

namespace BpfSample
{
    /// <summary>Globals and maps: [BpfSection] on a static field places it in a data section, as SEC() on a C variable.</summary>
    public static class Globals
    {
        [BpfSection("license")]
        public static string License = "Dual BSD/GPL";

        [BpfSection(".maps")]
        public static RingBufferMap Events;

        [BpfSection(".rodata")]
        public static readonly int TargetPid;

        [BpfSection(".data.counters")]
        public static long Packets;

        // A typo: libbpf skips '.rodat', so a program that reads MinSize fails to open ("bad map relo").
        [BpfSection(".rodat")]
        public static readonly int MinSize;

        [BpfSection("xdp")]
        public static XdpAction CountPackets(XdpContext ctx) => TargetPid == 0 && MinSize == 0 && Packets >= 0 ? XdpAction.Pass : XdpAction.Drop;
    }
}
