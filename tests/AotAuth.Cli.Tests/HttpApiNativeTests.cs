using System.Net;
using System.Text.Json.Nodes;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>The emulated HTTP API in front of the Native AOT bootstraps that deploy.</summary>
public sealed class HttpApiNativeTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(native: true, api: GatewayApi.Http);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NativeFunctions_ServeTheWholeHttpApiFlow()
    {
        string token = await _host.CreateTokenAsync("native", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1","name":"Native"}""");
        using HttpResponseMessage get = await _host.SendAsync(HttpMethod.Get, "/user/n1", token);
        using HttpResponseMessage missing = await _host.SendAsync(HttpMethod.Get, "/user/n2", token);
        using HttpResponseMessage unknown = await _host.SendAsync(HttpMethod.Get, "/user/n1", "UnknownToken123");
        using HttpResponseMessage invalid = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1"}""");
        using HttpResponseMessage anonymous = await _host.SendAsync(HttpMethod.Get, "/user/n1", null);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("native", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["updatedBy"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // One invocation per (token, route) and one for the unknown token; the rest came from the cache.
        Assert.Equal(3, _host.Server.Authorizer.Invocations);
    }
}
