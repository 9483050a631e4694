using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>
/// What the shape of a request does, end to end through the real functions: any character
/// in a user id (the method ARN carries it to the authorizer).
/// </summary>
public sealed class GatewayRequestShapeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayTestHost Host => fixture.Host;

    /// <summary>Ids with every kind of character the authorizer once refused in a method ARN's path (control characters: below).</summary>
    public static TheoryData<string> AwkwardIds => new()
    {
        "a*b", "a?b", "a\"b", "a\\b", "a b", "José", "ｊ＊😀", "*", "?", "a%2Ab", "a\u00a0b",
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task AnIdWithAnyCharacter_CanBePut_AndReadThroughItsEncodedPath_WithAGetUserStarToken(string id)
    {
        string writer = await Host.CreateTokenAsync("writer", "PUT /user");
        // A fresh token per case: the gateway caches policies by token, so this GET is
        // the one that takes the id's characters to the authorizer in the method ARN.
        string reader = await Host.CreateTokenAsync("reader", "GET /user/*");
        string body = new JsonObject { ["id"] = id, ["name"] = "Awkward" }.ToJsonString();
        int authorizerCalls = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", writer, body);
        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/" + Uri.EscapeDataString(id), reader);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        string answer = await get.Content.ReadAsStringAsync();
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"{(int)get.StatusCode} {answer}");
        Assert.Equal(id, (string?)JsonNode.Parse(answer)!["id"]);
        Assert.Equal(authorizerCalls + 2, Host.Server.Authorizer.Invocations);
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("a\u001fb")]
    [InlineData("a\u007fb")]
    public async Task AnIdWithAControlCharacter_PassesTheAuthorizer_AndIsRefusedByTheUserFunction(string id)
    {
        // The user function refuses control characters in ids (so no such user can exist);
        // the point is that the method ARN carrying one is allowed, not a 500 from the authorizer.
        // (%00 is left out: Kestrel itself refuses it in a path with an empty 400.)
        string reader = await Host.CreateTokenAsync("reader", "GET /user/*");
        int userCalls = Host.Server.User.Invocations;

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/" + Uri.EscapeDataString(id), reader);

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("'id' must not contain control characters", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["message"]);
        Assert.Equal(userCalls + 1, Host.Server.User.Invocations);
    }

    [Fact]
    public async Task AWildcardSentUnencodedInThePath_ReachesTheUser()
    {
        string writer = await Host.CreateTokenAsync("writer", "PUT /user");
        string reader = await Host.CreateTokenAsync("reader", "GET /user/*");
        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", writer, """{"id":"raw*star","name":"Raw"}""");

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/raw*star", reader);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
