using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using AotAuth.Testing.Tls;

namespace AotAuth.Storage.Tests;

/// <summary>
/// The functions' transport (<see cref="DynamoDbClientOptions.SynchronousIo"/>: the client's own
/// HTTP/1.1 connection on a blocking socket) against a scripted loopback server: keep-alive,
/// reconnecting, chunked answers, the budget across a slow answer, and TLS failing closed.
/// </summary>
public class DynamoDbConnectionTests
{
    private const string Item = """{"Item":{"token":{"S":"key-value"},"principalId":{"S":"p"}}}""";
    private static readonly Dictionary<string, AttributeValue> Key = new() { ["token"] = AttributeValue.FromString("key-value") };

    [Fact]
    public async Task KeepAlive_ManyCallsShareOneConnection()
    {
        using var server = new ScriptedServer((_, _) => ScriptedAnswer.Json(Item));
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30));

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("p", (await client.GetItemAsync("tokens", Key, true, CancellationToken.None))!["principalId"].AsString());
        }

        Assert.Equal(1, server.Accepted);
        Assert.Equal(5, server.Requests);
    }

    [Fact]
    public async Task ServerClosedTheIdleConnection_TheNextCallConnectsAgain()
    {
        // The first connection is closed by the server right after its first answer (without
        // saying so in a header), as a NAT or a load balancer drops an idle flow.
        using var server = new ScriptedServer((connection, _) => ScriptedAnswer.Json(Item) with { CloseAfter = connection == 0 });
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30), maxRetries: 2);

        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));
        await server.WaitForClosedAsync(1);
        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));
        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(2, server.Accepted);
    }

    [Fact]
    public async Task ServerClosedTheConnectionWhileIdle_IsSeenBeforeSending_SoNoRetryIsNeeded()
    {
        using var server = new ScriptedServer((connection, _) => ScriptedAnswer.Json(Item) with { CloseAfter = connection == 0 });
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30), maxRetries: 0);

        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));
        await server.WaitForClosedAsync(1);
        // Idle for over a second: the connection is checked (one poll) before it is used again.
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(2, server.Accepted);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ConnectionCloseHeader_IsHonoured_AndTheNextCallReconnects()
    {
        using var server = new ScriptedServer((_, _) => ScriptedAnswer.Json(Item) with { Headers = "Connection: close\r\n", CloseAfter = true });
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30), maxRetries: 0);

        for (int i = 0; i < 3; i++)
        {
            Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));
        }

        Assert.Equal(3, server.Accepted);
    }

    [Fact]
    public async Task ChunkedAnswer_IsReassembled_AndTheConnectionKeptForTheNext()
    {
        // The item split across three chunks (one with an extension), then trailers.
        string[] parts = [Item[..10], Item[10..40], Item[40..]];
        var body = new StringBuilder();
        body.Append(CultureInfoHex(parts[0].Length)).Append(";ext=1\r\n").Append(parts[0]).Append("\r\n");
        body.Append(CultureInfoHex(parts[1].Length)).Append("\r\n").Append(parts[1]).Append("\r\n");
        body.Append(CultureInfoHex(parts[2].Length)).Append("\r\n").Append(parts[2]).Append("\r\n");
        body.Append("0\r\nX-Trailer: t\r\n\r\n");
        using var server = new ScriptedServer((_, _) => new ScriptedAnswer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + body));
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30));

        for (int i = 0; i < 2; i++)
        {
            var item = await client.GetItemAsync("tokens", Key, true, CancellationToken.None);
            Assert.Equal("p", item!["principalId"].AsString());
            Assert.Equal("key-value", item["token"].AsString());
        }

        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task ErrorAnswer_IsParsed_AndNotRetriedWhenItIsNotRetryable()
    {
        const string Error = """{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}""";
        using var server = new ScriptedServer((_, _) => ScriptedAnswer.Json(Error, "400 Bad Request"));
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30), maxRetries: 2);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SlowAnswer_DrippingBytes_IsCutOffByTheRequestBudget()
    {
        // Each byte comes well inside any single read's timeout, so only a budget over the whole
        // call (not per read) ends it.
        using var server = new ScriptedServer((_, _) => ScriptedAnswer.Json(Item) with { DelayPerByte = TimeSpan.FromMilliseconds(50) });
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromMilliseconds(400));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        // The whole answer takes over 6 s; 800 ms is the request + connect budget.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ListenerWithAFullBacklog_TheConnectIsCutOffByTheBudget()
    {
        // A listener that never accepts, its accept queue filled: Linux drops further SYNs, so a
        // connect waits for an answer that never comes.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(endPoint);
            }

            await Task.Delay(200);
            using var client = TestClients.Blocking(new Uri($"http://127.0.0.1:{endPoint.Port}"), TimeSpan.FromMilliseconds(300));
            var stopwatch = Stopwatch.StartNew();

            var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

            Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
            // The connect budget (300 ms) bounds it; Linux would otherwise retry the SYN for minutes.
            Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Fact]
    public async Task CancellationDuringASlowAnswer_EndsTheCall_AndTheNextCallWorks()
    {
        using var slow = new ScriptedServer((connection, _) => ScriptedAnswer.Json(Item) with { DelayPerByte = connection == 0 ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero });
        using var client = TestClients.Blocking(slow.Endpoint, TimeSpan.FromMinutes(2));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync("tokens", Key, true, cts.Token));
        Assert.NotNull(await client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(2, slow.Accepted); // the cancelled call's connection was closed, not reused mid-answer
    }

    [Fact]
    public async Task Tls_CertificateNotInTheTrustStore_IsRefused_AndNoAnswerIsRead()
    {
        using var upstream = new ScriptedServer((_, _) => ScriptedAnswer.Json(Item));
        using var certificates = TestCertificates.Create(Path.Combine(Path.GetTempPath(), $"aotauth-conn-tls-{Guid.NewGuid():N}"));
        await using var proxy = TlsProxy.Start(certificates, upstream.Endpoint);
        using var client = TestClients.Blocking(proxy.Endpoint, TimeSpan.FromSeconds(30), maxRetries: 1);

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.ConnectionFailedCode, ex.ErrorCode);
        Assert.IsType<AuthenticationException>(ex.InnerException?.InnerException);
        Assert.Equal(0, upstream.Requests);
        Assert.False(client.IsConnected);
        Assert.False((await client.PrimeAsync(CancellationToken.None)).Connected);
    }

    private static string CultureInfoHex(int value) => value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
