using AotAuth.Core.Contracts;

namespace AotAuth.Core.Tests;

/// <summary>
/// The revocation bound follows its parts: each cache or budget that can hold an Allow moves it by
/// its own length, and the result is rounded up, never down, so the stated bound is never short.
/// </summary>
public sealed class AuthorizerCachingTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(60, 300)]
    [InlineData(0, AuthorizerCaching.MaxDecisionCacheTtlSeconds)]
    public void ALongerDecisionCacheTtl_ExtendsTheBoundByTheSameSeconds(int ttl, int longer)
    {
        Assert.Equal(TimeSpan.FromSeconds(longer - ttl), AuthorizerCaching.AllowsFromInstancesEndAfter(longer) - AuthorizerCaching.AllowsFromInstancesEndAfter(ttl));
        Assert.Equal(longer - ttl, AuthorizerCaching.RevocationBound(longer) - AuthorizerCaching.RevocationBound(ttl));
    }

    [Fact]
    public void ALongerAuthorizerTimeout_ExtendsTheBoundByTheSameSeconds()
    {
        int ttl = AuthorizerCaching.DefaultDecisionCacheTtlSeconds;
        int timeout = AuthorizerCaching.AuthorizerTimeoutSeconds;

        Assert.Equal(7, AuthorizerCaching.RevocationBound(ttl, timeout + 7) - AuthorizerCaching.RevocationBound(ttl, timeout));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void TheBound_OutlastsEveryPartTogether_ByLessThanTheRoundingToWholeSeconds(int ttl)
    {
        // Store budget (a cold lookup's request and connect budgets) + TTL + timeout + API Gateway's cache.
        double parts = AuthorizerCaching.StoreBudget.TotalSeconds + ttl + AuthorizerCaching.AuthorizerTimeoutSeconds + AuthorizerCaching.ResultTtlSeconds;

        int bound = AuthorizerCaching.RevocationBound(ttl);

        Assert.InRange(bound - parts, 0, 0.999);
    }

    [Fact]
    public void ANegativeTtlOrANonPositiveTimeout_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AuthorizerCaching.RevocationBound(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuthorizerCaching.RevocationBound(60, timeoutSeconds: 0));
    }
}
