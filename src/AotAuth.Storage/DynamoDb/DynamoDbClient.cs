using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>
/// A minimal DynamoDB client speaking the JSON 1.0 protocol. Built instead of the AWS SDK to
/// keep Native AOT cold starts short. Create one per process; it is thread-safe.
/// </summary>
/// <remarks>
/// <para>Two transports, one protocol: with <see cref="DynamoDbClientOptions.SynchronousIo"/> (the
/// functions) a call goes over the client's own keep-alive HTTP/1.1 connection on a blocking
/// socket (<see cref="DynamoDbConnection"/>) and completes on the calling thread; otherwise over
/// a pooled HttpClient (the CLI, tests with a fake handler). Signing, request headers, the retry
/// policy and reading answers are shared; only sending differs.</para>
/// <para>Every call is bounded by <see cref="DynamoDbClientOptions.RequestTimeout"/> (all attempts and
/// backoff together), plus <see cref="DynamoDbClientOptions.ConnectTimeout"/> while no connection has
/// answered yet, and by the caller's token. Running out of time throws a
/// <see cref="DynamoDbException"/> with <see cref="DynamoDbException.TimeoutCode"/>; a cancelled
/// caller token throws <see cref="OperationCanceledException"/>. Throttling, 5xx answers and
/// connection failures are retried up to <see cref="DynamoDbClientOptions.MaxRetries"/> times.</para>
/// </remarks>
public sealed partial class DynamoDbClient : IDisposable
{
    private const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "DynamoDB_20120810.";

    private readonly HttpClient? _http;
    private readonly DynamoDbConnection? _connection;
    private readonly SigV4Signer _signer;
    private readonly Uri _endpoint;
    private readonly string _host;
    private readonly string _canonicalPath;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _connectTimeout;
    private readonly int _maxRetries;

    // Set once the endpoint has answered anything: from then on a call is budgeted for the
    // request alone. Before that it also gets the connect budget (see ConnectTimeout).
    private volatile bool _connected;

