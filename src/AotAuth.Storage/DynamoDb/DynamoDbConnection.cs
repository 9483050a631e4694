using System.Security.Authentication;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using AotAuth.Core.Http;

namespace AotAuth.Storage;

/// <summary>
/// One keep-alive HTTP/1.1 connection to the DynamoDB endpoint on a blocking socket (plain TCP
/// for http://, <see cref="SslStream"/> over it for https://): a request is one write, an answer
/// is read by <c>recv</c> calls that block the calling thread. No socket engine, no thread pool,
/// no read-ahead after the answer: the thread that asks is the thread the kernel wakes. For
/// <see cref="DynamoDbClientOptions.SynchronousIo"/> (a Lambda invocation: one call at a time).
/// </summary>
/// <remarks>
/// <para>Not thread-safe: the client serialises calls on it.</para>
/// <para>Time: every <c>send</c> and <c>recv</c> is bounded by the call's deadline through the
/// socket's own timeouts (<c>SO_SNDTIMEO</c>/<c>SO_RCVTIMEO</c>), lowered only when the time left is
/// below the value already set, so a warm call sets none; a timeout throws
/// <see cref="TimeoutException"/>. No timer per call. A cancelled token shuts the socket down
/// under a blocked read (a registration, not a timer); the call then throws
/// <see cref="OperationCanceledException"/>.</para>
/// <para>TLS is validated exactly as the client's <see cref="SocketsHttpHandler"/> did it: the
/// process's trust store (<c>SSL_CERT_FILE</c>/<c>SSL_CERT_DIR</c>, see
/// <see cref="AotAuth.Core.Contracts.TrustStore"/>), the endpoint's host name as SNI and as the
/// name the certificate must carry, the protocol versions the system allows, no revocation check
/// (HttpClient's default), no validation callback.</para>
/// <para>A failure (refused, reset, closed, malformed answer) throws <see cref="IOException"/> and
/// drops the connection; the next call connects again. Whether a failed call is retried is the
/// client's retry policy.</para>
/// </remarks>
internal sealed class DynamoDbConnection : IDisposable
{
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    // As the pooled connections of the HttpClient this replaces: an idle connection goes after
    // 5 min (under the 350 s after which NAT gateways drop an idle flow), every connection after
    // 15 min, so DNS changes of the endpoint are seen.
    private static readonly long IdleLimit = Stopwatch.Frequency * 5 * 60;
    private static readonly long LifetimeLimit = Stopwatch.Frequency * 15 * 60;

    // A connection idle this long is checked for a close by the server before it is used (one
    // poll): sooner, the check would cost a syscall on every warm call for a close that DynamoDB
    // does not make within a second.
    private static readonly long CheckAfterIdle = Stopwatch.Frequency;

    // How far below the time left a socket timeout is set (see SetTimeouts).
    private const int TimeoutSlackMs = 5;

    private readonly string _host;
    private readonly int _port;
    private readonly bool _tls;
    private readonly Http1AnswerReader _reader;
    private readonly Func<int, Memory<byte>> _bodyTarget;

    private Socket? _socket;
    private Stream? _stream;
    private long _openedAt;
    private long _lastUsed;
    private int _receiveTimeoutMs; // the socket's SO_RCVTIMEO as last set (0: none)
    private int _sendTimeoutMs;

    private long _deadline; // the call's, for every recv of its answer
    private byte[] _body = new byte[1024];
    private int _bodyLength;

    /// <summary>Creates a connection (not yet open) to <paramref name="endpoint"/>.</summary>
    public DynamoDbConnection(Uri endpoint)
    {
        _host = endpoint.IdnHost;
        _port = endpoint.Port;
        _tls = endpoint.Scheme == Uri.UriSchemeHttps;
        _reader = new Http1AnswerReader("DynamoDB", Receive, MaxBodyBytes);
        _bodyTarget = GrowBody;
    }

    /// <summary>True while a connection is open.</summary>
    public bool IsOpen => _socket is not null;

    /// <summary>The body of the last answer, valid until the next call or <see cref="ClearBody"/>.</summary>
    public ReadOnlySpan<byte> Body => _body.AsSpan(0, _bodyLength);

