using System.Net.Sockets;
using System.Text;
using AotAuth.Core.Http;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// One keep-alive HTTP/1.1 connection to the Runtime API on a blocking socket: a request is one
/// <c>send</c>, an answer is read by <c>recv</c> calls that block the calling thread until the
/// bytes are there. No socket engine, no thread pool: the thread that asks is the thread the
/// kernel wakes. Speaks just what the Runtime API needs: GET and POST with a Content-Length
/// body, answers with Content-Length, chunked, or read-to-close bodies.
/// </summary>
/// <remarks>
/// Not thread-safe; the invocation loop is its only user. A call that fails (connection refused,
/// reset or closed, a malformed answer) throws <see cref="IOException"/> and drops the connection:
/// the next call connects again. Cancelling the token closes the socket under a blocked read, and
/// the call then throws <see cref="OperationCanceledException"/>.
/// </remarks>
internal sealed class RuntimeApiConnection : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly string _authority;
    private readonly Http1AnswerReader _reader;
    private readonly Http1AnswerReader.HeaderSeen _headerSeen;

    private Socket? _socket;
    private byte[] _request = new byte[4096];

    // The Runtime API headers of the answer being read.
    private string? _requestId, _deadlineMs, _functionArn, _traceId;

    /// <summary>Creates a connection (not yet open) to the Runtime API at <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">An address or a name.</param>
    /// <param name="port">The port.</param>
    /// <param name="authority">The Host header's value.</param>
    public RuntimeApiConnection(string host, int port, string authority)
    {
        _host = host;
        _port = port;
        _authority = authority;
        _reader = new Http1AnswerReader("Runtime API", Receive, int.MaxValue);
        _headerSeen = OnHeader;
    }

    /// <summary>The answer's status code, reason and the Runtime API headers a caller reads.</summary>
    public readonly record struct Head(int Status, string Reason, string? RequestId, string? DeadlineMs, string? FunctionArn, string? TraceId);

    /// <summary>Sends one request and reads the whole answer: its head, and its body into <paramref name="readBody"/>.</summary>
    /// <param name="method">GET or POST.</param>
    /// <param name="path">The absolute path, already escaped.</param>
    /// <param name="contentType">The body's type (POST).</param>
    /// <param name="errorType">The <c>Lambda-Runtime-Function-Error-Type</c> header value, or null.</param>
    /// <param name="body">The body (POST).</param>
    /// <param name="readBody">Where the answer's body goes, given the length needed so far: null drains it.</param>
    /// <param name="bodyLength">The answer body's length.</param>
    /// <param name="cancellationToken">Closes the connection when cancelled.</param>
    /// <exception cref="IOException">No connection, or the answer could not be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Head Send(string method, string path, string? contentType, string? errorType, ReadOnlySpan<byte> body, Func<int, Memory<byte>>? readBody, out int bodyLength, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using CancellationTokenRegistration abort = cancellationToken.UnsafeRegister(static s => ((RuntimeApiConnection)s!).Abort(), this);
        try
        {
            Socket socket = _socket ??= Connect();
            WriteRequest(socket, method, path, contentType, errorType, body);
            _requestId = _deadlineMs = _functionArn = _traceId = null;
            Http1Head head = _reader.ReadHead(_headerSeen);
            bodyLength = _reader.ReadBody(head, readBody);
            if (head.Close)
            {
                Drop();
            }

            return new Head(head.Status, head.Reason, _requestId, _deadlineMs, _functionArn, _traceId);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Drop();
            cancellationToken.ThrowIfCancellationRequested();
            throw ex as IOException ?? new IOException($"Runtime API at {_host}:{_port}: {ex.Message}", ex);
        }
    }

    /// <summary>Closes the connection; the next call connects again. Only on the calling thread (it resets the buffer).</summary>
    public void Drop()
    {
        Socket? socket = _socket;
        _socket = null;
        _reader.Reset();
        if (socket is not null)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Not connected any more: closing is all that is left.
            }

            socket.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Drop();

    // From the cancellation callback, on another thread: a blocked recv returns (end of stream)
    // and the calling thread cleans up in Send.
    private void Abort()
    {
        try
        {
            Volatile.Read(ref _socket)?.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed already: nothing is blocked on it.
        }
    }

    private Socket Connect()
    {
        // Dual mode: an IPv4 or IPv6 address or a name, as AWS_LAMBDA_RUNTIME_API gives it.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(_host, _port);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void WriteRequest(Socket socket, string method, string path, string? contentType, string? errorType, ReadOnlySpan<byte> body)
    {
        // The head is ASCII (the path is escaped, header values are made safe by the caller).
        int headLength = method.Length + path.Length + _authority.Length + 96
            + (contentType?.Length ?? 0) + (errorType is null ? 0 : errorType.Length + 40);
        if (_request.Length < headLength + body.Length)
        {
            _request = new byte[Math.Max(_request.Length * 2, headLength + body.Length)];
        }

        Span<byte> output = _request;
        int n = Put(output, method);
        n += Put(output[n..], " ");
        n += Put(output[n..], path);
        n += Put(output[n..], " HTTP/1.1\r\nHost: ");
        n += Put(output[n..], _authority);
        n += Put(output[n..], "\r\n");
        int written;
        if (contentType is not null)
        {
            n += Put(output[n..], "Content-Type: ");
            n += Put(output[n..], contentType);
            n += Put(output[n..], "\r\nContent-Length: ");
            body.Length.TryFormat(output[n..], out written);
            n += written;
            n += Put(output[n..], "\r\n");
        }

        if (errorType is not null)
        {
            n += Put(output[n..], "Lambda-Runtime-Function-Error-Type: ");
            n += Put(output[n..], errorType);
            n += Put(output[n..], "\r\n");
        }

        n += Put(output[n..], "\r\n");
        body.CopyTo(output[n..]);
        n += body.Length;

        // One send for head and body. The copy of the body is cleared right after: responses carry tokens.
        try
        {
            Span<byte> request = output[..n];
            while (!request.IsEmpty)
            {
                request = request[socket.Send(request)..];
            }
        }
        finally
        {
            output[..n].Clear();
        }
    }

    private int Receive(Span<byte> into) => _socket!.Receive(into);

    private void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Aws-Request-Id"u8))
        {
            _requestId = Encoding.UTF8.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Deadline-Ms"u8))
        {
            _deadlineMs = Encoding.ASCII.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Invoked-Function-Arn"u8))
        {
            _functionArn = Encoding.UTF8.GetString(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Trace-Id"u8))
        {
            _traceId = Encoding.UTF8.GetString(value);
        }
    }

    private static int Put(Span<byte> output, string text) =>
        Encoding.ASCII.GetBytes(text, output);
}
