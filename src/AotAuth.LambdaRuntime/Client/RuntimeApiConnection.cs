using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

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
internal sealed class RuntimeApiConnection(string host, int port, string authority) : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private Socket? _socket;
    private byte[] _buffer = new byte[4096];
    private int _start; // first unread byte in _buffer
    private int _end;   // end of the bytes read into _buffer

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
            (Head head, long contentLength, bool chunked, bool close) = ReadHead(socket);
            bodyLength = ReadBody(socket, contentLength, chunked, close, readBody);
            if (close)
            {
                Drop();
            }

            return head;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            Drop();
            cancellationToken.ThrowIfCancellationRequested();
            throw ex as IOException ?? new IOException($"Runtime API at {host}:{port}: {ex.Message}", ex);
        }
    }

    /// <summary>Closes the connection; the next call connects again. Only on the calling thread (it resets the buffer).</summary>
    public void Drop()
    {
        Socket? socket = _socket;
        _socket = null;
        _start = _end = 0;
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
            socket.Connect(host, port);
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
        int headLength = method.Length + path.Length + authority.Length + 96
            + (contentType?.Length ?? 0) + (errorType is null ? 0 : errorType.Length + 40);
        EnsureCapacity(headLength + body.Length);
        Span<byte> output = _buffer.AsSpan(_end);
        int n = Put(output, method);
        n += Put(output[n..], " ");
        n += Put(output[n..], path);
        n += Put(output[n..], " HTTP/1.1\r\nHost: ");
        n += Put(output[n..], authority);
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

    private (Head Head, long ContentLength, bool Chunked, bool Close) ReadHead(Socket socket)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new IOException("Runtime API answer head is too large.");
            }

            Fill(socket);
        }

        ReadOnlySpan<byte> head = _buffer.AsSpan(_start, headEnd);
        _start += headEnd + 4;

        // Status line: HTTP/1.1 SP status SP reason
        int lineEnd = head.IndexOf("\r\n"u8);
        ReadOnlySpan<byte> statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
        {
            throw new IOException("Runtime API answered with a malformed status line.");
        }

        string reason = statusLine.Length > 13 ? Encoding.ASCII.GetString(statusLine[13..]) : string.Empty;
        bool http10 = statusLine[7] == (byte)'0';
        long contentLength = -1;
        bool chunked = false;
        bool close = http10;
        string? requestId = null, deadline = null, arn = null, traceId = null;
        ReadOnlySpan<byte> rest = lineEnd < 0 ? default : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            int end = rest.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> name = line[..colon];
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out int used) || used != value.Length || contentLength < 0)
                {
                    throw new IOException("Runtime API answered with a malformed Content-Length.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
            else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Aws-Request-Id"u8))
            {
                requestId = Encoding.UTF8.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Deadline-Ms"u8))
            {
                deadline = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Invoked-Function-Arn"u8))
            {
                arn = Encoding.UTF8.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Lambda-Runtime-Trace-Id"u8))
            {
                traceId = Encoding.UTF8.GetString(value);
            }
        }

        // No framing (and a status that has a body): the body ends when the server closes.
        if (!chunked && contentLength < 0 && status is not (204 or 304) and >= 200)
        {
            close = true;
        }

        return (new Head(status, reason, requestId, deadline, arn, traceId), status is 204 or 304 ? 0 : contentLength, chunked, close);
    }

    // Reads the body into the memory readBody hands out for each size asked (null: drains it).
    // Returns the body's length.
    private int ReadBody(Socket socket, long contentLength, bool chunked, bool close, Func<int, Memory<byte>>? readBody)
    {
        if (chunked)
        {
            int total = 0;
            while (true)
            {
                int size = ReadChunkSize(socket);
                if (size == 0)
                {
                    ReadLine(socket); // no trailers from the Runtime API: the final CRLF
                    return total;
                }

                Copy(socket, size, total, readBody);
                total += size;
                ReadLine(socket);
            }
        }

        if (contentLength >= 0)
        {
            if (contentLength > int.MaxValue)
            {
                throw new IOException("Runtime API answer body is too large.");
            }

            Copy(socket, (int)contentLength, 0, readBody);
            return (int)contentLength;
        }

        if (!close)
        {
            return 0;
        }

        // Read to the end of the connection.
        int read = 0;
        while (true)
        {
            if (_start == _end && !TryFill(socket))
            {
                return read;
            }

            int take = _end - _start;
            Copy(socket, take, read, readBody);
            read += take;
        }
    }

    private void Copy(Socket socket, int count, int offset, Func<int, Memory<byte>>? readBody)
    {
        Memory<byte> target = readBody?.Invoke(offset + count).Slice(offset, count) ?? default;
        int copied = 0;
        while (copied < count)
        {
            if (_start == _end)
            {
                Fill(socket);
            }

            int take = Math.Min(count - copied, _end - _start);
            if (readBody is not null)
            {
                _buffer.AsSpan(_start, take).CopyTo(target.Span[copied..]);
            }

            _buffer.AsSpan(_start, take).Clear(); // events carry tokens
            _start += take;
            copied += take;
        }
    }

    private int ReadChunkSize(Socket socket)
    {
        ReadOnlySpan<byte> line = ReadLine(socket);
        int extension = line.IndexOf((byte)';');
        ReadOnlySpan<byte> digits = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        if (!Utf8Parser.TryParse(digits, out int size, out int used, 'X') || used != digits.Length || size < 0)
        {
            throw new IOException("Runtime API answered with a malformed chunk size.");
        }

        return size;
    }

    private ReadOnlySpan<byte> ReadLine(Socket socket)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            Fill(socket);
        }

        ReadOnlySpan<byte> line = _buffer.AsSpan(_start, end);
        _start += end + 2;
        return line;
    }

    private void Fill(Socket socket)
    {
        if (!TryFill(socket))
        {
            throw new IOException("Runtime API closed the connection.");
        }
    }

    // Reads more bytes behind the unread ones, blocking until some arrive; false at the end of the connection.
    private bool TryFill(Socket socket)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _buffer.AsSpan(_end - _start, _start).Clear();
            _end -= _start;
            _start = 0;
        }

        EnsureCapacity(1024);
        int read = socket.Receive(_buffer.AsSpan(_end));
        _end += read;
        return read > 0;
    }

    // Room for `more` bytes behind _end.
    private void EnsureCapacity(int more)
    {
        if (_buffer.Length - _end >= more)
        {
            return;
        }

        var bigger = new byte[Math.Max(_buffer.Length * 2, _end + more)];
        _buffer.AsSpan(0, _end).CopyTo(bigger);
        _buffer.AsSpan(0, _end).Clear();
        _buffer = bigger;
    }

    private static int Put(Span<byte> output, string text) =>
        Encoding.ASCII.GetBytes(text, output);
}