    /// <summary>
    /// Sends <paramref name="request"/> (a whole HTTP/1.1 request, head and body) and reads the
    /// answer; its body is then in <see cref="Body"/>.
    /// </summary>
    /// <param name="request">The request bytes.</param>
    /// <param name="connectDeadline">Stopwatch timestamp by which a new connection must be open (TCP and TLS).</param>
    /// <param name="deadline">Stopwatch timestamp by which the answer must be read.</param>
    /// <param name="cancellationToken">Shuts the connection down when cancelled.</param>
    /// <returns>The answer's status code.</returns>
    /// <exception cref="IOException">No connection, or the answer could not be read.</exception>
    /// <exception cref="TimeoutException">The deadline passed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public int Send(ReadOnlySpan<byte> request, long connectDeadline, long deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _bodyLength = 0;
        using CancellationTokenRegistration abort = cancellationToken.UnsafeRegister(static s => ((DynamoDbConnection)s!).Abort(), this);
        try
        {
            long now = Stopwatch.GetTimestamp();
            if (_socket is not null && !IsReusable(now))
            {
                Drop();
            }

            if (_socket is null)
            {
                Connect(Math.Min(connectDeadline, deadline));
            }

            Stream stream = _stream!;
            SetTimeouts(deadline);
            stream.Write(request);
            _deadline = deadline;
            Http1Head head = _reader.ReadHead(null);
            _bodyLength = _reader.ReadBody(head, _bodyTarget);
            _lastUsed = Stopwatch.GetTimestamp();
            if (head.Close)
            {
                Drop();
            }

            return head.Status;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or AuthenticationException)
        {
            Drop();
            cancellationToken.ThrowIfCancellationRequested();
            if (IsTimeout(ex))
            {
                throw new TimeoutException($"DynamoDB at {_host}:{_port} did not answer in time.", ex);
            }

            throw ex switch
            {
                IOException io => io,
                AuthenticationException => new IOException($"The SSL connection to DynamoDB at {_host}:{_port} could not be established: {ex.Message}", ex),
                _ => new IOException($"DynamoDB at {_host}:{_port}: {ex.Message}", ex),
            };
        }
        catch (TimeoutException)
        {
            Drop();
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
    }

    /// <summary>Clears the last answer's body (it may hold a token's item).</summary>
    public void ClearBody()
    {
        _body.AsSpan(0, _bodyLength).Clear();
        _bodyLength = 0;
    }

    /// <summary>Closes the connection; the next call connects again.</summary>
    public void Drop()
    {
        Socket? socket = _socket;
        Stream? stream = _stream;
        _socket = null;
        _stream = null;
        _reader.Reset();
        _receiveTimeoutMs = _sendTimeoutMs = 0;
        if (socket is null)
        {
            return;
        }

        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Not connected any more: closing is all that is left.
        }

        try
        {
            stream?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // A TLS close_notify that cannot be sent any more.
        }

