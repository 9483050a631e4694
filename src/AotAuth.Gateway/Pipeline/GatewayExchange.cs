using System.Buffers;

namespace AotAuth.Gateway;

/// <summary>
/// One request on its way through the pipeline: what the shell decided for it (request id, the
/// one trace id both functions see, the raw path and query API Gateway routes on) and the body,
/// read at most once and never past <see cref="GatewayLimits.MaxBodyBytes"/>.
/// </summary>
public sealed class GatewayExchange
{
    private byte[]? _body;

    /// <summary>A call for <paramref name="request"/>.</summary>
    public GatewayExchange(GatewayRequest request, string requestId, string traceId, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        RequestId = requestId;
        TraceId = traceId;
        Aborted = aborted;
        (Path, Query) = Split(request.RawTarget);
    }

    /// <summary>The request as the server handed it over.</summary>
    public GatewayRequest Request { get; }

    /// <summary>The request method.</summary>
    public string Method => Request.Method;

    /// <summary>The raw path (still percent-encoded): API Gateway routes and builds ARNs on it, not on a normalised one.</summary>
    public string Path { get; }

    /// <summary>The raw query string without <c>?</c> (empty when none).</summary>
    public string Query { get; }

    /// <summary>The gateway's id of the request.</summary>
    public string RequestId { get; }

    /// <summary>The X-Ray trace header of the request: one per request, given to every invocation it makes.</summary>
    public string TraceId { get; }

    /// <summary>Cancelled when the client goes away or the server stops.</summary>
    public CancellationToken Aborted { get; }

    /// <summary>True when the declared <c>Content-Length</c> is over the limit: refused before any function runs.</summary>
    public bool DeclaresTooLargeBody => Request.ContentLength > GatewayLimits.MaxBodyBytes;

    /// <summary>The first value of header <paramref name="name"/> (any case), or null.</summary>
    public string? Header(string name)
    {
        foreach ((string key, string value) in Request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every header once, repeated values joined with <c>,</c>, names compared in any case.</summary>
    public Dictionary<string, string> JoinedHeaders()
    {
        var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string value) in Request.Headers)
        {
            joined[name] = joined.TryGetValue(name, out string? before) ? before + "," + value : value;
        }

        return joined;
    }

    /// <summary>The body; throws <see cref="RequestTooLargeException"/> when it is over the limit.</summary>
    public async Task<byte[]> ReadBodyAsync()
    {
        if (_body is not null)
        {
            return _body;
        }

        if (DeclaresTooLargeBody)
        {
            throw new RequestTooLargeException();
        }

        // At most one byte past the limit: enough to know, without buffering whatever a client streams.
        using var body = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await Request.Body.ReadAsync(chunk, Aborted)) > 0)
            {
                body.Write(chunk, 0, read);
                if (body.Length > GatewayLimits.MaxBodyBytes)
                {
                    throw new RequestTooLargeException();
                }
            }
        }
        finally
        {
            // Cleared: a body may carry a token.
            ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
        }

        return _body = body.ToArray();
    }

    private static (string Path, string Query) Split(string target)
    {
        int query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? (target, string.Empty) : (target[..query], target[(query + 1)..]);
    }
}
