using AotAuth.Authorizer;
using AotAuth.Core;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.Benchmarks;

/// <summary>Builds the production authorizer for the benchmarks.</summary>
internal static class BenchAuthorizer
{
    /// <summary>
    /// The real handler over an in-memory token store holding the benchmark token, logging to
    /// <paramref name="log"/>, with its EMF metrics written to <see cref="Stream.Null"/>
    /// (formatted, then dropped).
    /// </summary>
    public static AuthorizerHandler Create(RuntimeLog log, out DecisionCache cache, HttpResponseMode httpResponse = HttpResponseMode.Simple)
    {
        var record = new TokenRecord(TokenHash.Compute(BenchmarkInputs.Token).ToHex(), BenchmarkInputs.PrincipalId, [BenchmarkInputs.Scope], null);
        cache = new DecisionCache(TimeProvider.System, TimeSpan.FromHours(1), 1000);
        var metrics = new EmbeddedMetrics("AotAuth", log, "bench", Stream.Null);
        return new AuthorizerHandler(new InMemoryTokenStore(record), cache, TimeProvider.System, TimeSpan.FromSeconds(1), log, metrics, httpResponse);
    }
}
