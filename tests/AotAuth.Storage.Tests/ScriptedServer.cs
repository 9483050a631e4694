using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>What the server sends for one request.</summary>
internal sealed record ScriptedAnswer(string Text)
{
    public bool CloseAfter { get; init; }

    public string Headers { get; init; } = string.Empty;

    public TimeSpan DelayPerByte { get; init; }

    public static ScriptedAnswer Json(string body, string status = "200 OK") =>
        new($"HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");

    public byte[] Bytes() => Encoding.UTF8.GetBytes(Headers.Length == 0 ? Text : Text.Insert(Text.IndexOf("\r\n", StringComparison.Ordinal) + 2, Headers));
}

/// <summary>
/// A loopback HTTP/1.1 server that answers each request with script(connection index, request
/// index on that connection); a null answer is never sent, so the client waits as on an endpoint that
/// accepted the connection and went silent.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, int, ScriptedAnswer?> _script;
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;
    private int _requests;
    private int _closed;

    public ScriptedServer(Func<int, int, ScriptedAnswer?> script)
    {
        _script = script;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>A server that accepts connections and reads requests but never answers one.</summary>
    public static ScriptedServer Silent() => new((_, _) => null);

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Accepted => Volatile.Read(ref _accepted);

    public int Requests => Volatile.Read(ref _requests);

    public async Task WaitForClosedAsync(int count)
    {
        for (int i = 0; i < 500 && Volatile.Read(ref _closed) < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(Volatile.Read(ref _closed) >= count, "the server closed the connection");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                int index = Interlocked.Increment(ref _accepted) - 1;
                _ = Task.Run(() => ServeAsync(socket, index));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        using (socket)
        {
            var buffer = new byte[16 * 1024];
            int filled = 0;
            try
            {
                for (int request = 0; ; )
                {
                    int read = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    filled += read;
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
                    Interlocked.Increment(ref _requests);
                    ScriptedAnswer? answer = _script(connection, request++);
                    if (answer is null)
                    {
                        continue;
                    }

                    byte[] bytes = answer.Bytes();
                    if (answer.DelayPerByte == TimeSpan.Zero)
                    {
                        await socket.SendAsync(bytes, _stop.Token);
                    }
                    else
                    {
                        for (int i = 0; i < bytes.Length; i++)
                        {
                            await socket.SendAsync(bytes.AsMemory(i, 1), _stop.Token);
                            await Task.Delay(answer.DelayPerByte, _stop.Token);
                        }
                    }

                    if (answer.CloseAfter)
                    {
                        socket.Shutdown(SocketShutdown.Both);
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away, or the server stopped.
            }
            finally
            {
                Interlocked.Increment(ref _closed);
            }
        }
    }
}
