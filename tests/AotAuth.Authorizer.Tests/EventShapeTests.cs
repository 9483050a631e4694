using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

/// <summary>
/// One handler, three events: REST TOKEN, REST REQUEST and HTTP API payload 2.0, told apart by
/// the event itself; the same token rules, decision cache and fail-closed answers for each.
/// </summary>
public sealed class EventShapeTests : IDisposable
{
    private const string RestArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42";
    private const string RouteArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user/42";

    private readonly AuthorizerHandlerRig _rig = new();

    public EventShapeTests()
    {
        _rig.Store.Add("goodToken1", "alice", ["PUT /user", "GET /user/*"]);
    }

    public void Dispose() => _rig.Dispose();

    internal static string TokenEvent(string token, string arn = RestArn) =>
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = arn }.ToJsonString();

    internal static string RequestEvent(string? token, string arn = RestArn, string header = "Authorization") =>
        new JsonObject
        {
            ["type"] = "REQUEST",
            ["methodArn"] = arn,
            ["resource"] = "/user/{id}",
            ["path"] = "/user/42",
            ["httpMethod"] = "GET",
            ["headers"] = token is null ? new JsonObject { ["Accept"] = "*/*" } : new JsonObject { ["Accept"] = "*/*", [header] = token },
            ["queryStringParameters"] = new JsonObject { ["q"] = "1" },
            ["pathParameters"] = new JsonObject { ["id"] = "42" },
            ["requestContext"] = new JsonObject { ["accountId"] = "123456789012", ["stage"] = "prod", ["identity"] = new JsonObject { ["sourceIp"] = "1.2.3.4" } },
        }.ToJsonString();

    internal static string HttpEvent(string? token, string routeArn = RouteArn, string routeKey = "GET /user/{id}") =>
        new JsonObject
        {
            ["version"] = "2.0",
            ["type"] = "REQUEST",
            ["routeArn"] = routeArn,
            ["identitySource"] = token is null ? new JsonArray() : new JsonArray(token),
            ["routeKey"] = routeKey,
            ["rawPath"] = "/user/42",
            ["rawQueryString"] = "",
            ["headers"] = token is null ? new JsonObject { ["accept"] = "*/*" } : new JsonObject { ["accept"] = "*/*", ["authorization"] = token },
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["http"] = new JsonObject { ["method"] = "GET", ["path"] = "/user/42" },
                ["routeKey"] = routeKey,
                ["stage"] = "$default",
            },
            ["pathParameters"] = new JsonObject { ["id"] = "42" },
        }.ToJsonString();

    private AuthorizerHandler Handler(HttpResponseMode mode = HttpResponseMode.Simple) => _rig.NewHandler(mode);

    private Task<InvocationResult> Invoke(AuthorizerHandler handler, string json) => _rig.InvokeAsync(handler, json);

    private string Output() => _rig.Written;

    private JsonNode Answer() => JsonNode.Parse(_rig.Output.WrittenSpan)!;

    [Fact]
    public async Task RequestEvent_GetsTheSameAllowPolicyAsTheTokenEvent()
    {
        AuthorizerHandler handler = Handler();
        Assert.True((await Invoke(handler, TokenEvent("goodToken1"))).IsSuccess);
        string tokenPolicy = Output();

        InvocationResult result = await Invoke(handler, RequestEvent("goodToken1"));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(tokenPolicy, Output());
        Assert.Equal("Allow", (string?)Answer()["policyDocument"]!["Statement"]![0]!["Effect"]);
        Assert.Equal(1, _rig.Store.Reads);
    }

    [Theory]
    [InlineData("authorization")]
    [InlineData("AUTHORIZATION")]
    [InlineData("\\u0041uthorization")]
    public async Task RequestEvent_ReadsTheAuthorizationHeaderInAnyCase(string header)
    {
        string json = RequestEvent("goodToken1", header: "X-Placeholder").Replace("X-Placeholder", header, StringComparison.Ordinal);

        InvocationResult result = await Invoke(Handler(), json);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal("alice", (string?)Answer()["principalId"]);
    }

    [Fact]
    public async Task RequestEvent_WithoutAuthorizationHeader_IsUnauthorizedWithoutAStoreRead()
    {
        InvocationResult result = await Invoke(Handler(), RequestEvent(null));

        Assert.Equal("Unauthorized", result.ErrorMessage);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Fact]
    public async Task RequestEvent_WithTwoAuthorizationHeaders_IsUnauthorized()
    {
        string json = $$$"""{"type":"REQUEST","methodArn":"{{{RestArn}}}","headers":{"Authorization":"goodToken1","authorization":"goodToken1"}}""";

        Assert.Equal("Unauthorized", (await Invoke(Handler(), json)).ErrorMessage);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Theory]
    [InlineData("""{"Authorization":["goodToken1","goodToken1"]}""")]
    [InlineData("""{"Authorization":["goodToken1"],"authorization":["goodToken1"]}""")]
    [InlineData("""{"X-Other":["a"],"AUTHORIZATION":["someoneElse1","goodToken1"]}""")]
    public async Task RequestEvent_WithTwoAuthorizationValuesInMultiValueHeaders_IsUnauthorized(string multiValueHeaders)
    {
        // API Gateway's headers map keeps the last value of a repeated header; multiValueHeaders has them all.
        string json = $$$"""{"type":"REQUEST","methodArn":"{{{RestArn}}}","headers":{"Authorization":"goodToken1"},"multiValueHeaders":{{{multiValueHeaders}}}}""";

        Assert.Equal("Unauthorized", (await Invoke(Handler(), json)).ErrorMessage);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Theory]
    [InlineData("""{"Authorization":["goodToken1"],"Accept":["a","b"]}""")]
    [InlineData("null")]
    public async Task RequestEvent_WithOneAuthorizationValueInMultiValueHeaders_IsAuthorized(string multiValueHeaders)
    {
        string json = $$$"""{"type":"REQUEST","methodArn":"{{{RestArn}}}","headers":{"Authorization":"goodToken1"},"multiValueHeaders":{{{multiValueHeaders}}}}""";

        InvocationResult result = await Invoke(Handler(), json);

        Assert.True(result.IsSuccess, result.ErrorMessage);
    }

    [Theory]
    [InlineData("unknownToken")]
    [InlineData("bad-token!")]
    [InlineData("")]
    public async Task RequestEvent_UnknownOrMalformedToken_IsUnauthorized(string token)
    {
        Assert.Equal("Unauthorized", (await Invoke(Handler(), RequestEvent(token))).ErrorMessage);
    }

    [Fact]
    public async Task HttpEvent_KnownTokenInScope_IsAuthorizedWithThePrincipalInTheContext()
    {
        InvocationResult result = await Invoke(Handler(), HttpEvent("goodToken1"));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal("""{"isAuthorized":true,"context":{"principalId":"alice","scopes":"GET /user/* PUT /user"}}""", Output());
    }

    [Theory]
    [InlineData("GET /user/{id}", "GET/user/42", true)]
    [InlineData("PUT /user", "PUT/user", true)]
    [InlineData("GET /user", "GET/user", false)]
    [InlineData("PUT /user/{id}", "PUT/user/42", false)]
    [InlineData("DELETE /user/{id}", "DELETE/user/42", false)]
    [InlineData("ANY /user", "PUT/user", false)]
    [InlineData("$default", "PUT/user", false)]
    public async Task HttpEvent_ScopesMatchTheRouteKey(string routeKey, string route, bool authorized)
    {
        InvocationResult result = await Invoke(Handler(), HttpEvent("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/" + route, routeKey));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(authorized, (bool)Answer()["isAuthorized"]!);
        Assert.Equal("alice", (string?)Answer()["context"]!["principalId"]);
    }

    [Theory]
    [InlineData("GET /user/42")]
    [InlineData("GET /user/??")]
    [InlineData("GET /user/4*")]
    public async Task HttpEvent_ScopeCoveringOnlySomeRequestsOfARoute_IsNotAuthorizedForIt(string scope)
    {
        // The answer is cached for the whole route: authorizing /user/42 would authorize /user/43 too.
        _rig.Store.Add("narrowToken", "bob", [scope]);

        InvocationResult result = await Invoke(Handler(), HttpEvent("narrowToken"));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.False((bool)Answer()["isAuthorized"]!);
    }

    [Fact]
    public async Task HttpEvent_ScopeForEveryRoute_CoversAnyRoute()
    {
        _rig.Store.Add("allToken1", "root", ["* /*"]);

        await Invoke(Handler(), HttpEvent("allToken1", routeKey: "ANY /{proxy+}"));

        Assert.True((bool)Answer()["isAuthorized"]!);
    }

    [Fact]
    public async Task HttpEvent_CachedSimpleAnswers_StayRightAcrossRoutes()
    {
        AuthorizerHandler handler = Handler();
        string allowed = HttpEvent("goodToken1");
        string denied = HttpEvent("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/DELETE/user/42", "DELETE /user/{id}");

        foreach (string json in new[] { allowed, denied, allowed, denied })
        {
            Assert.True((await Invoke(handler, json)).IsSuccess);
            Assert.Equal(json == allowed, (bool)Answer()["isAuthorized"]!);
            Assert.Equal("alice", (string?)Answer()["context"]!["principalId"]);
        }

        Assert.Equal(1, _rig.Store.Reads);
    }

    [Fact]
    public async Task HttpEvent_OnANamedStage_IsDecidedTheSame()
    {
        Assert.True((await Invoke(Handler(), HttpEvent("goodToken1", RestArn))).IsSuccess);
        Assert.True((bool)Answer()["isAuthorized"]!);
    }

    [Theory]
    [InlineData("unknownToken")]
    [InlineData("bad-token!")]
    [InlineData("")]
    [InlineData("goodToken1,goodToken1")]
    [InlineData(null)]
    public async Task HttpEvent_WithoutAKnownToken_IsNotAuthorizedWithoutContext(string? token)
    {
        InvocationResult result = await Invoke(Handler(), HttpEvent(token));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal("""{"isAuthorized":false}""", Output());
    }

    [Fact]
    public async Task HttpEvent_ExpiredToken_IsNotAuthorized()
    {
        _rig.Store.Add("oldToken", "carol", ["* /*"], expiresAt: AuthorizerHandlerRig.Start.ToUnixTimeSeconds() - 1);

        Assert.True((await Invoke(Handler(), HttpEvent("oldToken"))).IsSuccess);
        Assert.Equal("""{"isAuthorized":false}""", Output());
    }

    [Fact]
    public async Task HttpEvent_IamResponse_GetsThePolicyCoveringEveryScope()
    {
        InvocationResult result = await Invoke(Handler(HttpResponseMode.Iam), HttpEvent("goodToken1"));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        JsonNode statement = Answer()["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(
            ["arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/PUT/user"],
            statement["Resource"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("alice", (string?)Answer()["principalId"]);
    }

    [Fact]
    public async Task HttpEvent_IamResponse_UnknownToken_GetsAnExplicitDenyForTheStage()
    {
        InvocationResult result = await Invoke(Handler(HttpResponseMode.Iam), HttpEvent("unknownToken"));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        JsonNode statement = Answer()["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/*/*", (string?)statement["Resource"]);
        Assert.Equal("anonymous", (string?)Answer()["principalId"]);
    }

    [Fact]
    public async Task AllShapes_ShareOneDecisionCache()
    {
        AuthorizerHandler handler = Handler();
        await Invoke(handler, TokenEvent("goodToken1"));
        await Invoke(handler, RequestEvent("goodToken1"));
        await Invoke(handler, HttpEvent("goodToken1"));
        await Invoke(handler, HttpEvent("unknownToken"));
        await Invoke(handler, TokenEvent("unknownToken"));

        Assert.Equal(2, _rig.Store.Reads);
    }

    [Fact]
    public async Task HttpEvent_StoreFailure_FailsClosedWithAnError()
    {
        _rig.Store.FailWith = new HttpRequestException("connection refused");

        InvocationResult result = await Invoke(Handler(), HttpEvent("goodToken1"));

        Assert.False(result.IsSuccess);
        Assert.Equal("TokenStoreUnavailable", result.ErrorType);
    }

    [Theory]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","routeKey":42,"headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:*/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$other/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":"goodToken1"}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":42}}""")]
    [InlineData("""{"version":"3.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"version":"2.0","type":"TOKEN","routeKey":"GET /user","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"version":2,"type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}}""")]
    [InlineData("""{"type":"REQUEST","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user","headers":{"Authorization":"goodToken1"}}""")]
    [InlineData("""{"type":"REQUEST","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user","headers":{"Authorization":"goodToken1"},"headers":{}}""")]
    [InlineData("""{"version":"2.0","type":"REQUEST","routeKey":"GET /user","routeArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user","headers":{"authorization":"goodToken1"}""")]
    public async Task MalformedRequestOrHttpEvent_FailsWithInvalidEventInEveryMode(string json)
    {
        foreach (HttpResponseMode mode in new[] { HttpResponseMode.Simple, HttpResponseMode.Iam })
        {
            InvocationResult result = await Invoke(Handler(mode), json);

            Assert.False(result.IsSuccess);
            Assert.Equal("InvalidEvent", result.ErrorType);
        }

        Assert.Equal(0, _rig.Store.Reads);
    }

    public static TheoryData<string, bool> WarmEvents => new()
    {
        { TokenEvent("goodToken1"), false },
        { RequestEvent("goodToken1"), false },
        { HttpEvent("goodToken1"), false },
        { HttpEvent("goodToken1"), true },
        { HttpEvent("unknownToken"), false },
        { HttpEvent("unknownToken"), true },
    };

    [Theory]
    [MemberData(nameof(WarmEvents))]
    public async Task WarmCacheHit_AllocatesNothing_ForEveryShape(string json, bool iamResponse)
    {
        AuthorizerHandler handler = Handler(iamResponse ? HttpResponseMode.Iam : HttpResponseMode.Simple);
        InvocationContext context = _rig.Context(json);
        for (int i = 0; i < 3; i++)
        {
            _rig.Output.ResetWrittenCount();
            await handler.InvokeAsync(context, _rig.Output, CancellationToken.None);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            _rig.Output.ResetWrittenCount();
            ValueTask<InvocationResult> pending = handler.InvokeAsync(context, _rig.Output, CancellationToken.None);
            Assert.True(pending.IsCompletedSuccessfully);
            Assert.True((await pending).IsSuccess);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("simple", false)]
    [InlineData("IAM", true)]
    public void AuthorizerResponseSetting_IsReadInAnyCase(string value, bool iam)
    {
        Assert.Equal(iam ? HttpResponseMode.Iam : HttpResponseMode.Simple, AuthorizerSettings.ParseHttpResponse(value));
    }

    [Fact]
    public void AuthorizerResponseSetting_OtherValue_IsAnInitErrorNamingTheVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.ParseHttpResponse("policy"));
        Assert.Contains("AUTHORIZER_RESPONSE", error.Message, StringComparison.Ordinal);
    }
}
