using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AotAuth.LocalHosting;
using Microsoft.AspNetCore.Http;

namespace AotAuth.Cli.LocalGateway;

/// <summary>
/// <c>POST /_aotauth/admin/flush-caches</c> on the loopback gateway: what API Gateway's
/// FlushStageAuthorizersCache does on AWS, plus what AWS cannot do: it forgets the gateway's
/// authorizer result cache and retires the authorizer's instances, whose decision caches go
/// with them. <c>aotauth token revoke</c> calls it, so a revocation takes effect on the next
/// request. The caller proves it can read the data folder: it sends the secret from the
/// serve file there (<see cref="ServeAdminFile"/>, mode 0600).
/// </summary>
/// <param name="secret">The secret a caller must send.</param>
/// <param name="clearResults">Forgets the gateway's cached authorizer results (REST or HTTP API), starting a new cache generation, and says how many there were.</param>
/// <param name="authorizer">The authorizer's instances, retired with their decision caches.</param>
internal sealed class CacheFlushEndpoint(string secret, Func<int> clearResults, FunctionPool authorizer)
{
    /// <summary>Answered before routing, like the metrics path; the API definition must not use it.</summary>
    public const string Path = "/_aotauth/admin/flush-caches";

    private readonly byte[] _secret = Encoding.UTF8.GetBytes("Bearer " + secret);

    public async Task HandleAsync(HttpContext http, Action<string> log)
    {
        if (http.Request.Method != "POST")
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        byte[] given = Encoding.UTF8.GetBytes(http.Request.Headers.Authorization.ToString());
        if (!CryptographicOperations.FixedTimeEquals(given, _secret))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // Instances first: a request that takes an idle instance after this starts a fresh one.
        // Then the results, which starts a new cache generation: an answer begun before it (a busy
        // instance answering from its decision cache) is returned to its own request but never cached.
        int retired = await authorizer.RetireAllAsync();
        int cached = clearResults();
        log($"caches flushed: {cached} authorizer result(s) forgotten, {retired} authorizer instance(s) retired with their decision caches");
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $$"""{"authorizerResults":{{cached}},"authorizerInstances":{{retired}}}"""),
            http.RequestAborted);
    }
}
