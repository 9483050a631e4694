using AotAuth.Core.Contracts;
using AotAuth.Storage;

namespace AotAuth.Authorizer;

/// <summary>The authorizer's configuration, read once from the environment at init.</summary>
internal sealed record AuthorizerSettings(TimeSpan CacheTtl, int CacheMaxEntries, HttpResponseMode HttpResponse, StoreSettings Store)
{
    /// <summary>
    /// Reads <c>CACHE_TTL_SECONDS</c> (<see cref="AuthorizerCaching"/>), <c>CACHE_MAX_ENTRIES</c>,
    /// <c>AUTHORIZER_RESPONSE</c> and the store settings.
    /// </summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    public static AuthorizerSettings FromEnvironment(Func<string, string?> environment) => new(
        TimeSpan.FromSeconds(EnvironmentSettings.WholeNumber(environment,
            AuthorizerCaching.DecisionCacheTtlVariable, AuthorizerCaching.DefaultDecisionCacheTtlSeconds, min: 0, max: AuthorizerCaching.MaxDecisionCacheTtlSeconds)),
        EnvironmentSettings.WholeNumber(environment, FunctionVariables.CacheMaxEntries, FunctionVariables.DefaultCacheMaxEntries, min: 1, max: 1_000_000),
        ParseHttpResponse(EnvironmentSettings.Text(environment, FunctionVariables.AuthorizerResponse, FunctionVariables.SimpleAuthorizerResponse)),
        StoreSettings.FromEnvironment(environment, FunctionVariables.DefaultAuthorizerStoreTimeoutMs));

    /// <summary><c>simple</c> or <c>iam</c> (any case); anything else is an init error naming the variable.</summary>
    internal static HttpResponseMode ParseHttpResponse(string value) =>
        value.Equals(FunctionVariables.SimpleAuthorizerResponse, StringComparison.OrdinalIgnoreCase) ? HttpResponseMode.Simple
        : value.Equals(FunctionVariables.IamAuthorizerResponse, StringComparison.OrdinalIgnoreCase) ? HttpResponseMode.Iam
        : throw new InvalidOperationException(
            $"{FunctionVariables.AuthorizerResponse} must be {FunctionVariables.SimpleAuthorizerResponse} or {FunctionVariables.IamAuthorizerResponse}; it is '{value}'.");
}