    /// <summary>Creates a client.</summary>
    /// <param name="options">The endpoint, region, credentials and limits.</param>
    /// <exception cref="ArgumentException">The options are inconsistent (e.g. both <see cref="DynamoDbClientOptions.SynchronousIo"/> and a handler).</exception>
    public DynamoDbClient(DynamoDbClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentNullException.ThrowIfNull(options.Credentials);
        if (!options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("The endpoint must be an absolute http or https URI.", nameof(options));
        }

        if (options.SynchronousIo && options.HttpMessageHandler is not null)
        {
            throw new ArgumentException("SynchronousIo sends over the client's own connection; it cannot use an HttpMessageHandler.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));

        _endpoint = options.Endpoint;
        // The Host header is signed, so send exactly what was signed (port only when not default).
        _host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        _timeout = options.RequestTimeout;
        _connectTimeout = options.ConnectTimeout;
        _maxRetries = options.MaxRetries;
        _signer = new SigV4Signer(options.Credentials, options.Region, "dynamodb");
        _canonicalPath = SigV4Signer.CanonicalPath(_endpoint.AbsolutePath, _signer.Service);
        if (options.SynchronousIo)
        {
            _connection = new DynamoDbConnection(_endpoint);
            return;
        }

        var handler = options.HttpMessageHandler ?? new SocketsHttpHandler
        {
            // The connection opened during init (PrimeAsync) must survive Lambda's freezes between
            // invocations: a new one costs a TLS handshake at the invocation's small CPU share.
            // Idle connections go after 5 min, under the 350 s after which NAT gateways drop an
            // idle flow (a connection dropped anyway fails fast and is retried on a new one);
            // every connection is replaced after 15 min so DNS changes of the endpoint are seen.
            // DynamoDbConnection keeps the same limits.
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(15),
            // TCP connect plus TLS handshake.
            ConnectTimeout = options.ConnectTimeout,
            // DynamoDB is reached directly; a proxy variable in a developer's shell must not
            // reroute emulator traffic, and skipping proxy discovery saves cold-start time.
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        // Timeouts are enforced per call (see SendAsync), so HttpClient's own is disabled.
        _http = new HttpClient(handler, disposeHandler: options.HttpMessageHandler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>True once the endpoint has answered a request of this client (a pooled connection is likely open).</summary>
    public bool IsConnected => _connected;

    /// <inheritdoc />
    public void Dispose()
    {
        _http?.Dispose();
        if (_connection is not null)
        {
            lock (_connection)
            {
                _connection.Dispose();
            }
        }
    }

    /// <summary>
    /// Opens the connection to the endpoint (TCP and TLS) ahead of the first call, with a
    /// <c>GET /</c> that DynamoDB answers without credentials: no capacity used, no permission
    /// needed. First it runs the rest of a call's first-use work that needs no network: signing
    /// (OpenSSL's HMAC and SHA-256 load on first use, and today's signing key is derived and
    /// cached), building a request and reading an item. Meant for a function's init, which
    /// Lambda runs on a full CPU while invocations get a share of one. Bounded by
    /// <see cref="DynamoDbClientOptions.ConnectTimeout"/>; never throws for a network failure:
    /// the first call then connects as it would have anyway.
    /// </summary>
    /// <param name="cancellationToken">Cancels the attempt (the result is then a failure).</param>
    /// <returns>Whether the endpoint answered, how long it took, and what went wrong if not.</returns>
    public async Task<PrimeResult> PrimeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        WarmUpRequestPath();
        try
        {
            if (_connection is not null)
            {
                PrimeBlocking(cancellationToken);
            }
            else
            {
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                budget.CancelAfter(_connectTimeout);
                using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint);
                request.Headers.Host = _host;
                // Any HTTP answer means the connection is open and stays pooled; the status does not matter.
                using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseContentRead, budget.Token).ConfigureAwait(false);
            }

            _connected = true;
            return new PrimeResult(true, Stopwatch.GetElapsedTime(started), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException or TimeoutException)
        {
            string reason = ex is OperationCanceledException or TimeoutException
                ? cancellationToken.IsCancellationRequested ? "cancelled" : $"no answer within {_connectTimeout.TotalMilliseconds:0} ms"
                : $"{ex.GetType().Name}: {ex.Message}";
            return new PrimeResult(false, Stopwatch.GetElapsedTime(started), reason);
        }
    }

    private delegate T ResponseParser<T>(ref Utf8JsonReader reader);

    /// <summary>Sends one operation with retries and returns the parsed success response.</summary>
    private Task<T> SendAsync<T>(string operation, ReadOnlyMemory<byte> body, ResponseParser<T>? parse, CancellationToken cancellationToken) =>
        SendAsync(operation, body, parse, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>As above, within <paramref name="limit"/> when that is below the client's own budget.</summary>
    private Task<T> SendAsync<T>(string operation, ReadOnlyMemory<byte> body, ResponseParser<T>? parse, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return Task.FromResult(SendBlocking(operation, body.Span, parse, limit, cancellationToken));
        }

        return SendPooledAsync(operation, body, parse, limit, cancellationToken);
    }

    // The budget of a call (all attempts and backoff): the client's, plus the connect budget while
    // nothing has answered yet, cut to the caller's limit.
    private TimeSpan Budget(TimeSpan limit)
    {
        TimeSpan own = _connected ? _timeout : _timeout + _connectTimeout;
        return limit != Timeout.InfiniteTimeSpan && limit < own ? limit : own;
    }

    /// <summary>Sends one operation with retries, for its success alone.</summary>
    private Task<bool> SendAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SendAsync<bool>(operation, body, parse: null, cancellationToken);

    private async Task<T> SendPooledAsync<T>(string operation, ReadOnlyMemory<byte> body, ResponseParser<T>? parse, TimeSpan limit, CancellationToken cancellationToken)
    {
        var target = Target(operation);
        // Signed once: all attempts fit in the time budget, far inside SigV4's 5-minute window.
        var signature = Sign(target, body.Span);

        var started = Stopwatch.GetTimestamp();
        var timeout = Budget(limit);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        var token = budget.Token;

        for (var attempt = 0; ; attempt++)
        {
            DynamoDbException failure;
            try
            {
                using var request = CreateRequest(target, body, signature);
                // ResponseContentRead: the body is buffered by the send, so reading it completes at once.
                using var response = await _http!.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                var responseBody = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                _connected = true;
                if (response.IsSuccessStatusCode)
                {
                    return Parse(operation, responseBody, parse);
                }

                failure = DynamoDbErrorParser.Parse(operation, (int)response.StatusCode, responseBody);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, timeout, ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // Also covers a pooled connection that died while a Lambda sandbox was frozen.
                failure = ConnectionFailed(operation, ex);
            }

            if (!CanRetry(failure, attempt, started, timeout, out var delay))
            {
                throw failure;
            }

            try
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(operation, timeout, ex);
            }
        }
    }

    // Both transports: the signature over the request every attempt sends.
    private SigV4Signature Sign(string target, ReadOnlySpan<byte> body) => _signer.Sign(
        "POST",
        _endpoint.AbsolutePath,
        string.Empty,
        [new("content-type", ContentType), new("host", _host), new("x-amz-target", target)],
        body,
        DateTimeOffset.UtcNow);

    // Both transports: a success answer's body, read by the operation's parser (none: not read).
    private static T Parse<T>(string operation, ReadOnlySpan<byte> body, ResponseParser<T>? parse)
    {
        if (parse is null)
        {
            return default!;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            return parse(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new DynamoDbException(
                DynamoDbException.InvalidResponseCode, $"DynamoDB {operation} returned a response this client could not parse.", 200, false, ex);
        }
    }

    // Both transports: the retry policy. False when the failure is final, or a retry could not
    // finish in time anyway (then the real cause is reported, not a timeout).
    private bool CanRetry(DynamoDbException failure, int attempt, long started, TimeSpan timeout, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (!failure.IsRetryable || attempt >= _maxRetries)
        {
            return false;
        }

        delay = RetryBackoff.ComputeDelay(attempt, Random.Shared.NextDouble());
        return Stopwatch.GetElapsedTime(started) + delay < timeout;
    }

    // A GetItem's work up to the network and back, on a canned answer: nothing is sent.
    private void WarmUpRequestPath()
    {
        ReadOnlySpan<byte> body = """{"TableName":"t","Key":{"k":{"S":"v"}},"ConsistentRead":true}"""u8;
        string target = Target("GetItem");
        if (_connection is not null)
        {
            lock (_connection)
            {
                WriteRequest(target, body, DateTime.UtcNow);
            }
        }
        else
        {
            using (CreateRequest(target, body.ToArray(), Sign(target, body)))
            {
            }
        }

        Parse("GetItem", """{"Item":{"k":{"S":"v"},"n":{"N":"1"},"l":{"SS":["a"]}}}"""u8, static (ref Utf8JsonReader r) => DynamoDbResponseReader.ReadItemMember(ref r, "Item"u8));
    }

    private HttpRequestMessage CreateRequest(string target, ReadOnlyMemory<byte> body, SigV4Signature signature)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.Host = _host;
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        if (signature.SecurityToken is { } securityToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", securityToken);
        }

        return request;
    }

    private static DynamoDbException ConnectionFailed(string operation, Exception inner) => new(
        DynamoDbException.ConnectionFailedCode, $"DynamoDB {operation} failed: no response from the endpoint.", null, true, inner);

    private static DynamoDbException TimedOut(string operation, TimeSpan timeout, Exception inner) => new(
        DynamoDbException.TimeoutCode,
        $"DynamoDB {operation} did not complete within {timeout.TotalMilliseconds:0} ms.",
        null,
        true,
        inner);
}
