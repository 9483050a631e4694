using System.Net;
using System.Text.Json.Nodes;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>The same gateway, as a REST API and as an HTTP API, in front of the Native AOT bootstraps that deploy.</summary>
public sealed class GatewayNativeTests
{
    [Theory]
    // REST: an unknown token's Deny is 401, and one cached policy covers both routes.
    [InlineData("rest", HttpStatusCode.Unauthorized, 2)]
    // HTTP API: a simple "not authorized" is 403, and answers are cached per (token, route).
    [InlineData("http", HttpStatusCode.Forbidden, 3)]
    public async Task NativeFunctions_ServeTheWholeFlow(string api, HttpStatusCode unknownToken, int authorizerInvocations)
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(native: true, api: api == "http" ? GatewayApi.Http : GatewayApi.Rest);
        string token = await host.CreateTokenAsync("native", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1","name":"Native"}""");
        using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/n1", token);
        using HttpResponseMessage missing = await host.SendAsync(HttpMethod.Get, "/user/n2", token);
        using HttpResponseMessage unknown = await host.SendAsync(HttpMethod.Get, "/user/n1", "UnknownToken123");
        using HttpResponseMessage invalid = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"n1"}""");
        using HttpResponseMessage anonymous = await host.SendAsync(HttpMethod.Get, "/user/n1", null);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("native", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["updatedBy"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(unknownToken, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        // One invocation per cache key and one for the unknown token; the rest came from the cache.
        Assert.Equal(authorizerInvocations, host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task NativeAuthorizer_AllowsIdsWithWildcardsQuotesSpacesAndNonAscii()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(native: true);
        string writer = await host.CreateTokenAsync("native", "PUT /user");
        foreach (string id in new[] { "a*b", "a?b", "a\"b", "a\\b", "a b", "José", "＊😀" })
        {
            // A fresh token each time, so the authorizer (not the gateway's cache) sees this id's method ARN.
            string reader = await host.CreateTokenAsync("native", "GET /user/*");
            using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", writer, new JsonObject { ["id"] = id, ["name"] = "n" }.ToJsonString());
            using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/" + Uri.EscapeDataString(id), reader);

            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"{id}: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
        }
    }
}
