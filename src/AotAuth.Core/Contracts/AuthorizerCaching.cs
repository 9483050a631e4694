using AotAuth.Core.Api;

namespace AotAuth.Core.Contracts;

/// <summary>
/// The two caches between a change to a token (revoked, expired) and the answers API Gateway
/// gives: its own authorizer result cache (<see cref="AuthorizerDefinition.ResultTtlSeconds"/> of
/// the API definition) and the decision cache of each warm authorizer instance
/// (<c>CACHE_TTL_SECONDS</c>). The authorizer reads its default from here, the stack deploys it,
/// and <c>aotauth token revoke</c> states the bound they make, so the three cannot disagree.
/// </summary>
public static class AuthorizerCaching
{
    /// <summary>The authorizer's variable for its decision cache TTL in seconds (0 disables it).</summary>
    public const string DecisionCacheTtlVariable = "CACHE_TTL_SECONDS";

    /// <summary>
    /// <see cref="DecisionCacheTtlVariable"/> when unset, and what the stack sets: repeated
    /// DynamoDB reads stay rare, and it adds at most a minute to the revocation bound.
    /// </summary>
    public const int DefaultDecisionCacheTtlSeconds = 60;

    /// <summary>The largest <see cref="DecisionCacheTtlVariable"/> accepted.</summary>
    public const int MaxDecisionCacheTtlSeconds = 3600;

    /// <summary>API Gateway's authorizer result TTL of the deployed API (and of <c>aotauth serve</c>).</summary>
    public static int ResultTtlSeconds => AotAuthApi.Definition.Authorizer.ResultTtlSeconds;

    /// <summary>
    /// The deployed authorizer's Lambda timeout: one DynamoDB call is budgeted
    /// <see cref="StoreBudget"/> and the function stops 100 ms before its deadline; 3 s leaves room
    /// for a cold start and fails fast otherwise. An invocation cannot answer later than this after it began.
    /// </summary>
    public const int AuthorizerTimeoutSeconds = 3;

    /// <summary>
    /// The longest a lookup of a cold instance can take (<see cref="FunctionVariables.DefaultAuthorizerStoreTimeoutMs"/>
    /// plus <see cref="FunctionVariables.DefaultStoreConnectTimeoutMs"/> while no connection is open):
    /// a decision cache entry's TTL starts when its GetItem returns, up to this long after DynamoDB read the item.
    /// </summary>
    public static TimeSpan StoreBudget =>
        TimeSpan.FromMilliseconds(FunctionVariables.DefaultAuthorizerStoreTimeoutMs + FunctionVariables.DefaultStoreConnectTimeoutMs);

    /// <summary>
    /// How long after a token's item is deleted an authorizer instance can still hand API Gateway an
    /// Allow for it: an entry read just before the delete is created up to <see cref="StoreBudget"/>
    /// later, served for the decision cache TTL, and the invocation serving it last answers up to
    /// <see cref="AuthorizerTimeoutSeconds"/> after that. A flush of API Gateway's cache after this
    /// leaves no cache that can allow the token.
    /// </summary>
    /// <param name="decisionCacheTtlSeconds">The authorizer's decision cache TTL (<c>CACHE_TTL_SECONDS</c>).</param>
    /// <param name="timeoutSeconds">The authorizer's Lambda timeout.</param>
    public static TimeSpan AllowsFromInstancesEndAfter(int decisionCacheTtlSeconds, int timeoutSeconds = AuthorizerTimeoutSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decisionCacheTtlSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutSeconds);
        return TimeSpan.FromSeconds(decisionCacheTtlSeconds + timeoutSeconds) + StoreBudget;
    }

    /// <summary>
    /// How long a revoked token can keep working when nothing is flushed after the last Allow an
    /// instance can hand out (<see cref="AllowsFromInstancesEndAfter"/>): API Gateway caches that
    /// Allow for <see cref="ResultTtlSeconds"/>. In whole seconds, rounded up.
    /// </summary>
    public static int RevocationBoundSeconds => RevocationBound(DefaultDecisionCacheTtlSeconds);

    /// <summary>The revocation bound with another decision cache TTL (an authorizer run with <c>CACHE_TTL_SECONDS</c> set).</summary>
    /// <param name="decisionCacheTtlSeconds">The authorizer's decision cache TTL.</param>
    /// <param name="timeoutSeconds">The authorizer's Lambda timeout.</param>
    public static int RevocationBound(int decisionCacheTtlSeconds, int timeoutSeconds = AuthorizerTimeoutSeconds) =>
        (int)Math.Ceiling((AllowsFromInstancesEndAfter(decisionCacheTtlSeconds, timeoutSeconds) + TimeSpan.FromSeconds(ResultTtlSeconds)).TotalSeconds);
}
