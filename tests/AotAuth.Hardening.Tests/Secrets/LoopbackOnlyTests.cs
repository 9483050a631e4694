using System.Globalization;
using AotAuth.Hardening.Tests.Faults;
using AotAuth.LocalHosting;

namespace AotAuth.Hardening.Tests.Secrets;

/// <summary>The gateway, the Runtime API servers and the test's own fault proxy listen on 127.0.0.1 only.</summary>
[Collection(Heavy.Name)]
public sealed class LoopbackOnlyTests : IDisposable
{
    private static readonly string[] TcpTables = ["/proc/net/tcp", "/proc/net/tcp6"];
    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-loopback-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task EveryListeningSocketOfTheGatewayRuntimeApiAndProxy_IsBoundToIpv4Loopback()
    {
        await using GatewayTestHost gateway = await GatewayTestHost.StartAsync(functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data);
        await using RuntimeApiServer runtimeApi = await RuntimeApiServer.StartAsync();
        await using var proxy = new DynamoDbFaultProxy(new Uri("http://127.0.0.1:1"));
        int[] ports = [gateway.Server.Address.Port, int.Parse(runtimeApi.RuntimeApiAddress.Split(':')[1], CultureInfo.InvariantCulture), new Uri(proxy.Endpoint).Port];

        foreach (int port in ports)
        {
            string[] bound = ListeningAddresses(port);
            Assert.NotEmpty(bound);
            Assert.All(bound, address => Assert.Equal("0100007F", address));
        }
    }

    /// <summary>Local addresses (hex, as /proc/net/tcp writes them) of the sockets listening on <paramref name="port"/>; IPv6 ones are returned whole.</summary>
    private static string[] ListeningAddresses(int port)
    {
        string hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return [.. TcpTables
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "0A") // 0A = LISTEN
            .Select(f => f[1][..f[1].IndexOf(':', StringComparison.Ordinal)])];
    }
}
