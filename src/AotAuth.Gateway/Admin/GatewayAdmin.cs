namespace AotAuth.Gateway;

/// <summary>The local gateway's own paths (<see cref="AdminPaths"/>), as the CLI names them to users and to a running serve.</summary>
public static class GatewayAdmin
{
    /// <summary>GET: the gateway's metrics as JSON.</summary>
    public const string MetricsPath = "/_aotauth/metrics";

    /// <summary>POST with the secret: the cache flush (<see cref="CacheFlushEndpoint"/>).</summary>
    public const string FlushPath = "/_aotauth/admin/flush-caches";
}
