using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Gateway;

/// <summary>
/// <c>POST /_aotauth/admin/flush-caches</c> on the loopback gateway: what API Gateway's
/// FlushStageAuthorizersCache does on AWS, plus what AWS cannot do: it forgets the gateway's
/// authorizer result cache and retires the authorizers' instances, whose decision caches go
/// with them. <c>aotauth token revoke</c> calls it, so a revocation takes effect on the next
/// request. The caller proves it can read the data folder: it sends the secret from the
/// serve file there (the CLI's <c>ServeAdminFile</c>, mode 0600).
/// </summary>
/// <param name="secret">The secret a caller must send.</param>
/// <param name="flavour">Whose authorizer instances are retired and whose cached results are forgotten.</param>
internal sealed class CacheFlushEndpoint(string secret, IApiFlavour flavour)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes("Bearer " + secret);

    public async Task<GatewayAnswer> HandleAsync(GatewayExchange exchange, Action<string> log)
    {
        if (exchange.Method != "POST")
        {
            return GatewayAnswer.Empty(405);
        }

        byte[] given = Encoding.UTF8.GetBytes(exchange.JoinedHeaders().GetValueOrDefault("Authorization") ?? string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(given, _secret))
        {
            return GatewayAnswer.Empty(403);
        }

        // Instances first: a request that takes an idle instance after this starts a fresh one.
        // Then the results, which starts a new cache generation: an answer begun before it (a busy
        // instance answering from its decision cache) is returned to its own request but never cached.
        int retired = 0;
        foreach (IFunctionInvoker authorizer in flavour.Authorizers)
        {
            retired += await authorizer.RetireAllAsync();
        }

        int cached = flavour.ClearResults();
        log($"caches flushed: {cached} authorizer result(s) forgotten, {retired} authorizer instance(s) retired with their decision caches");
        return GatewayAnswer.Json(200, string.Create(CultureInfo.InvariantCulture, $$"""{"authorizerResults":{{cached}},"authorizerInstances":{{retired}}}"""));
    }
}
