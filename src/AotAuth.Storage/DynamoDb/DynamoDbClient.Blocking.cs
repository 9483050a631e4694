using System.Diagnostics;
using System.Text;

namespace AotAuth.Storage;

// The SynchronousIo transport: the request written as HTTP/1.1 bytes into a reused buffer and
// sent over the client's own blocking connection; the answer parsed where it was read. One
// call at a time (the lock), on the calling thread, with no timer: the deadline bounds each
// socket operation (DynamoDbConnection).
public sealed partial class DynamoDbClient
{
    private byte[] _request = new byte[2048];

    private T SendBlocking<T>(string operation, ReadOnlySpan<byte> body, ResponseParser<T>? parse, TimeSpan limit, CancellationToken cancellationToken)
    {
        DynamoDbConnection connection = _connection!;
        string target = Target(operation);

        lock (connection)
        {
            // Signed once: all attempts fit in the time budget, far inside SigV4's 5-minute window.
            int length = WriteRequest(target, body, DateTime.UtcNow);
            long started = Stopwatch.GetTimestamp();
            TimeSpan timeout = Budget(limit);
            long deadline = DeadlineAfter(started, timeout);
            for (var attempt = 0; ; attempt++)
            {
                DynamoDbException failure;
                try
                {
                    long connectDeadline = DeadlineAfter(Stopwatch.GetTimestamp(), _connectTimeout);
                    int status = connection.Send(_request.AsSpan(0, length), connectDeadline, deadline, cancellationToken);
                    _connected = true;
                    try
                    {
                        if (status is >= 200 and < 300)
                        {
                            return Parse(operation, connection.Body, parse);
                        }

                        failure = DynamoDbErrorParser.Parse(operation, status, connection.Body);
                    }
                    finally
                    {
                        connection.ClearBody();
                    }
                }
                catch (TimeoutException ex)
                {
                    throw TimedOut(operation, timeout, ex);
                }
                catch (IOException ex)
                {
                    // Also covers a connection that died while a Lambda sandbox was frozen.
                    failure = ConnectionFailed(operation, ex);
                }

                if (!CanRetry(failure, attempt, started, timeout, out var delay))
                {
                    throw failure;
                }

                // The backoff waits on the caller's token (cancelled: OperationCanceledException);
                // CanRetry made sure it ends inside the budget.
                if (cancellationToken.CanBeCanceled ? cancellationToken.WaitHandle.WaitOne(delay) : SleepFalse(delay))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
    }

    private void PrimeBlocking(CancellationToken cancellationToken)
    {
        DynamoDbConnection connection = _connection!;
        lock (connection)
        {
            int length = WriteHead("GET", extraHeaders: 0);
            length += Put(length, "\r\n");
            long deadline = DeadlineAfter(Stopwatch.GetTimestamp(), _connectTimeout);
            // Any HTTP answer means the connection is open and stays open; the status does not matter.
            connection.Send(_request.AsSpan(0, length), deadline, deadline, cancellationToken);
            connection.ClearBody();
        }
    }

    // The request as sent: the headers CreateRequest gives HttpClient, in one buffer, signed in
    // place (SigV4Signer.SignJsonPost writes the date and the Authorization value where they go).
    private int WriteRequest(string target, ReadOnlySpan<byte> body, DateTime utc)
    {
        string? securityToken = _signer.SessionToken;
        int n = WriteHead("POST", target.Length + _signer.MaxJsonPostAuthorizationLength + (securityToken?.Length ?? 0) + body.Length + 200);
        n += Put(n, "Content-Type: " + ContentType + "\r\nContent-Length: ");
        body.Length.TryFormat(_request.AsSpan(n), out int written);
        n += written;
        n += Put(n, "\r\nX-Amz-Target: ");
        n += Put(n, target);
        if (securityToken is not null)
        {
            n += Put(n, "\r\nX-Amz-Security-Token: ");
            n += Put(n, securityToken);
        }

        n += Put(n, "\r\nX-Amz-Date: ");
        int date = n;
        n += SigV4Signer.AmzDateLength;
        n += Put(n, "\r\nAuthorization: ");
        n += _signer.SignJsonPost(_canonicalPath, ContentType, _host, target, body, utc, _request.AsSpan(date, SigV4Signer.AmzDateLength), _request.AsSpan(n));
        n += Put(n, "\r\n\r\n");
        body.CopyTo(_request.AsSpan(n));
        return n + body.Length;
    }

    // The operations' X-Amz-Target values, without a concatenation per call for the common ones.
    private static string Target(string operation) => operation switch
    {
        "GetItem" => TargetPrefix + "GetItem",
        "PutItem" => TargetPrefix + "PutItem",
        "DeleteItem" => TargetPrefix + "DeleteItem",
        _ => TargetPrefix + operation,
    };

    // The request line and Host; room for extraHeaders more bytes behind them.
    private int WriteHead(string method, int extraHeaders)
    {
        string path = _endpoint.AbsolutePath;
        int needed = method.Length + path.Length + _host.Length + 32 + extraHeaders;
        if (_request.Length < needed)
        {
            _request = new byte[Math.Max(needed, _request.Length * 2)];
        }

        int n = Put(0, method);
        n += Put(n, " ");
        n += Put(n, path);
        n += Put(n, " HTTP/1.1\r\nHost: ");
        n += Put(n, _host);
        n += Put(n, "\r\n");
        return n;
    }

    // Header values are ASCII: the host, the target, the date, the signature and the session token.
    private int Put(int at, string text) => Encoding.ASCII.GetBytes(text, _request.AsSpan(at));

    // The Stopwatch timestamp span after start: the form DynamoDbConnection takes its deadlines in.
    private static long DeadlineAfter(long start, TimeSpan span) => start + (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static bool SleepFalse(TimeSpan delay)
    {
        Thread.Sleep(delay);
        return false;
    }
}