        socket.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Drop();
        ClearBody();
    }

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

    // Each recv of an answer blocks at most until the call's deadline.
    private int Receive(Span<byte> into)
    {
        SetTimeouts(_deadline);
        return _stream!.Read(into);
    }

    // The body buffer, grown (the old one copied and cleared) to hold at least length bytes.
    private Memory<byte> GrowBody(int length)
    {
        if (_body.Length < length)
        {
            var bigger = new byte[Math.Max(_body.Length * 2, length)];
            _body.CopyTo(bigger, 0);
            _body.AsSpan().Clear();
            _body = bigger;
        }

        return _body;
    }

    private bool IsReusable(long now)
    {
        if (now - _openedAt > LifetimeLimit || now - _lastUsed > IdleLimit)
        {
            return false;
        }

        if (now - _lastUsed < CheckAfterIdle)
        {
            return true;
        }

        // Readable with nothing to read: the server closed it (or reset it) while we were idle.
        try
        {
            return !_socket!.Poll(0, SelectMode.SelectRead) || _socket.Available > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Connect(long deadline)
    {
        IPAddress[] addresses = IPAddress.TryParse(_host.Trim('[', ']'), out IPAddress? literal)
            ? [literal]
            : Dns.GetHostAddresses(_host);
        if (addresses.Length == 0)
        {
            throw new IOException($"DynamoDB host {_host} has no address.");
        }

        Exception? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                ConnectWithin(socket, new IPEndPoint(address, _port), deadline);
                _socket = socket;
                _sendTimeoutMs = socket.SendTimeout;
                break;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
                if (IsTimeout(ex))
                {
                    throw;
                }
            }
        }

        if (_socket is null)
        {
            throw last!;
        }

        _openedAt = _lastUsed = Stopwatch.GetTimestamp();
        if (!_tls)
        {
            _stream = new NetworkStream(_socket, ownsSocket: false);
            return;
        }

        // The handshake is bounded like any read: by the socket's timeouts, set from the deadline.
        SetTimeouts(deadline);
        var ssl = new SslStream(new NoWaitStream(_socket), leaveInnerStreamOpen: false);
        _stream = ssl;
        ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = _host,
            CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        });
    }

    // A blocking connect, bounded by SO_SNDTIMEO (Linux applies the send timeout to connect).
    // Not a non-blocking connect and poll: .NET keeps a socket that was ever non-blocking
    // non-blocking underneath, and then waits for every "blocking" read through the socket
    // engine's epoll thread, the hand-over this connection exists to avoid.
    private static void ConnectWithin(Socket socket, IPEndPoint endPoint, long deadline)
    {
        int waitMs = RemainingMs(deadline);
        if (waitMs <= 0)
        {
            throw new SocketException((int)SocketError.TimedOut);
        }

        socket.SendTimeout = waitMs;
        try
        {
            socket.Connect(endPoint);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.InProgress or SocketError.WouldBlock or SocketError.AlreadyInProgress)
        {
            // The timeout ran out while connecting.
            throw new SocketException((int)SocketError.TimedOut);
        }
    }

    // Bounds every send and recv by the deadline. A timeout set is never above the time left, and is
    // set TimeoutSlackMs below it, so that the next calls, whose time left differs by the jitter
    // of a few microseconds to milliseconds, find it still in range: on a warm connection, no
    // syscall (setting it exactly made one call in seven pay two setsockopt). The cost: a call may
    // be cut off up to twice the slack before its deadline, never after.
    private void SetTimeouts(long deadline)
    {
        int remaining = RemainingMs(deadline);
        if (remaining <= 0)
        {
            throw new TimeoutException();
        }

        int lowest = Math.Max(1, remaining - 2 * TimeoutSlackMs);
        int timeout = Math.Max(1, remaining - TimeoutSlackMs);
        Socket socket = _socket!;
        if (_receiveTimeoutMs < lowest || _receiveTimeoutMs > remaining)
        {
            socket.ReceiveTimeout = timeout;
            _receiveTimeoutMs = timeout;
        }

        if (_sendTimeoutMs < lowest || _sendTimeoutMs > remaining)
        {
            socket.SendTimeout = timeout;
            _sendTimeoutMs = timeout;
        }
    }

    private static int RemainingMs(long deadline)
    {
        long ticks = deadline - Stopwatch.GetTimestamp();
        return ticks <= 0 ? 0 : (int)Math.Min(int.MaxValue, ticks * 1000 / Stopwatch.Frequency);
    }

    private static bool IsTimeout(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || e is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The socket under <see cref="SslStream"/>, answering a zero-byte read at once. Before each
    /// record SslStream reads zero bytes from its inner stream to wait for data without holding a
    /// buffer, and ignores the result; on a blocking socket that is one more <c>recv</c> (a
    /// one-byte <c>MSG_PEEK</c>) per answer, and the real read that follows blocks anyway.
    /// </summary>
    private sealed class NoWaitStream(Socket socket) : NetworkStream(socket, ownsSocket: false)
    {
        public override int Read(Span<byte> buffer) => buffer.IsEmpty ? 0 : base.Read(buffer);

        public override int Read(byte[] buffer, int offset, int count) => count == 0 ? 0 : base.Read(buffer, offset, count);
    }
}
