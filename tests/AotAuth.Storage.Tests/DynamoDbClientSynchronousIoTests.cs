using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>
/// <see cref="DynamoDbClientOptions.SynchronousIo"/> (the functions' client) keeps the budgets
/// of async I/O: a call blocked in a socket read is cut off by the request budget and by the
/// caller's token, and a normal answer is read as before. A real loopback socket, not a fake
/// handler: the point is what happens under a blocked read.
/// </summary>
public class DynamoDbClientSynchronousIoTests
{
    private static readonly Dictionary<string, AttributeValue> Key = new() { ["token"] = AttributeValue.FromString("key-value") };

    [Fact]
    public async Task EndpointThatNeverAnswers_TimesOutWithinTheRequestTimeout()
    {
        using var server = new SilentServer();
        using var client = Create(server.Endpoint, TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        // The kernel completes the connection before the server's accept loop counts it, which a loaded machine may run late.
        Assert.True(SpinWait.SpinUntil(() => server.Accepted > 0, TimeSpan.FromSeconds(30)), "the request reached the endpoint");
        // The endpoint never answers: 30 s tells a cut-off (request + connect budget, 600 ms) from a hang on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallBudgetBelowTheClients_CutsABlockedReadOff_AsATimeout()
    {
        // What an invocation's deadline does to a store call: no token, no timer, just the budget.
        using var server = new SilentServer();
        using var client = Create(server.Endpoint, TimeSpan.FromMinutes(2));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Contains("300 ms", ex.Message, StringComparison.Ordinal);
        // 30 s tells the 300 ms cut-off from the client's own 4 min (request + connect) on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallerCancellation_EndsABlockedRead_AsOperationCanceled()
    {
        using var server = new SilentServer();
        using var client = Create(server.Endpoint, TimeSpan.FromMinutes(2));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync("tokens", Key, true, cts.Token));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Answer_IsReadOnTheCallingThread_AndTheConnectionIsReused()
    {
        const string Item = """{"Item":{"token":{"S":"key-value"},"principalId":{"S":"p"}}}""";
        using var server = new SilentServer(Item);
        using var client = Create(server.Endpoint, TimeSpan.FromSeconds(30));
        await client.PrimeAsync(CancellationToken.None);
        int thread = Environment.CurrentManagedThreadId;

        for (int i = 0; i < 3; i++)
        {
            Task<IReadOnlyDictionary<string, AttributeValue>?> call = client.GetItemAsync("tokens", Key, true, CancellationToken.None);
            Assert.True(call.IsCompleted, "a synchronous call returns a completed task");
            Assert.Equal("p", (await call)!["principalId"].AsString());
        }

        Assert.Equal(thread, Environment.CurrentManagedThreadId);
        Assert.Equal(1, server.Accepted);
    }

    private static DynamoDbClient Create(Uri endpoint, TimeSpan timeout) => new(new DynamoDbClientOptions
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        Credentials = AwsCredentials.LocalDummy,
        RequestTimeout = timeout,
        ConnectTimeout = timeout, // a call before any answer gets both budgets
        MaxRetries = 0,
        SynchronousIo = true,
    });

    /// <summary>Accepts connections; answers every request with <c>answer</c>, or never when it is null.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _sockets = [];
        private readonly string? _answer;
        private int _accepted;

        public SilentServer(string? answer = null)
        {
            _answer = answer;
            _listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

        public int Accepted => Volatile.Read(ref _accepted);

        public void Dispose()
        {
            _listener.Stop();
            lock (_sockets)
            {
                _sockets.ForEach(s => s.Dispose());
            }
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    Socket socket = await _listener.AcceptSocketAsync();
                    Interlocked.Increment(ref _accepted);
                    lock (_sockets)
                    {
                        _sockets.Add(socket);
                    }

                    if (_answer is not null)
                    {
                        _ = Task.Run(() => AnswerAsync(socket, _answer));
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private static async Task AnswerAsync(Socket socket, string body)
        {
            byte[] answer = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {body.Length}\r\n\r\n{body}");
            var buffer = new byte[16 * 1024];
            int filled = 0;
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(filled));
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
                    // One request per answer: the head, then its Content-Length of body (none for GET).
                    string text = Encoding.ASCII.GetString(buffer, 0, filled);
                    int headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (headEnd < 0)
                    {
                        continue;
                    }

                    int at = text.IndexOf("content-length:", StringComparison.OrdinalIgnoreCase);
                    int length = at < 0 || at > headEnd ? 0 : int.Parse(text.AsSpan(at + 15, text.IndexOf('\r', at) - at - 15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    if (filled < headEnd + 4 + length)
                    {
                        continue;
                    }

                    filled = 0;
                    await socket.SendAsync(answer);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }
}
