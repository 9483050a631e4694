using AotAuth.Core;

namespace AotAuth.Authorizer;

/// <summary>The authorizer's configuration, read once from the environment at init.</summary>
internal sealed record AuthorizerSettings(TimeSpan CacheTtl, int CacheMaxEntries, TimeSpan StoreTimeout)
{
    /// <summary>Reads <c>CACHE_TTL_SECONDS</c>, <c>CACHE_MAX_ENTRIES</c> and <c>DYNAMODB_TIMEOUT_MS</c>.</summary>
    public static AuthorizerSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(EnvironmentSettings.WholeNumber("CACHE_TTL_SECONDS", 60, min: 0, max: 3600)),
        EnvironmentSettings.WholeNumber("CACHE_MAX_ENTRIES", 10_000, min: 1, max: 1_000_000),
        // Well inside API Gateway's 10 s wait for an authorizer and the function's own
        // timeout, so a slow DynamoDB becomes a clean 500, not a gateway timeout.
        TimeSpan.FromMilliseconds(EnvironmentSettings.WholeNumber("DYNAMODB_TIMEOUT_MS", 1500, min: 50, max: 30_000)));
}
