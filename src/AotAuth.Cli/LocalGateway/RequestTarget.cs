using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// The request target as the client sent it, split at the first <c>?</c>: API Gateway routes
/// and builds ARNs on the raw path, not on Kestrel's decoded and normalised one.
/// </summary>
internal static class RequestTarget
{
    /// <summary>The raw path and the raw query (empty when there is none).</summary>
    public static (string Path, string Query) Of(HttpContext http)
    {
        string target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        int query = target.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? (target, string.Empty) : (target[..query], target[(query + 1)..]);
    }
}
