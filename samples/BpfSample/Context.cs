namespace BpfSample
{
    // Stand-ins for the context types a C#-to-BPF toolchain provides.
    public readonly struct XdpContext
    {
    }

    public readonly struct PtRegs
    {
    }

    public readonly struct SkBuff
    {
    }

    public readonly struct SockContext
    {
    }

    /// <summary>A BTF-defined map, as a toolchain declares it (DotnetEbpf's BpfMap).</summary>
    public struct RingBufferMap
    {
    }

    public enum XdpAction
    {
        Aborted,
        Drop,
        Pass,
        Tx,
        Redirect,
    }
}
