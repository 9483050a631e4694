using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>Every row of API Gateway's status table, through the real functions.</summary>
public sealed class GatewayStatusTableTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayTestHost Host => fixture.Host;

    private static async Task AssertAnswer(HttpResponseMessage response, HttpStatusCode status, string body, string? errorType = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
        if (errorType is not null)
        {
            Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("has space")]
    [InlineData("ab")]
    [InlineData("Bearer abcdefgh")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789")]
    public async Task MissingOrInvalidIdentity_Is401_WithoutInvokingTheAuthorizer(string? header)
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", header);

        await AssertAnswer(response, HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""", "UnauthorizedException");
        Assert.Equal(before, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task UnknownToken_Is401_FromTheAuthorizer()
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", "NoSuchToken12345");

        await AssertAnswer(response, HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""");
        Assert.Equal(before + 1, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task TokenWithoutUsableScopes_GetsTheExplicitDeny403()
    {
        string token = await Host.CreateTokenAsync("nobody", "FETCH /x");

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", token);

        await AssertAnswer(response, HttpStatusCode.Forbidden, """{"message":"User is not authorized to access this resource with an explicit deny"}""", "AccessDeniedException");
    }

    [Fact]
    public async Task TokenScopedToPutUser_Gets403OnGetUser_And204OnPut()
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/1", token);
        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"w1","name":"Writer"}""");

        await AssertAnswer(get, HttpStatusCode.Forbidden, """{"message":"User is not authorized to access this resource"}""");
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","name":"y","admin":true}""")]
    [InlineData("""{"id":1,"name":"y"}""")]
    [InlineData("""not json""")]
    [InlineData("")]
    public async Task BodyFailingTheModel_Is400InvalidRequestBody_AndReachesNoFunction(string body)
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");
        int before = Host.Server.User.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Put, "/user", token, body);

        await AssertAnswer(response, HttpStatusCode.BadRequest, """{"message": "Invalid request body"}""");
        Assert.Equal(before, Host.Server.User.Invocations);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/users")]
    [InlineData("DELETE", "/user/1")]
    [InlineData("GET", "/user")]
    [InlineData("PUT", "/user/1")]
    [InlineData("GET", "/user/1/extra")]
    public async Task UnknownRoute_Is403MissingAuthenticationToken(string method, string path)
    {
        using HttpResponseMessage response = await Host.SendAsync(new HttpMethod(method), path, "AnyToken123");

        await AssertAnswer(response, HttpStatusCode.Forbidden, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException");
    }

    [Fact]
    public async Task PutThenGet_RoundTrips_WithThePrincipalFromTheAuthorizer()
    {
        string token = await Host.CreateTokenAsync("ada@example.com", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"u-1","name":"Ada \"the\" Countess ✓"}""");
        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/u-1", token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        JsonNode user = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal("Ada \"the\" Countess ✓", (string?)user["name"]);
        Assert.Equal("ada@example.com", (string?)user["updatedBy"]);
    }

    [Fact]
    public async Task MissingUser_Is404WithAMessage()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/nobody-here", token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no user with that id", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }

    [Fact]
    public async Task OversizedId_IsA400FromTheFunctionsValidation()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/" + new string('a', 129), token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
