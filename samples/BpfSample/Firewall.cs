using BpfAnalyzers;

namespace BpfSample
{
    /// <summary>Packet filtering at the driver (XDP) and at the qdisc (tc / tcx).</summary>
    public static class Firewall
    {
        [BpfSection("xdp")]
        public static XdpAction DropBogons(XdpContext ctx) => XdpAction.Pass;

        // Loaded as XDP by libbpf before 1.0 (legacy prefix matching); rejected since.
        [BpfSection("xdpblah")]
        public static XdpAction Filter(XdpContext ctx) => XdpAction.Pass;

        [BpfSection("tcx/ingress")]
        public static int Ingress(SkBuff skb) => 0;

        // Legacy since libbpf 1.3: "deprecated / legacy, use tcx".
        [BpfSection("tc")]
        public static int Egress(SkBuff skb) => 0;
    }
}
