using AotAuth.Core.Api;
using AotAuth.Core.Contracts;

namespace AotAuth.Core.Tests;

public sealed class AuthorizerCachingTests
{
    [Fact]
    public void RevocationBound_IsTheApisResultTtlPlusTheDecisionCacheTtl()
    {
        int resultTtl = AotAuthApi.Definition.Authorizer.ResultTtlSeconds;

        Assert.Equal(resultTtl, AuthorizerCaching.ResultTtlSeconds);
        Assert.Equal(resultTtl + AuthorizerCaching.DefaultDecisionCacheTtlSeconds, AuthorizerCaching.RevocationBoundSeconds);
        Assert.Equal(resultTtl, AuthorizerCaching.RevocationBound(0));
        Assert.Equal(resultTtl + 5, AuthorizerCaching.RevocationBound(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuthorizerCaching.RevocationBound(-1));
    }

    [Fact]
    public void ExpiryBound_IsTheResultTtlAlone_BecauseTheDecisionCacheNeverOutlivesExpiresAt()
    {
        Assert.Equal(AotAuthApi.Definition.Authorizer.ResultTtlSeconds, AuthorizerCaching.ExpiryBoundSeconds);
    }
}
