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

        // Legacy since libbpf 1.3, in a source comment only ("deprecated / legacy, use tcx"): an Info-level
        // suggestion (BPF0023), since kernels before 6.6 have no tcx.
        [BpfSection("tc")]
        public static int Egress(SkBuff skb) => 0;
    }
}
