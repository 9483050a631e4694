using System.Net;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>The authorizer result cache: keyed by token (on an HTTP API, by token and route), 300 s, the answer evaluated per route.</summary>
public sealed class GatewayCachingTests
{
    [Fact]
    public async Task SecondRequestInsideTheTtl_DoesNotInvokeTheAuthorizer_EvenOnAnotherRoute()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync();
        string token = await host.CreateTokenAsync("ada", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"c1","name":"Ada"}""");
        using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/c1", token);
        using HttpResponseMessage getOther = await host.SendAsync(HttpMethod.Get, "/user/c2", token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getOther.StatusCode);
        Assert.Equal(1, host.Server.Authorizer.Invocations);
    }

    [Theory]
    // REST: one policy per token, evaluated again against each request's method ARN.
    [InlineData("rest", """{"message":"User is not authorized to access this resource"}""", "x-amzn-RequestId", 1)]
    // HTTP API: answers are cached per token and route, so the authorizer is asked again for PUT.
    [InlineData("http", """{"message":"Forbidden"}""", "apigw-requestid", 2)]
    public async Task CachedAnswer_NeverLetsARouteOutsideTheScopesThrough(string api, string forbidden, string requestIdHeader, int authorizerInvocations)
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(api: api == "http" ? GatewayApi.Http : GatewayApi.Rest);
        // The pitfall a token-only cache key would have: GET allowed, then PUT answered from that entry.
        string token = await host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/x", token);
        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"c1","name":"Ada"}""");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(forbidden, await put.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(put.Headers.GetValues(requestIdHeader).Single(), out _));
        Assert.Equal(authorizerInvocations, host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task AfterTheTtl_TheAuthorizerIsAskedAgain()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync();
        string token = await host.CreateTokenAsync("ada", "GET /user/*");
        await host.SendAsync(HttpMethod.Get, "/user/x", token);

        host.Clock.Advance(TimeSpan.FromSeconds(299));
        await host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(1, host.Server.Authorizer.Invocations);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(2, host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task RevokedToken_KeepsWorkingUntilTheTtl_ThenGets401()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync();
        string token = await host.CreateTokenAsync("ada", "GET /user/*");
        using HttpResponseMessage before = await host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        Assert.True(await host.Tokens.DeleteAsync(Core.TokenHash.Compute(token).ToHex(), CancellationToken.None));
        using HttpResponseMessage cached = await host.SendAsync(HttpMethod.Get, "/user/x", token);
        host.Clock.Advance(TimeSpan.FromSeconds(301));
        using HttpResponseMessage after = await host.SendAsync(HttpMethod.Get, "/user/x", token);

        Assert.Equal(HttpStatusCode.NotFound, cached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task UnauthorizedAnswers_AreNotCached()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync();
        await host.SendAsync(HttpMethod.Get, "/user/x", "NotAToken12345");
        await host.SendAsync(HttpMethod.Get, "/user/x", "NotAToken12345");

        Assert.Equal(2, host.Server.Authorizer.Invocations);
    }
}
