namespace AotAuth.Gateway;

/// <summary>
/// The local gateway's own paths, answered before routing in every API flavour: the metrics
/// document and, when <c>serve</c> registered a secret, the cache flush (<see cref="CacheFlushEndpoint"/>).
/// The API model must not use them.
/// </summary>
/// <param name="metrics">What the metrics path answers.</param>
/// <param name="flush">The cache flush, or null when there is no secret.</param>
internal sealed class AdminPaths(GatewayMetrics metrics, CacheFlushEndpoint? flush)
{
    /// <summary>The answer when <paramref name="exchange"/> is to one of these paths; null for every other request.</summary>
    public async Task<GatewayAnswer?> TryHandleAsync(GatewayExchange exchange, Action<string> log)
    {
        if (exchange.Method == "GET" && exchange.Path == GatewayAdmin.MetricsPath)
        {
            return new GatewayAnswer(200, [new("Content-Type", GatewayAnswer.JsonContentType)], metrics.ToJson());
        }

        if (exchange.Path == GatewayAdmin.FlushPath && flush is not null)
        {
            return await flush.HandleAsync(exchange, log);
        }

        return null;
    }
}
