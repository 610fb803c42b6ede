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

    public enum XdpAction
    {
        Aborted,
        Drop,
        Pass,
        Tx,
        Redirect,
    }
}
