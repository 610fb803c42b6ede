using BpfAnalyzers;

// A program type this project's loader registers with libbpf_register_prog_handler().
[assembly: BpfCustomSection("user+", ProgType = "kprobe")]

namespace BpfSample
{
    /// <summary>cgroup socket hooks and a custom section.</summary>
    public static class Sockets
    {
        [BpfSection("cgroup/sock_create")]
        public static int OnCreate(SockContext ctx) => 1;

        // Separator confusion: the section is cgroup/sock.
        [BpfSection("cgroup_sock")]
        public static int OnSock(SockContext ctx) => 1;

        [BpfSection("user/audit")]
        public static int Audit(SockContext ctx) => 0;
    }
}
