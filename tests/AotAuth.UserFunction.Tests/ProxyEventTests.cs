using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.UserFunction.Tests;

/// <summary>The user function behind an HTTP API: payload 2.0 proxy events in, proxy responses out.</summary>
public sealed class ProxyEventTests : IDisposable
{
    private readonly UserHandlerRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private static JsonObject Event(string routeKey, string? principal = "alice") => new()
    {
        ["version"] = "2.0",
        ["routeKey"] = routeKey,
        ["rawPath"] = "/user",
        ["rawQueryString"] = "",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["requestContext"] = new JsonObject
        {
            ["accountId"] = "123456789012",
            ["authorizer"] = principal is null ? null : new JsonObject { ["lambda"] = new JsonObject { ["principalId"] = principal, ["scopes"] = "PUT /user" } },
            ["http"] = new JsonObject { ["method"] = routeKey.Split(' ')[0], ["path"] = "/user" },
            ["routeKey"] = routeKey,
            ["stage"] = "$default",
        },
        ["isBase64Encoded"] = false,
    };

    private static string Put(string? body, string? principal = "alice", bool base64 = false)
    {
        JsonObject e = Event("PUT /user", principal);
        e["body"] = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;
        e["isBase64Encoded"] = base64;
        return e.ToJsonString();
    }

    private static string Get(string id, string? principal = "alice")
    {
        JsonObject e = Event("GET /user/{id}", principal);
        e["pathParameters"] = new JsonObject { ["id"] = id };
        return e.ToJsonString();
    }

    private async Task<JsonNode> Invoke(string json)
    {
        InvocationResult result = await _rig.InvokeAsync(json);
        Assert.True(result.IsSuccess, "a proxy answer is a successful invocation: " + result.ErrorMessage);
        return JsonNode.Parse(_rig.Output.WrittenSpan)!;
    }

    private static JsonNode? Body(JsonNode response) => JsonNode.Parse((string)response["body"]!);

    [Fact]
    public async Task ProxyPut_StoresTheUserAsTheAuthorizersPrincipal_AndAnswers204()
    {
        JsonNode response = await Invoke(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.Equal(204, (int)response["statusCode"]!);
        Assert.Null(response["body"]);
        Assert.Equal(("u1", "Ada", "alice"), (_rig.Store.Users["u1"].Id, _rig.Store.Users["u1"].Name, _rig.Store.Users["u1"].UpdatedBy));
    }

    [Fact]
    public async Task ProxyPut_ReadsABase64Body()
    {
        JsonNode response = await Invoke(Put("""{"id":"u1","name":"Ada"}""", base64: true));

        Assert.Equal(204, (int)response["statusCode"]!);
        Assert.Equal("Ada", _rig.Store.Users["u1"].Name);
    }

    [Fact]
    public async Task ProxyGet_Answers200WithTheUserAsJson()
    {
        _rig.Store.Users["u2"] = new User("u2", "Grace \"G\" Hopper", "bob", "2026-01-01T00:00:00.000Z");

        JsonNode response = await Invoke(Get("u2"));

        Assert.Equal(200, (int)response["statusCode"]!);
        Assert.Equal("application/json", (string?)response["headers"]!["content-type"]);
        JsonNode user = Body(response)!;
        Assert.Equal("Grace \"G\" Hopper", (string?)user["name"]);
        Assert.Equal("bob", (string?)user["updatedBy"]);
    }

    [Fact]
    public async Task ProxyGetOfAMissingUser_Answers404WithAMessage()
    {
        JsonNode response = await Invoke(Get("nobody"));

        Assert.Equal(404, (int)response["statusCode"]!);
        Assert.Equal("no user with that id", (string?)Body(response)!["message"]);
    }

    [Theory]
    [InlineData("""{"id":"u1"}""")]
    [InlineData("""{"id":"u1","name":"Ada","admin":true}""")]
    [InlineData("""{"id":1,"name":"Ada"}""")]
    [InlineData("""{"id":"","name":"Ada"}""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ProxyPutWithABadBody_Answers400WithAMessage_AndStoresNothing(string? body)
    {
        JsonNode response = await Invoke(Put(body));

        Assert.Equal(400, (int)response["statusCode"]!);
        Assert.False(string.IsNullOrEmpty((string?)Body(response)!["message"]));
        Assert.Empty(_rig.Store.Users);
        Assert.Equal(0, _rig.Store.Calls);
    }

    [Fact]
    public async Task ProxyBadRequestMessage_KeepsItsApostrophes()
    {
        JsonNode response = await Invoke(Put("""{"id":"u1"}"""));

        Assert.Equal("the body needs both 'id' and 'name'", (string?)Body(response)!["message"]);
        Assert.DoesNotContain("u0027", (string)response["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProxyGetWithAnOverlongId_Answers400()
    {
        JsonNode response = await Invoke(Get(new string('x', 129)));

        Assert.Equal(400, (int)response["statusCode"]!);
    }

    [Fact]
    public async Task ProxyStoreFailure_Answers500WithoutTheDetail()
    {
        _rig.Store.FailWith = new TimeoutException("dynamodb.eu-west-1 timed out");

        JsonNode response = await Invoke(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.Equal(500, (int)response["statusCode"]!);
        Assert.Equal("Internal Server Error", (string?)Body(response)!["message"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task ProxyEventWithoutAnAuthorizerPrincipal_Answers500_AndStoresNothing(string? principal)
    {
        JsonNode response = await Invoke(Put("""{"id":"u1","name":"Ada"}""", principal));

        Assert.Equal(500, (int)response["statusCode"]!);
        Assert.Equal(0, _rig.Store.Calls);
    }

    [Fact]
    public async Task ProxyEventForAnotherRoute_Answers500()
    {
        JsonNode response = await Invoke(Event("DELETE /user/{id}").ToJsonString());

        Assert.Equal(500, (int)response["statusCode"]!);
        Assert.Equal(0, _rig.Store.Calls);
    }

    [Fact]
    public async Task NonProxyEvent_IsStillAnsweredAsBefore()
    {
        InvocationResult result = await _rig.InvokeAsync("""{"action":"get","principalId":"alice","id":"nobody"}""");

        Assert.Equal("NotFound: no user with that id", result.ErrorMessage);
    }
}
