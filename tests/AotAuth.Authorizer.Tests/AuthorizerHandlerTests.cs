using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

public sealed class AuthorizerHandlerTests : IDisposable
{
    private const string MethodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42";

    // Writes non-ASCII and most control-free characters as raw UTF-8, as a sender other than System.Text.Json may.
    private static readonly System.Text.Json.JsonSerializerOptions RawUtf8 = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly MemoryStream _metrics = new();
    private readonly AuthorizerHandlerRig _rig;
    private readonly AuthorizerHandler _handler;

    public AuthorizerHandlerTests()
    {
        _rig = new AuthorizerHandlerRig(_metrics);
        _rig.Store.Add("goodToken1", "alice", ["PUT /user", "GET /user/*"]);
        _handler = _rig.NewHandler();
    }

    public void Dispose() => _rig.Dispose();

    private static string Event(string token, string arn = MethodArn) =>
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = arn }.ToJsonString();

    private Task<InvocationResult> Invoke(string json, TimeSpan? remaining = null) => _rig.InvokeAsync(_handler, json, remaining);

    private JsonNode Policy() => JsonNode.Parse(_rig.Output.WrittenSpan)!;

    [Fact]
    public async Task KnownToken_GetsAnAllowCoveringEveryScopeOfTheApiAndStage()
    {
        InvocationResult result = await Invoke(Event("goodToken1"));

        Assert.True(result.IsSuccess);
        JsonNode policy = Policy();
        Assert.Equal("alice", (string?)policy["principalId"]);
        JsonNode statement = policy["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("execute-api:Invoke", (string?)statement["Action"]);
        Assert.Equal(
            ["arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/*", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/PUT/user"],
            statement["Resource"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("alice", (string?)policy["context"]!["principalId"]);
        Assert.Equal("GET /user/* PUT /user", (string?)policy["context"]!["scopes"]);
    }

    [Fact]
    public async Task UnknownToken_IsUnauthorized_AndTheAnswerIsCached()
    {
        InvocationResult first = await Invoke(Event("unknownToken"));
        InvocationResult second = await Invoke(Event("unknownToken"));

        Assert.False(first.IsSuccess);
        Assert.Equal("Unauthorized", first.ErrorMessage);
        Assert.Equal("Unauthorized", second.ErrorMessage);
        Assert.Equal(1, _rig.Store.Reads);
    }

    [Fact]
    public async Task ExpiredToken_IsUnauthorized()
    {
        _rig.Store.Add("oldToken", "carol", ["* /*"], expiresAt: AuthorizerHandlerRig.Start.ToUnixTimeSeconds() - 1);

        InvocationResult result = await Invoke(Event("oldToken"));

        Assert.Equal("Unauthorized", result.ErrorMessage);
    }

    [Fact]
    public async Task CachedAllow_StopsWhenTheTokenExpires()
    {
        _rig.Store.Add("soonToken", "dave", ["* /*"], expiresAt: AuthorizerHandlerRig.Start.ToUnixTimeSeconds() + 10);

        Assert.True((await Invoke(Event("soonToken"))).IsSuccess);
        _rig.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal("Unauthorized", (await Invoke(Event("soonToken"))).ErrorMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Bearer goodToken1")]
    [InlineData("goodToken1 ")]
    [InlineData("g00dT0ken-")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tökenÜmlaut")]
    public async Task MalformedToken_IsUnauthorizedWithoutAStoreRead(string token)
    {
        InvocationResult result = await Invoke(Event(token));

        Assert.Equal("Unauthorized", result.ErrorMessage);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Fact]
    public async Task HugeToken_IsUnauthorizedWithoutAStoreRead()
    {
        InvocationResult result = await Invoke(Event(new string('a', 100_000)));

        Assert.Equal("Unauthorized", result.ErrorMessage);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Theory]
    [InlineData("""{"type":"TOKEN","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":null,"methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    public async Task MissingToken_IsUnauthorized(string json)
    {
        Assert.Equal("Unauthorized", (await Invoke(json)).ErrorMessage);
    }

    [Fact]
    public async Task EscapedTokenCharacters_AreUnescapedBeforeTheCheck()
    {
        string json = """{"type":"TOKEN","authorizationToken":"\u0067oodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"}""";

        Assert.True((await Invoke(json)).IsSuccess);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"type":"COGNITO","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":42,"methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1","authorizationToken":"other","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user"} trailing""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:*/prod/GET/user"}""")]
    [InlineData("""{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"\ud800"}""")]
    public async Task MalformedEvent_FailsWithAnErrorThatIsNeitherAllowNorUnauthorized(string json)
    {
        InvocationResult result = await Invoke(json);

        Assert.False(result.IsSuccess);
        Assert.Equal("InvalidEvent", result.ErrorType);
        Assert.StartsWith("InvalidEvent: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, _rig.Store.Reads);
    }

    /// <summary>Characters API Gateway can put in a method ARN's path (it decodes the request's percent-escapes).</summary>
    public static TheoryData<string, bool> PathCharacters()
    {
        var data = new TheoryData<string, bool>();
        foreach (string c in new[] { "*", "?", "\"", "\\", " ", "\u0000", "\u0001", "\t", "\n", "\u001f", "\u007f", "é", "José", "＊", "😀", "*/*" })
        {
            data.Add(c, false); // the event as System.Text.Json escapes it by default (\uXXXX)
            data.Add(c, true); // the event with raw UTF-8, only the JSON-mandatory escapes
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathCharacters))]
    public async Task AnyPathCharacter_GetsTheSamePolicyAsAPlainPath_ColdAndWarm(string inPath, bool rawUtf8)
    {
        string arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/a" + inPath + "b";
        string json = rawUtf8
            ? System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, string> { ["type"] = "TOKEN", ["authorizationToken"] = "goodToken1", ["methodArn"] = arn }, RawUtf8)
            : Event("goodToken1", arn);

        InvocationResult cold = await Invoke(json);
        string coldPolicy = _rig.Written;
        InvocationResult warm = await Invoke(json);
        string warmPolicy = _rig.Written;
        await Invoke(Event("goodToken1"));
        string plainPolicy = _rig.Written;

        Assert.True(cold.IsSuccess, cold.ErrorMessage);
        Assert.True(warm.IsSuccess, warm.ErrorMessage);
        Assert.Equal(plainPolicy, coldPolicy);
        Assert.Equal(plainPolicy, warmPolicy);
        Assert.Equal(1, _rig.Store.Reads);
    }

    [Fact]
    public async Task StoreFailure_FailsClosed_AndIsNotCached()
    {
        _rig.Store.FailWith = new HttpRequestException("connection refused");

        InvocationResult failed = await Invoke(Event("goodToken1"));
        _rig.Store.FailWith = null;
        InvocationResult recovered = await Invoke(Event("goodToken1"));

        Assert.False(failed.IsSuccess);
        Assert.Equal("TokenStoreUnavailable", failed.ErrorType);
        Assert.NotEqual("Unauthorized", failed.ErrorMessage);
        Assert.True(recovered.IsSuccess);
        Assert.Equal(2, _rig.Store.Reads);
    }

    [Fact]
    public async Task HangingStore_FailsClosedWithinTheStoreTimeout()
    {
        _rig.Store.Hang = true;

        InvocationResult result = await Invoke(Event("goodToken1"));

        Assert.False(result.IsSuccess);
        Assert.Equal("TokenStoreTimeout", result.ErrorType);
    }

    [Fact]
    public async Task NoTimeLeftBeforeTheDeadline_FailsClosedWithoutAStoreRead()
    {
        InvocationResult result = await Invoke(Event("goodToken1"), remaining: TimeSpan.FromMilliseconds(50));

        Assert.Equal("TokenStoreTimeout", result.ErrorType);
        Assert.Equal(0, _rig.Store.Reads);
    }

    [Fact]
    public async Task TokenWithoutUsableScopes_GetsAnExplicitDeny()
    {
        _rig.Store.Add("noScopes1", "erin", ["PUT user", "FETCH /x"]);

        InvocationResult result = await Invoke(Event("noScopes1"));

        Assert.True(result.IsSuccess);
        Assert.Equal("Deny", (string?)Policy()["policyDocument"]!["Statement"]![0]!["Effect"]);
    }

    [Fact]
    public async Task CacheEntry_IsReadAgainAfterTheTtl()
    {
        await Invoke(Event("goodToken1"));
        await Invoke(Event("goodToken1"));
        Assert.Equal(1, _rig.Store.Reads);

        _rig.Clock.Advance(TimeSpan.FromSeconds(61));
        await Invoke(Event("goodToken1"));

        Assert.Equal(2, _rig.Store.Reads);
    }

    [Fact]
    public async Task CachedPolicy_IsWrittenForEachMethodArn()
    {
        await Invoke(Event("goodToken1"));
        await Invoke(Event("goodToken1", "arn:aws:execute-api:us-east-2:210987654321:other1/dev/PUT/user"));

        Assert.Equal(1, _rig.Store.Reads);
        Assert.Equal(
            "arn:aws:execute-api:us-east-2:210987654321:other1/dev/PUT/user",
            (string?)Policy()["policyDocument"]!["Statement"]![0]!["Resource"]![1]);
    }

    [Fact]
    public async Task RenderedPolicy_IsReusedForTheSameStage_AndRewrittenForAnother()
    {
        await Invoke(Event("goodToken1"));
        string first = _rig.Written;
        await Invoke(Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/PUT/user"));
        string sameStage = _rig.Written;
        await Invoke(Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/user/1"));
        string otherStage = _rig.Written;
        await Invoke(Event("goodToken1"));

        Assert.Equal(first, sameStage);
        Assert.Contains("abc123/dev/GET/user/*", otherStage, StringComparison.Ordinal);
        Assert.DoesNotContain("/prod/", otherStage, StringComparison.Ordinal);
        Assert.Equal(first, _rig.Written);
        Assert.Equal(1, _rig.Store.Reads);
    }
}
