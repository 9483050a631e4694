using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// HTTP client for the Lambda Runtime API (2018-06-01). One per process: it owns the only
/// <see cref="HttpClient"/> and the buffer the current event is read into.
/// </summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private const int InitialEventBufferSize = 16 * 1024;
    private const string FunctionErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;
    private readonly Uri _nextUri;
    private readonly string _invocationBase;
    private readonly Uri _initErrorUri;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly RuntimeLog _log;
    private readonly ArrayBufferWriter<byte> _errorBody = new(1024);
    private byte[] _eventBuffer = new byte[InitialEventBufferSize];
    private int _eventLength;

    private RuntimeApiClient(Uri baseUri, IReadOnlyList<TimeSpan> retryDelays, RuntimeLog log)
    {
        _log = log;
        _nextUri = new Uri(baseUri, "invocation/next");
        _initErrorUri = new Uri(baseUri, "init/error");
        _invocationBase = baseUri.AbsoluteUri + "invocation/";
        _retryDelays = retryDelays;

        // A SocketsHttpHandler created directly skips the HttpClientHandler wrapper (cheaper at
        // cold start). No proxy: an HTTP(S)_PROXY in the environment must never capture the
        // sandbox-local Runtime API, and probing proxy settings costs start-up time.
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };

        // No request timeout: `next` blocks until an event arrives, and Lambda freezes the whole
        // process while it waits, possibly for hours. A timeout would fire right after a thaw
        // and fail a perfectly healthy long poll. Shutdown goes through the CancellationToken.
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Parses <c>host:port</c>; false when it is missing or not a plain authority.</summary>
    public static bool TryCreate(string? address, IReadOnlyList<TimeSpan> retryDelays, RuntimeLog log, [NotNullWhen(true)] out RuntimeApiClient? client)
    {
        client = null;
        const string ApiPath = "/2018-06-01/runtime/";
        if (string.IsNullOrWhiteSpace(address)
            || !Uri.TryCreate("http://" + address.Trim() + ApiPath, UriKind.Absolute, out var baseUri)
            || baseUri.AbsolutePath != ApiPath || baseUri.Query.Length != 0 || baseUri.Fragment.Length != 0)
        {
            return false;
        }

        client = new RuntimeApiClient(baseUri, retryDelays, log);
        return true;
    }

    /// <summary>
    /// Long-polls <c>next</c>. Connection failures are retried a few times with a short backoff;
    /// HTTP answers are never retried (403/500 mean "exit").
    /// </summary>
    public async Task<NextResult> NextAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await NextOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                ClearEvent();
                if (attempt >= _retryDelays.Count)
                {
                    return new NextResult(NextStatus.Unreachable, null, 0, ex.Message);
                }

                var delay = _retryDelays[attempt];
                _log.Warn($"Runtime API next failed ({ex.Message}); retry {attempt + 1} of {_retryDelays.Count} in {delay.TotalMilliseconds:0} ms.");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>Zeroes the event bytes: events carry tokens, which must not linger in memory.</summary>
    public void ClearEvent()
    {
        _eventBuffer.AsSpan(0, _eventLength).Clear();
        _eventLength = 0;
    }

    /// <summary>Posts the handler's output to <c>invocation/{id}/response</c>.</summary>
    public Task<PostResult> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PostAsync(new Uri(_invocationBase + requestId + "/response"), body, "application/json", null, cancellationToken);

    /// <summary>Posts an error document to <c>invocation/{id}/error</c>.</summary>
    public Task<PostResult> PostErrorAsync(string requestId, string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync(new Uri(_invocationBase + requestId + "/error"), errorType, errorMessage, exception, headerErrorType, cancellationToken);

    /// <summary>Posts an error document to <c>init/error</c>.</summary>
    public Task<PostResult> PostInitErrorAsync(string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken) =>
        PostErrorDocumentAsync(_initErrorUri, errorType, errorMessage, exception, headerErrorType, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        ClearEvent();
        _http.Dispose();
    }

    private async Task<NextResult> NextOnceAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _nextUri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new NextResult(NextStatus.Fatal, null, (int)response.StatusCode, response.ReasonPhrase);
        }

        // NonValidated avoids parsing (and allocating) typed header values we only read as text.
        var headers = response.Headers.NonValidated;
        string? requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id");
        if (string.IsNullOrEmpty(requestId))
        {
            return new NextResult(NextStatus.MissingRequestId, null, 200, null);
        }

        if (!long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), out long deadline))
        {
            _log.Warn("Runtime API next answer has no valid Lambda-Runtime-Deadline-Ms; remaining time will read as zero.");
        }

        await ReadEventAsync(response.Content, cancellationToken);
        var context = new InvocationContext
        {
            RequestId = requestId,
            DeadlineUnixMs = deadline,
            InvokedFunctionArn = Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? string.Empty,
            TraceId = Header(headers, "Lambda-Runtime-Trace-Id"),
            Event = _eventBuffer.AsMemory(0, _eventLength),
        };
        return new NextResult(NextStatus.Invocation, context, 200, null);
    }

    private async Task ReadEventAsync(HttpContent content, CancellationToken cancellationToken)
    {
        long? length = content.Headers.ContentLength;
        using var stream = await content.ReadAsStreamAsync(cancellationToken);
        if (length is long known and <= int.MaxValue)
        {
            EnsureCapacity((int)known);
            _eventLength = await stream.ReadAtLeastAsync(_eventBuffer.AsMemory(0, (int)known), (int)known, throwOnEndOfStream: true, cancellationToken);
            return;
        }

        // Chunked (no Content-Length): read to the end, growing the reused buffer as needed.
        while (true)
        {
            EnsureCapacity(_eventLength + 1);
            int read = await stream.ReadAsync(_eventBuffer.AsMemory(_eventLength), cancellationToken);
            if (read == 0)
            {
                return;
            }

            _eventLength += read;
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _eventBuffer.Length)
        {
            return;
        }

        var bigger = new byte[Math.Max(needed, _eventBuffer.Length * 2)];
        _eventBuffer.AsSpan(0, _eventLength).CopyTo(bigger);
        _eventBuffer.AsSpan(0, _eventLength).Clear();
        _eventBuffer = bigger;
    }

    private async Task<PostResult> PostErrorDocumentAsync(Uri uri, string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken)
    {
        _errorBody.Clear();
        ErrorJson.Write(_errorBody, errorType, errorMessage, exception);
        try
        {
            return await PostAsync(uri, _errorBody.WrittenMemory, ErrorJson.ContentType, ErrorJson.HeaderSafe(headerErrorType), cancellationToken);
        }
        finally
        {
            _errorBody.Clear();
        }
    }

    private async Task<PostResult> PostAsync(Uri uri, ReadOnlyMemory<byte> body, string contentType, string? errorType, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(FunctionErrorTypeHeader, errorType);
        }

        try
        {
            // ResponseHeadersRead: Lambda's small acknowledgement body is drained by the handler
            // when the response is disposed, without buffering it into a new array.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            int status = (int)response.StatusCode;
            var outcome = status switch
            {
                >= 200 and < 300 => PostStatus.Accepted,
                413 => PostStatus.TooLarge,
                >= 500 => PostStatus.Fatal,
                _ => PostStatus.Rejected,
            };
            return new PostResult(outcome, status);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            _log.Warn($"Runtime API did not answer a POST to {uri.AbsolutePath}: {ex.Message}");
            return new PostResult(PostStatus.Unreachable, 0);
        }
    }

    private static string? Header(HttpHeadersNonValidated headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.ToString() : null;
}
