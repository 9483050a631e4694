using System.Net;

namespace AotAuth.Cli.Tests;

/// <summary>The authorizer result cache: keyed by token, 300 s, policy evaluated per route.</summary>
public sealed class GatewayCachingTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SecondRequestInsideTheTtl_DoesNotInvokeTheAuthorizer_EvenOnAnotherRoute()
    {
        string token = await _host.CreateTokenAsync("ada", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"c1","name":"Ada"}""");
        using HttpResponseMessage get = await _host.SendAsync(HttpMethod.Get, "/user/c1", token);
        using HttpResponseMessage getOther = await _host.SendAsync(HttpMethod.Get, "/user/c2", token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getOther.StatusCode);
        Assert.Equal(1, _host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task CachedPolicy_IsEvaluatedAgainForEachRoute()
    {
        string token = await _host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage get = await _host.SendAsync(HttpMethod.Get, "/user/x", token);
        using HttpResponseMessage put = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"c1","name":"Ada"}""");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(1, _host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task AfterTheTtl_TheAuthorizerIsAskedAgain()
    {
        string token = await _host.CreateTokenAsync("ada", "GET /user/*");
        await _host.SendAsync(HttpMethod.Get, "/user/x", token);

        _host.Clock.Advance(TimeSpan.FromSeconds(299));
        await _host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(1, _host.Server.Authorizer.Invocations);

        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await _host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(2, _host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task RevokedToken_KeepsWorkingUntilTheTtl_ThenGets401()
    {
        string token = await _host.CreateTokenAsync("ada", "GET /user/*");
        using HttpResponseMessage before = await _host.SendAsync(HttpMethod.Get, "/user/x", token);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        Assert.True(await _host.Tokens.DeleteAsync(Core.TokenHash.Compute(token).ToHex(), CancellationToken.None));
        using HttpResponseMessage cached = await _host.SendAsync(HttpMethod.Get, "/user/x", token);
        _host.Clock.Advance(TimeSpan.FromSeconds(301));
        using HttpResponseMessage after = await _host.SendAsync(HttpMethod.Get, "/user/x", token);

        Assert.Equal(HttpStatusCode.NotFound, cached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task UnauthorizedAnswers_AreNotCached()
    {
        await _host.SendAsync(HttpMethod.Get, "/user/x", "NotAToken12345");
        await _host.SendAsync(HttpMethod.Get, "/user/x", "NotAToken12345");

        Assert.Equal(2, _host.Server.Authorizer.Invocations);
    }
}
