using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using AotAuth.Core.Contracts;

namespace AotAuth.LambdaRuntime;

/// <summary>
/// Client for the Lambda Runtime API (2018-06-01). One per process: it owns the only
/// connection (<see cref="RuntimeApiConnection"/>) and the buffer the current event is read into.
/// </summary>
/// <remarks>
/// Synchronous on purpose: an invocation is strictly sequential (next, the handler, one answer)
/// and the loop has nothing else to do meanwhile, so the calling thread blocks in the socket read
/// itself. Async I/O hands every completion from the socket engine's thread to a pool worker: two
/// thread wake-ups per read, which on Lambda's CPU share (1.45 ms per 20 ms at 128 MB) cost a
/// measurable part of a warm invocation (docs/performance.md, "Warm invocations on AWS").
/// </remarks>
internal sealed class RuntimeApiClient : IDisposable
{
    private const int InitialEventBufferSize = 16 * 1024;
    private const string NextPath = RuntimeApiPaths.Root + RuntimeApiPaths.Next;
    private const string InitErrorPath = RuntimeApiPaths.Root + RuntimeApiPaths.InitError;
    private const string InvocationPath = RuntimeApiPaths.Root + RuntimeApiPaths.Invocation;

    private readonly RuntimeApiConnection _connection;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly RuntimeLog _log;
    private readonly ArrayBufferWriter<byte> _errorBody = new(1024);
    private readonly Func<int, Memory<byte>> _eventTarget;
    private byte[] _eventBuffer = new byte[InitialEventBufferSize];
    private int _eventLength;

    private RuntimeApiClient(Uri baseUri, IReadOnlyList<TimeSpan> retryDelays, RuntimeLog log)
    {
        _log = log;
        _retryDelays = retryDelays;
        // No proxy, by construction: an HTTP(S)_PROXY in the environment must never capture the
        // sandbox-local Runtime API. No request timeout: `next` blocks until an event arrives, and
        // Lambda freezes the whole process while it waits, possibly for hours. Shutdown goes
        // through the CancellationToken.
        _connection = new RuntimeApiConnection(baseUri.IdnHost, baseUri.Port, baseUri.Authority);
        _eventTarget = length =>
        {
            EnsureCapacity(length);
            return _eventBuffer;
        };
    }

    /// <summary>Parses <c>host:port</c>; false when it is missing or not a plain authority.</summary>
    public static bool TryCreate(string? address, IReadOnlyList<TimeSpan> retryDelays, RuntimeLog log, [NotNullWhen(true)] out RuntimeApiClient? client)
    {
        client = null;
        if (string.IsNullOrWhiteSpace(address)
            || !Uri.TryCreate("http://" + address.Trim() + RuntimeApiPaths.Root, UriKind.Absolute, out var baseUri)
            || baseUri.AbsolutePath != RuntimeApiPaths.Root || baseUri.Query.Length != 0 || baseUri.Fragment.Length != 0)
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
    public NextResult Next(CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return NextOnce(cancellationToken);
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                ClearEvent();
                if (attempt >= _retryDelays.Count)
                {
                    return new NextResult(NextStatus.Unreachable, null, 0, ex.Message);
                }

                var delay = _retryDelays[attempt];
                _log.Warn($"Runtime API next failed ({ex.Message}); retry {attempt + 1} of {_retryDelays.Count} in {delay.TotalMilliseconds:0} ms.");
                if (cancellationToken.WaitHandle.WaitOne(delay))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
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
    public PostResult PostResponse(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        Post(InvocationPath + Uri.EscapeDataString(requestId) + "/response", body.Span, "application/json", null, cancellationToken);

    /// <summary>Posts an error document to <c>invocation/{id}/error</c>.</summary>
    public PostResult PostError(string requestId, string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken) =>
        PostErrorDocument(InvocationPath + Uri.EscapeDataString(requestId) + "/error", errorType, errorMessage, exception, headerErrorType, cancellationToken);

    /// <summary>Posts an error document to <c>init/error</c>.</summary>
    public PostResult PostInitError(string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken) =>
        PostErrorDocument(InitErrorPath, errorType, errorMessage, exception, headerErrorType, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        ClearEvent();
        _connection.Dispose();
    }

    private NextResult NextOnce(CancellationToken cancellationToken)
    {
        ClearEvent();
        RuntimeApiConnection.Head head = _connection.Send("GET", NextPath, null, null, default, _eventTarget, out int length, cancellationToken);
        _eventLength = length;
        if (head.Status != 200)
        {
            ClearEvent();
            return new NextResult(NextStatus.Fatal, null, head.Status, head.Reason);
        }

        if (string.IsNullOrEmpty(head.RequestId))
        {
            ClearEvent();
            return new NextResult(NextStatus.MissingRequestId, null, 200, null);
        }

        if (!long.TryParse(head.DeadlineMs, out long deadline))
        {
            _log.Warn("Runtime API next answer has no valid Lambda-Runtime-Deadline-Ms; remaining time will read as zero.");
        }

        var context = new InvocationContext
        {
            RequestId = head.RequestId,
            DeadlineUnixMs = deadline,
            InvokedFunctionArn = head.FunctionArn ?? string.Empty,
            TraceId = head.TraceId,
            Event = _eventBuffer.AsMemory(0, _eventLength),
        };
        return new NextResult(NextStatus.Invocation, context, 200, null);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _eventBuffer.Length)
        {
            return;
        }

        var bigger = new byte[Math.Max(needed, _eventBuffer.Length * 2)];
        _eventBuffer.AsSpan().CopyTo(bigger);
        _eventBuffer.AsSpan().Clear();
        _eventBuffer = bigger;
    }

    private PostResult PostErrorDocument(string path, string errorType, string errorMessage, Exception? exception, string headerErrorType, CancellationToken cancellationToken)
    {
        _errorBody.Clear();
        ErrorJson.Write(_errorBody, errorType, errorMessage, exception);
        try
        {
            return Post(path, _errorBody.WrittenSpan, ErrorJson.ContentType, ErrorJson.HeaderSafe(headerErrorType), cancellationToken);
        }
        finally
        {
            _errorBody.Clear();
        }
    }

    private PostResult Post(string path, ReadOnlySpan<byte> body, string contentType, string? errorType, CancellationToken cancellationToken)
    {
        try
        {
            // Lambda's small acknowledgement body is drained, not kept.
            int status = _connection.Send("POST", path, contentType, errorType, body, null, out _, cancellationToken).Status;
            var outcome = status switch
            {
                >= 200 and < 300 => PostStatus.Accepted,
                413 => PostStatus.TooLarge,
                >= 500 => PostStatus.Fatal,
                _ => PostStatus.Rejected,
            };
            return new PostResult(outcome, status);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            _log.Warn($"Runtime API did not answer a POST to {path}: {ex.Message}");
            return new PostResult(PostStatus.Unreachable, 0);
        }
    }
}
