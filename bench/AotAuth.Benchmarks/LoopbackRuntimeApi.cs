using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Benchmarks;

/// <summary>
/// The smallest Runtime API service that keeps a runtime client honest: raw HTTP/1.1 on a
/// loopback socket, one thread per connection, one event per <see cref="ReleaseEvent"/>.
/// <c>next</c> blocks until an event is released; <c>response</c> and <c>error</c> are
/// acknowledged with 202 and signal <see cref="WaitAnsweredAsync"/>. Nothing is parsed
/// beyond the request line and Content-Length, so the server costs little next to the client.
/// </summary>
internal sealed class LoopbackRuntimeApi : IDisposable
{
    private static readonly byte[] Accepted = Encoding.ASCII.GetBytes(
        "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SemaphoreSlim _events = new(0);
    private readonly SemaphoreSlim _answers = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _nextAnswer;

    public LoopbackRuntimeApi(byte[] eventBody)
    {
        string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n"
            + $"Lambda-Runtime-Deadline-Ms: {DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}\r\n"
            + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:authorizer\r\n"
            + $"Content-Length: {eventBody.Length}\r\n\r\n";
        _nextAnswer = [.. Encoding.ASCII.GetBytes(head), .. eventBody];
        _listener.Start();
        new Thread(AcceptLoop) { IsBackground = true, Name = "loopback-runtime-api" }.Start();
    }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Errors posted by the client (expected: none).</summary>
    public int Errors { get; private set; }

    /// <summary>Length of the last response body posted.</summary>
    public int LastResponseLength { get; private set; }

    /// <summary>Lets one pending (or the next) <c>next</c> call return the event.</summary>
    public void ReleaseEvent() => _events.Release();

    /// <summary>Completes when the client has posted a response or an error.</summary>
    public Task WaitAnsweredAsync() => _answers.WaitAsync(_stop.Token);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private void AcceptLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket = _listener.AcceptSocket();
                socket.NoDelay = true;
                new Thread(() => Serve(socket)) { IsBackground = true, Name = "loopback-runtime-api-conn" }.Start();
            }
        }
        catch (SocketException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Serve(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[64 * 1024];
            int filled = 0;
            try
            {
                while (true)
                {
                    int headEnd;
                    while ((headEnd = buffer.AsSpan(0, filled).IndexOf(HeaderEnd)) < 0)
                    {
                        int read = socket.Receive(buffer.AsSpan(filled));
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                    }

                    string head = Encoding.ASCII.GetString(buffer, 0, headEnd);
                    int total = headEnd + HeaderEnd.Length + ContentLength(head);
                    while (filled < total)
                    {
                        filled += socket.Receive(buffer.AsSpan(filled));
                    }

                    Answer(socket, head, total - headEnd - HeaderEnd.Length);
                    buffer.AsSpan(total, filled - total).CopyTo(buffer);
                    filled -= total;
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client went away or the server stopped.
            }
        }
    }

    private void Answer(Socket socket, string head, int bodyLength)
    {
        if (head.StartsWith("GET ", StringComparison.Ordinal) && head.Contains("/runtime/invocation/next ", StringComparison.Ordinal))
        {
            _events.Wait(_stop.Token);
            socket.Send(_nextAnswer);
            return;
        }

        socket.Send(Accepted);
        if (head.Contains("/error ", StringComparison.Ordinal))
        {
            Errors++;
        }
        else
        {
            LastResponseLength = bodyLength;
        }

        _answers.Release();
    }

    private static int ContentLength(string head)
    {
        const string Name = "\r\ncontent-length:";
        int at = head.IndexOf(Name, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return 0;
        }

        int end = head.IndexOf('\r', at + Name.Length);
        return int.Parse(head.AsSpan(at + Name.Length, (end < 0 ? head.Length : end) - at - Name.Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
