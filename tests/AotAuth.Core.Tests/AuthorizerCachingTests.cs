using AotAuth.Core.Api;
using AotAuth.Core.Contracts;

namespace AotAuth.Core.Tests;

public sealed class AuthorizerCachingTests
{
    [Theory]
    [InlineData(0, 5.5)]
    [InlineData(60, 65.5)]
    public void InstanceAllows_EndAfterTheDecisionCacheTtl_PlusTheStoreBudget_PlusTheAuthorizerTimeout(int ttl, double seconds)
    {
        // An entry read just before the delete is created up to 1.5 + 1 s later (request and
        // connect budget), served for the TTL, and its last invocation answers up to 3 s later.
        Assert.Equal(TimeSpan.FromSeconds(seconds), AuthorizerCaching.AllowsFromInstancesEndAfter(ttl));
    }

    [Fact]
    public void RevocationBound_AddsTheApisResultTtl_RoundedUpToWholeSeconds()
    {
        int resultTtl = AotAuthApi.Definition.Authorizer.ResultTtlSeconds;

        Assert.Equal(resultTtl + 66, AuthorizerCaching.RevocationBoundSeconds);
        Assert.Equal(resultTtl + 6, AuthorizerCaching.RevocationBound(0));
        Assert.Equal(resultTtl + 11, AuthorizerCaching.RevocationBound(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => AuthorizerCaching.RevocationBound(-1));
    }
}
