using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>The same gateway in front of the Native AOT bootstraps that deploy.</summary>
public sealed class GatewayNativeTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(native: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NativeFunctions_ServeTheWholeFlow()
    {
        string token = await _host.CreateTokenAsync("native", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1","name":"Native"}""");
        using HttpResponseMessage get = await _host.SendAsync(HttpMethod.Get, "/user/n1", token);
        using HttpResponseMessage unknown = await _host.SendAsync(HttpMethod.Get, "/user/n1", "UnknownToken123");
        using HttpResponseMessage invalid = await _host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1"}""");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("native", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["updatedBy"]);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(2, _host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task NativeAuthorizer_AllowsIdsWithWildcardsQuotesSpacesAndNonAscii()
    {
        string writer = await _host.CreateTokenAsync("native", "PUT /user");
        foreach (string id in new[] { "a*b", "a?b", "a\"b", "a\\b", "a b", "José", "＊😀" })
        {
            // A fresh token each time, so the authorizer (not the gateway's cache) sees this id's method ARN.
            string reader = await _host.CreateTokenAsync("native", "GET /user/*");
            using HttpResponseMessage put = await _host.SendAsync(HttpMethod.Put, "/user", writer, new JsonObject { ["id"] = id, ["name"] = "n" }.ToJsonString());
            using HttpResponseMessage get = await _host.SendAsync(HttpMethod.Get, "/user/" + Uri.EscapeDataString(id), reader);

            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"{id}: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
        }
    }
}
