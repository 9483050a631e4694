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
    /// How long a revoked token can keep working, as deployed: an instance may have cached an Allow
    /// just before the revocation and hand it to API Gateway just before that entry expires, which
    /// then caches it for its own TTL. <see cref="ResultTtlSeconds"/> + <see cref="DefaultDecisionCacheTtlSeconds"/>.
    /// </summary>
    public static int RevocationBoundSeconds => RevocationBound(DefaultDecisionCacheTtlSeconds);

    /// <summary>
    /// How long a token can keep working past its <c>expiresAt</c>: the decision cache never keeps
    /// a decision past it and the authorizer checks it on every decision, but API Gateway's result
    /// cache does not know it. <see cref="ResultTtlSeconds"/>.
    /// </summary>
    public static int ExpiryBoundSeconds => ResultTtlSeconds;

    /// <summary>The revocation bound with another decision cache TTL (an authorizer run with <c>CACHE_TTL_SECONDS</c> set).</summary>
    /// <param name="decisionCacheTtlSeconds">The authorizer's decision cache TTL.</param>
    public static int RevocationBound(int decisionCacheTtlSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decisionCacheTtlSeconds);
        return ResultTtlSeconds + decisionCacheTtlSeconds;
    }
}
