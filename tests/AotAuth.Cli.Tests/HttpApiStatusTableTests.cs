using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>Every row of the HTTP API status table (docs/local-gateway.md, "HTTP API"), through the real functions, simple authorizer responses.</summary>
public sealed class HttpApiStatusTableTests(HttpApiFixture fixture) : IClassFixture<HttpApiFixture>
{
    private GatewayTestHost Host => fixture.Host;

    internal static async Task AssertAnswer(HttpResponseMessage response, HttpStatusCode status, string? body)
    {
        Assert.Equal(status, response.StatusCode);
        if (body is not null)
        {
            Assert.Equal(body, await response.Content.ReadAsStringAsync());
        }

        Assert.True(Guid.TryParse(response.Headers.GetValues("apigw-requestid").Single(), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task MissingAuthorization_Is401_WithoutInvokingTheAuthorizer(string? header)
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", header);

        await AssertAnswer(response, HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""");
        Assert.Equal(before, Host.Server.Authorizer.Invocations);
    }

    [Theory]
    [InlineData("NoSuchToken12345")]
    [InlineData("has space")]
    [InlineData("Bearer abcdefgh")]
    [InlineData("ab")]
    public async Task UnknownOrMalformedToken_Is403_FromTheAuthorizersIsAuthorizedFalse(string token)
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", token);

        await AssertAnswer(response, HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");
        Assert.Equal(before + 1, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task TokenScopedToPutUser_Gets403OnGetUser_And204OnPut()
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/1", token);
        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"w1","name":"Writer"}""");

        await AssertAnswer(get, HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");
        await AssertAnswer(put, HttpStatusCode.NoContent, string.Empty);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/user/1")]
    [InlineData("GET", "/user")]
    [InlineData("GET", "/user/1/extra")]
    public async Task UnknownRoute_Is404NotFound_WithoutInvokingTheAuthorizer(string method, string path)
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(new HttpMethod(method), path, "AnyToken123");

        await AssertAnswer(response, HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        Assert.Equal(before, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task PutThenGet_RoundTrips_WithThePrincipalFromTheAuthorizersContext()
    {
        string token = await Host.CreateTokenAsync("ada@example.com", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"u-1","name":"Ada \"the\" Countess ✓"}""");
        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/u-1", token);

        await AssertAnswer(put, HttpStatusCode.NoContent, string.Empty);
        await AssertAnswer(get, HttpStatusCode.OK, null);
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        JsonNode user = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal("Ada \"the\" Countess ✓", (string?)user["name"]);
        Assert.Equal("ada@example.com", (string?)user["updatedBy"]);
    }

    [Fact]
    public async Task MissingUser_Is404WithTheFunctionsMessage()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/nobody-here", token);

        await AssertAnswer(response, HttpStatusCode.NotFound, """{"message":"no user with that id"}""");
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"id":"x","name":"y","admin":true}""")]
    [InlineData("""{"id":1,"name":"y"}""")]
    [InlineData("""not json""")]
    public async Task BadBody_Is400FromTheFunctionsOwnValidation(string body)
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");
        int before = Host.Server.User.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Put, "/user", token, body);

        await AssertAnswer(response, HttpStatusCode.BadRequest, null);
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]));
        Assert.Equal(before + 1, Host.Server.User.Invocations);
    }

    [Fact]
    public async Task Answer_IsCachedByTheIdentitySourceForTheTtl_PerRoute()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*", "PUT /user");
        int before = Host.Server.Authorizer.Invocations;

        (await Host.SendAsync(HttpMethod.Get, "/user/a", token)).Dispose();
        (await Host.SendAsync(HttpMethod.Get, "/user/b", token)).Dispose();
        Assert.Equal(before + 1, Host.Server.Authorizer.Invocations);

        // $context.routeKey is part of the identity source: another route is another entry.
        (await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"c1","name":"C"}""")).Dispose();
        Assert.Equal(before + 2, Host.Server.Authorizer.Invocations);

        Host.Clock.Advance(TimeSpan.FromSeconds(301));
        (await Host.SendAsync(HttpMethod.Get, "/user/a", token)).Dispose();
        Assert.Equal(before + 3, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task NotAuthorized_IsCachedToo()
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage first = await Host.SendAsync(HttpMethod.Get, "/user/1", "CachedRefusal123");
        using HttpResponseMessage second = await Host.SendAsync(HttpMethod.Get, "/user/2", "CachedRefusal123");

        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(before + 1, Host.Server.Authorizer.Invocations);
    }
}

/// <summary>The HTTP API with IAM-policy authorizer responses: the policy covers every scope and is evaluated per request.</summary>
public sealed class HttpApiIamStatusTableTests(HttpApiIamFixture fixture) : IClassFixture<HttpApiIamFixture>
{
    private GatewayTestHost Host => fixture.Host;

    [Fact]
    public async Task TokenScopedToGetUser_Gets200OnGet_403OnPut_FromOneInvocation()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/nobody", token);
        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"p1","name":"P"}""");

        await HttpApiStatusTableTests.AssertAnswer(get, HttpStatusCode.NotFound, """{"message":"no user with that id"}""");
        await HttpApiStatusTableTests.AssertAnswer(put, HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");
        Assert.Equal(before + 1, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task UnknownToken_Is403_FromTheExplicitDeny()
    {
        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", "NoSuchToken12345");

        await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");
    }

    [Fact]
    public async Task PutThenGet_RoundTrips()
    {
        string token = await Host.CreateTokenAsync("iam-user", "PUT /user", "GET /user/*");

        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"i1","name":"Iam"}""");
        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/i1", token);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("iam-user", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["updatedBy"]);
    }

    [Fact]
    public async Task MissingAuthorization_Is401_WithoutInvokingTheAuthorizer()
    {
        int before = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/1", null);

        await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""");
        Assert.Equal(before, Host.Server.Authorizer.Invocations);
    }
}
