using System.Diagnostics;

namespace AotAuth.Gateway;

/// <summary>
/// The local API Gateway, host-independent: a request in, an answer out. The steps every API
/// kind shares happen here once (a request id, one trace id per request, the admin paths, the
/// payload limit, metrics, the access log); what the API does with the request is the
/// flavour's (<see cref="IApiFlavour"/>).
/// </summary>
public sealed class GatewayPipeline
{
    private readonly IApiFlavour _flavour;
    private readonly AdminPaths _admin;
    private readonly Action<string> _log;

    /// <param name="flavour">The API kind and its model.</param>
    /// <param name="metrics">Where requests, decisions and cache lookups are counted (the flavour counts into it too).</param>
    /// <param name="adminSecret">The secret of the cache flush (<see cref="CacheFlushEndpoint"/>), or null for none.</param>
    /// <param name="log">Where the access line and problems go.</param>
    public GatewayPipeline(IApiFlavour flavour, GatewayMetrics metrics, string? adminSecret, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(flavour);
        _flavour = flavour;
        Metrics = metrics;
        _log = log;
        _admin = new AdminPaths(metrics, adminSecret is null ? null : new CacheFlushEndpoint(adminSecret, flavour));
    }

    /// <summary>Requests, decisions, cache and latency numbers.</summary>
    public GatewayMetrics Metrics { get; }

    /// <summary>Answers one request.</summary>
    public async Task<GatewayAnswer> HandleAsync(GatewayRequest request, CancellationToken aborted)
    {
        ArgumentNullException.ThrowIfNull(request);
        long started = Stopwatch.GetTimestamp();
        var exchange = new GatewayExchange(request, Guid.NewGuid().ToString(), TraceIds.New(), aborted);
        GatewayAnswer? admin = await _admin.TryHandleAsync(exchange, _log);
        if (admin is not null)
        {
            return admin.WithHeaderFirst(_flavour.RequestIdHeader, exchange.RequestId);
        }

        GatewayAnswer answer;
        string route = "unmatched";
        try
        {
            (answer, route) = await _flavour.HandleAsync(exchange);
        }
        catch (RequestTooLargeException)
        {
            answer = _flavour.TooLarge();
        }

        double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Metrics.Request(route, answer.StatusCode, milliseconds);

        // Never the Authorization header: only what a user needs to follow the traffic.
        _log($"{exchange.Method} {exchange.Path} -> {answer.StatusCode} ({milliseconds:F1} ms, request {exchange.RequestId})");
        return answer.WithHeaderFirst(_flavour.RequestIdHeader, exchange.RequestId);
    }
}
