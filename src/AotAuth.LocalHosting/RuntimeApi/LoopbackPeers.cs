using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AotAuth.LocalHosting;

/// <summary>
/// Who is on the other end of a loopback TCP connection: the owner of the client socket, as
/// Linux lists it in <c>/proc/net/tcp</c> (an identd lookup). Every user on the machine can
/// connect to 127.0.0.1; the Runtime API answers only connections from its own user, so another
/// local user cannot take a caller's event (its token) or post an answer for it.
/// </summary>
/// <remarks>
/// SO_PEERCRED would be simpler but only describes Unix sockets; AWS_LAMBDA_RUNTIME_API is a
/// host and port, and a secret in its path would break clients that keep only the authority
/// (Rust's lambda_runtime does). The uid of a socket is the user that created it, which another
/// user cannot borrow. Processes of the same user can read each other's memory anyway: the user
/// is the boundary worth checking.
/// </remarks>
internal static partial class LoopbackPeers
{
    private const string TcpTable = "/proc/net/tcp";
    private const string Tcp6Table = "/proc/net/tcp6";

    // ::ffff:0:0/96 as the kernel prints its first three words (little-endian hosts).
    private static readonly string MappedPrefix = BitConverter.IsLittleEndian ? "0000000000000000FFFF0000" : "00000000000000000000FFFF";
    private const string Established = "01";

    /// <summary>The effective uid of this process.</summary>
    public static uint CurrentUser { get; } = OperatingSystem.IsLinux() ? GetEffectiveUserId() : uint.MaxValue;

    /// <summary>True where the check is possible (Linux); elsewhere the server cannot tell users apart.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists(TcpTable);

    /// <summary>
    /// The uid owning the client end of the connection from <paramref name="client"/> to
    /// <paramref name="server"/> (IPv4), or null when it is not found (already gone).
    /// </summary>
    public static uint? OwnerOf(IPEndPoint client, IPEndPoint server)
    {
        if (client.AddressFamily != AddressFamily.InterNetwork || server.AddressFamily != AddressFamily.InterNetwork)
        {
            return null;
        }

        // A dual-mode IPv6 client socket (what .NET's HttpClient opens) is listed in tcp6, with
        // the IPv4-mapped address ::ffff:a.b.c.d.
        return Find(TcpTable, Hex(client), Hex(server)) ?? Find(Tcp6Table, MappedPrefix + Hex(client), MappedPrefix + Hex(server));
    }

    private static uint? Find(string table, string local, string remote)
    {
        if (!File.Exists(table))
        {
            return null;
        }

        foreach (string line in File.ReadLines(table).Skip(1))
        {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 7 && fields[1] == local && fields[2] == remote && fields[3] == Established)
            {
                return uint.Parse(fields[7], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    // The kernel prints each 32-bit word of an address in host order, then the port: 0100007F:1F90.
    private static string Hex(IPEndPoint endpoint)
    {
        uint word = BitConverter.ToUInt32(endpoint.Address.GetAddressBytes());
        return string.Create(CultureInfo.InvariantCulture, $"{word:X8}:{endpoint.Port:X4}");
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
