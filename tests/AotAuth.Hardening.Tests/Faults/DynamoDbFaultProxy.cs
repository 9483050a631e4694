using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Hardening.Tests.Faults;

/// <summary>What the proxy does to new connections.</summary>
internal enum ProxyMode
{
    /// <summary>Forward bytes both ways.</summary>
    Pass,

    /// <summary>Forward, but hold every chunk from the client for <see cref="DynamoDbFaultProxy.Delay"/> first.</summary>
    Slow,

    /// <summary>Accept and reset at once (what a stopped or crashing server looks like).</summary>
    Refuse,

    /// <summary>Answer every request with DynamoDB's HTTP 400 ProvisionedThroughputExceededException.</summary>
    Throttle,

    /// <summary>Answer every request with HTTP 500 InternalServerError, as DynamoDB does on its own failures.</summary>
    ServerError,
}

/// <summary>
/// A loopback TCP proxy (127.0.0.1 only) in front of DynamoDB Local that can slow down, refuse
/// or throttle. Changing the mode resets every open connection, so pooled keep-alive
/// connections of the client cannot carry on in the old mode.
/// </summary>
internal sealed class DynamoDbFaultProxy : IAsyncDisposable
{
    private const string ThrottleBody = """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Injected by the hardening proxy: throughput exceeded"}""";
    private const string ServerErrorBody = """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Injected by the hardening proxy: internal server error"}""";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile ProxyMode _mode = ProxyMode.Pass;
    private int _requests;

    public DynamoDbFaultProxy(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public string Endpoint { get; }

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>HTTP requests answered with the throttling or server error so far.</summary>
    public int ThrottledRequests => Volatile.Read(ref _requests);

    public ProxyMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            foreach (Socket socket in _open.Keys)
            {
                Reset(socket);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (Socket socket in _open.Keys)
        {
            Reset(socket);
        }

        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, _mode));
        }
    }

    private async Task ServeAsync(Socket client, ProxyMode mode)
    {
        _open[client] = 0;
        Socket? upstream = null;
        try
        {
            switch (mode)
            {
                case ProxyMode.Refuse:
                    Reset(client);
                    return;
                case ProxyMode.Throttle:
                    await AnswerEveryRequestAsync(client, "400 Bad Request", ThrottleBody);
                    return;
                case ProxyMode.ServerError:
                    await AnswerEveryRequestAsync(client, "500 Internal Server Error", ServerErrorBody);
                    return;
            }

            upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await upstream.ConnectAsync(_upstream, _stop.Token);
            _open[upstream] = 0;
            await Task.WhenAny(PumpAsync(client, upstream, mode == ProxyMode.Slow), PumpAsync(upstream, client, false));
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset connection, or the proxy stopping: nothing to do.
        }
        finally
        {
            Reset(client);
            if (upstream is not null)
            {
                Reset(upstream);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool slow)
    {
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return;
            }

            if (slow)
            {
                await Task.Delay(Delay, _stop.Token);
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    /// <summary>Reads HTTP/1.1 requests (headers, then Content-Length bytes) and answers each with the same error.</summary>
    private async Task AnswerEveryRequestAsync(Socket client, string status, string body)
    {
        byte[] response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: hardening\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        var pending = new List<byte>();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                return;
            }

            pending.AddRange(buffer.AsSpan(0, read));
            while (TryTakeRequest(pending))
            {
                Interlocked.Increment(ref _requests);
                await client.SendAsync(response, SocketFlags.None, _stop.Token);
            }
        }
    }

    private static bool TryTakeRequest(List<byte> pending)
    {
        string text = Encoding.ASCII.GetString([.. pending]);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        int length = 0;
        foreach (string line in text[..end].Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        int total = end + 4 + length;
        if (pending.Count < total)
        {
            return false;
        }

        pending.RemoveRange(0, total);
        return true;
    }

    private void Reset(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
