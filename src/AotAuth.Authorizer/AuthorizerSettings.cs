using AotAuth.Core.Contracts;
using AotAuth.Storage;

namespace AotAuth.Authorizer;

/// <summary>The authorizer's configuration, read once from the environment at init.</summary>
internal sealed record AuthorizerSettings(TimeSpan CacheTtl, int CacheMaxEntries, StoreSettings Store)
{
    /// <summary>Reads <c>CACHE_TTL_SECONDS</c> (<see cref="AuthorizerCaching"/>), <c>CACHE_MAX_ENTRIES</c> and the store settings.</summary>
    public static AuthorizerSettings FromEnvironment() => new(
        TimeSpan.FromSeconds(EnvironmentSettings.WholeNumber(
            AuthorizerCaching.DecisionCacheTtlVariable, AuthorizerCaching.DefaultDecisionCacheTtlSeconds, min: 0, max: AuthorizerCaching.MaxDecisionCacheTtlSeconds)),
        EnvironmentSettings.WholeNumber(FunctionVariables.CacheMaxEntries, FunctionVariables.DefaultCacheMaxEntries, min: 1, max: 1_000_000),
        StoreSettings.FromEnvironment(FunctionVariables.DefaultAuthorizerStoreTimeoutMs));
}
