using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>
/// What the shape of a request does, end to end through the real functions: any character
/// in a user id (the method ARN carries it to the authorizer), a method ARN over API
/// Gateway's 1,600-byte limit (414), and a body whose content type has no mapping
/// template (415: every integration has passthrough NEVER and only an application/json template).
/// </summary>
public sealed class GatewayRequestShapeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string UnsupportedMediaType = """{"message":"Unsupported Media Type"}""";
    private const string UriTooLong = """{"message":"Request-URI Too Long"}""";

    // The method ARN of GET /user/{id} on the test gateway, up to the id.
    private const string GetUserArnPrefix = "arn:aws:execute-api:us-east-1:123456789012:local/prod/GET/user/";

    private GatewayTestHost Host => fixture.Host;

    /// <summary>Ids with every kind of character the authorizer once refused in a method ARN's path (control characters: below).</summary>
    public static TheoryData<string> AwkwardIds => new()
    {
        "a*b", "a?b", "a\"b", "a\\b", "a b", "José", "ｊ＊😀", "*", "?", "a%2Ab", "a\u00a0b",
    };

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task IdWithAnyCharacter_CanBePut_AndReadThroughItsEncodedPath_WithAGetUserStarToken(string id)
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
    public async Task IdWithAControlCharacter_PassesTheAuthorizer_AndIsRefusedByTheUserFunction(string id)
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
    public async Task WildcardSentUnencodedInThePath_ReachesTheUser()
    {
        string writer = await Host.CreateTokenAsync("writer", "PUT /user");
        string reader = await Host.CreateTokenAsync("reader", "GET /user/*");
        using HttpResponseMessage put = await Host.SendAsync(HttpMethod.Put, "/user", writer, """{"id":"raw*star","name":"Raw"}""");

        using HttpResponseMessage get = await Host.SendAsync(HttpMethod.Get, "/user/raw*star", reader);

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task MethodArnOver1600Bytes_Is414_WithoutInvokingTheAuthorizer()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");
        string id = new('a', 1601 - GetUserArnPrefix.Length);
        int authorizerCalls = Host.Server.Authorizer.Invocations;
        int userCalls = Host.Server.User.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/" + id, token);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(UriTooLong, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(authorizerCalls, Host.Server.Authorizer.Invocations);
        Assert.Equal(userCalls, Host.Server.User.Invocations);
    }

    [Fact]
    public async Task MethodArnOfExactly1600Bytes_GoesToTheAuthorizer()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");
        string id = new('a', 1600 - GetUserArnPrefix.Length);
        int authorizerCalls = Host.Server.Authorizer.Invocations;

        using HttpResponseMessage response = await Host.SendAsync(HttpMethod.Get, "/user/" + id, token);

        // Allowed, then refused by the user function's own id limit (128 characters).
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(authorizerCalls + 1, Host.Server.Authorizer.Invocations);
    }

    [Fact]
    public async Task MethodArnLimit_CountsTheDecodedPathsUtf8Bytes_AndAppliesWithoutAToken()
    {
        // Each é is 6 characters on the wire (%C3%A9) and 2 bytes in the method ARN.
        string fits = string.Concat(Enumerable.Repeat("%C3%A9", (1600 - GetUserArnPrefix.Length) / 2));
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");

        using HttpResponseMessage fitting = await Host.SendAsync(HttpMethod.Get, "/user/" + fits, token);
        using HttpResponseMessage over = await Host.SendAsync(HttpMethod.Get, "/user/" + fits + "%C3%A9", null);

        Assert.Equal(HttpStatusCode.BadRequest, fitting.StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, over.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")] // what curl -d sends
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/jsonx")]
    public async Task BodyOfAnotherContentType_Is415_AndReachesNoFunction(string contentType)
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");
        int userCalls = Host.Server.User.Invocations;

        using HttpResponseMessage response = await SendBodyAsync("/user", token, """{"id":"m1","name":"Media"}""", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        Assert.Equal(userCalls, Host.Server.User.Invocations);
    }

    [Fact]
    public async Task InvalidBodyOfAnotherContentType_Is415_Not400()
    {
        // The example of docs/local-gateway.md ("A first session"): curl -d '{"id":"42"}' without a JSON content type.
        string token = await Host.CreateTokenAsync("writer", "PUT /user");

        using HttpResponseMessage response = await SendBodyAsync("/user", token, """{"id":"42"}""", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(UnsupportedMediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetWithAnotherContentType_Is415_Too()
    {
        string token = await Host.CreateTokenAsync("reader", "GET /user/*");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user/m1");
        request.Headers.TryAddWithoutValidation("Authorization", token);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using HttpResponseMessage response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task AnotherContentTypeWithoutAToken_Is401_TheAuthorizerComesFirst()
    {
        using HttpResponseMessage response = await SendBodyAsync("/user", null, """{"id":"m1","name":"Media"}""", "text/plain");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)] // no Content-Type: API Gateway selects the application/json template
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    public async Task JsonBodyWithoutAContentTypeOrWithParameters_IsAccepted(string? contentType)
    {
        string token = await Host.CreateTokenAsync("writer", "PUT /user");

        using HttpResponseMessage response = await SendBodyAsync("/user", token, """{"id":"m2","name":"Media"}""", contentType);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendBodyAsync(string path, string? token, string body, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return Host.Http.SendAsync(request);
    }
}
