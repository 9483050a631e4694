using AotAuth.LocalHosting;
using Microsoft.AspNetCore.Http;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// The local gateway's own paths, answered before routing in both API flavours: the metrics
/// document and, when <c>serve</c> registered a secret, the cache flush (<see cref="CacheFlushEndpoint"/>).
/// The API definition must not use them.
/// </summary>
internal sealed class AdminPaths
{
    /// <summary>GET: the gateway's metrics as JSON.</summary>
    public const string MetricsPath = "/_aotauth/metrics";

    private readonly GatewayMetrics _metrics;
    private readonly CacheFlushEndpoint? _flush;
    private readonly Action<string> _log;

    /// <param name="options">Its <see cref="GatewayOptions.AdminSecret"/> turns the flush on.</param>
    /// <param name="metrics">What the metrics path answers.</param>
    /// <param name="authorizer">The authorizer's instances, retired by a flush.</param>
    /// <param name="clearResults">Forgets the pipeline's cached authorizer results and says how many there were.</param>
    /// <param name="log">Where a flush is reported.</param>
    public AdminPaths(GatewayOptions options, GatewayMetrics metrics, FunctionPool authorizer, Func<int> clearResults, Action<string> log)
    {
        _metrics = metrics;
        _flush = options.AdminSecret is string secret ? new CacheFlushEndpoint(secret, clearResults, authorizer) : null;
        _log = log;
    }

    /// <summary>Answers <paramref name="path"/> when it is one of these; false for every other request.</summary>
    public async Task<bool> TryHandleAsync(HttpContext http, string method, string path)
    {
        if (method == "GET" && path == MetricsPath)
        {
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(_metrics.ToJson(), http.RequestAborted);
            return true;
        }

        if (path == CacheFlushEndpoint.Path && _flush is not null)
        {
            await _flush.HandleAsync(http, _log);
            return true;
        }

        return false;
    }
}
