using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AotAuth.Benchmarks;

/// <summary>
/// The raw HTTP/1.1 serving the loopback fakes share: a listener on 127.0.0.1, one thread per
/// connection, each request read up to its Content-Length and handed to an answer callback.
/// Nothing is parsed beyond the head, so a fake costs little next to the client it serves.
/// </summary>
internal sealed class LoopbackHttp : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<Socket, string, int> _answer;

    /// <param name="name">Thread name prefix.</param>
    /// <param name="answer">Writes the answer to one request: the socket, the request head (request line and headers), the body length.</param>
    public LoopbackHttp(string name, Action<Socket, string, int> answer)
    {
        _answer = answer;
        _listener.Start();
        new Thread(AcceptLoop) { IsBackground = true, Name = name }.Start();
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Cancelled when the server stops (for answers that wait).</summary>
    public CancellationToken Stopping => _stop.Token;

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
                new Thread(() => Serve(socket)) { IsBackground = true, Name = Thread.CurrentThread.Name + "-conn" }.Start();
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

                    _answer(socket, head, total - headEnd - HeaderEnd.Length);
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
