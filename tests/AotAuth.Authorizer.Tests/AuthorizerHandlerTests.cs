using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

public sealed class AuthorizerHandlerTests : IDisposable
{
    private const string MethodArn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    // Writes non-ASCII and most control-free characters as raw UTF-8, as a sender other than System.Text.Json may.
    private static readonly System.Text.Json.JsonSerializerOptions RawUtf8 = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryTokenStore _store = new();
    private readonly AuthorizerHandler _handler;
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly MemoryStream _metrics = new();

    // INFO, so every decision line is formatted; written nowhere, since no test reads it.
    private readonly RuntimeLog _log = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));

    public AuthorizerHandlerTests()
    {
        _store.Add("goodToken1", "alice", ["PUT /user", "GET /user/*"]);
        _handler = new AuthorizerHandler(_store, new DecisionCache(_clock, TimeSpan.FromSeconds(60), 100), _clock, TimeSpan.FromMilliseconds(200), _log, new EmbeddedMetrics("AotAuth", _log, "test", _metrics));
    }

    public void Dispose() => _handler.Dispose();

    private static string Event(string token, string arn = MethodArn) =>
        new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = arn }.ToJsonString();

    private InvocationContext Context(string json, TimeSpan? remaining = null) => new()
    {
        RequestId = "req-1",
        DeadlineUnixMs = (_clock.GetUtcNow() + (remaining ?? TimeSpan.FromSeconds(5))).ToUnixTimeMilliseconds(),
        InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer",
        Event = Encoding.UTF8.GetBytes(json),
    };

    private async Task<InvocationResult> Invoke(string json, TimeSpan? remaining = null)
    {
        _output.ResetWrittenCount();
        return await _handler.InvokeAsync(Context(json, remaining), _output, CancellationToken.None);
    }

    private JsonNode Policy() => JsonNode.Parse(_output.WrittenSpan)!;

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
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task ExpiredToken_IsUnauthorized()
    {
        _store.Add("oldToken", "carol", ["* /*"], expiresAt: Start.ToUnixTimeSeconds() - 1);

        InvocationResult result = await Invoke(Event("oldToken"));

        Assert.Equal("Unauthorized", result.ErrorMessage);
    }

    [Fact]
    public async Task CachedAllow_StopsWhenTheTokenExpires()
    {
        _store.Add("soonToken", "dave", ["* /*"], expiresAt: Start.ToUnixTimeSeconds() + 10);

        Assert.True((await Invoke(Event("soonToken"))).IsSuccess);
        _clock.Advance(TimeSpan.FromSeconds(11));

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
        Assert.Equal(0, _store.Reads);
    }

    [Fact]
    public async Task HugeToken_IsUnauthorizedWithoutAStoreRead()
    {
        InvocationResult result = await Invoke(Event(new string('a', 100_000)));

        Assert.Equal("Unauthorized", result.ErrorMessage);
        Assert.Equal(0, _store.Reads);
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
        Assert.Equal(0, _store.Reads);
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
        string coldPolicy = Encoding.UTF8.GetString(_output.WrittenSpan);
        InvocationResult warm = await Invoke(json);
        string warmPolicy = Encoding.UTF8.GetString(_output.WrittenSpan);
        await Invoke(Event("goodToken1"));
        string plainPolicy = Encoding.UTF8.GetString(_output.WrittenSpan);

        Assert.True(cold.IsSuccess, cold.ErrorMessage);
        Assert.True(warm.IsSuccess, warm.ErrorMessage);
        Assert.Equal(plainPolicy, coldPolicy);
        Assert.Equal(plainPolicy, warmPolicy);
        Assert.Equal(1, _store.Reads);
    }

    [Fact]
    public async Task StoreFailure_FailsClosed_AndIsNotCached()
    {
        _store.FailWith = new HttpRequestException("connection refused");

        InvocationResult failed = await Invoke(Event("goodToken1"));
        _store.FailWith = null;
        InvocationResult recovered = await Invoke(Event("goodToken1"));

        Assert.False(failed.IsSuccess);
        Assert.Equal("TokenStoreUnavailable", failed.ErrorType);
        Assert.NotEqual("Unauthorized", failed.ErrorMessage);
        Assert.True(recovered.IsSuccess);
        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task HangingStore_FailsClosedWithinTheStoreTimeout()
    {
        _store.Hang = true;

        InvocationResult result = await Invoke(Event("goodToken1"));

        Assert.False(result.IsSuccess);
        Assert.Equal("TokenStoreTimeout", result.ErrorType);
    }

    [Fact]
    public async Task NoTimeLeftBeforeTheDeadline_FailsClosedWithoutAStoreRead()
    {
        InvocationResult result = await Invoke(Event("goodToken1"), remaining: TimeSpan.FromMilliseconds(50));

        Assert.Equal("TokenStoreTimeout", result.ErrorType);
        Assert.Equal(0, _store.Reads);
    }

    [Fact]
    public async Task TokenWithoutUsableScopes_GetsAnExplicitDeny()
    {
        _store.Add("noScopes1", "erin", ["PUT user", "FETCH /x"]);

        InvocationResult result = await Invoke(Event("noScopes1"));

        Assert.True(result.IsSuccess);
        Assert.Equal("Deny", (string?)Policy()["policyDocument"]!["Statement"]![0]!["Effect"]);
    }

    [Fact]
    public async Task CacheEntry_IsReadAgainAfterTheTtl()
    {
        await Invoke(Event("goodToken1"));
        await Invoke(Event("goodToken1"));
        Assert.Equal(1, _store.Reads);

        _clock.Advance(TimeSpan.FromSeconds(61));
        await Invoke(Event("goodToken1"));

        Assert.Equal(2, _store.Reads);
    }

    [Fact]
    public async Task CachedPolicy_IsWrittenForEachMethodArn()
    {
        await Invoke(Event("goodToken1"));
        await Invoke(Event("goodToken1", "arn:aws:execute-api:us-east-2:210987654321:other1/dev/PUT/user"));

        Assert.Equal(1, _store.Reads);
        Assert.Equal(
            "arn:aws:execute-api:us-east-2:210987654321:other1/dev/PUT/user",
            (string?)Policy()["policyDocument"]!["Statement"]![0]!["Resource"]![1]);
    }

    [Fact]
    public async Task RenderedPolicy_IsReusedForTheSameStage_AndRewrittenForAnother()
    {
        await Invoke(Event("goodToken1"));
        string first = Encoding.UTF8.GetString(_output.WrittenSpan);
        await Invoke(Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/PUT/user"));
        string sameStage = Encoding.UTF8.GetString(_output.WrittenSpan);
        await Invoke(Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/GET/user/1"));
        string otherStage = Encoding.UTF8.GetString(_output.WrittenSpan);
        await Invoke(Event("goodToken1"));

        Assert.Equal(first, sameStage);
        Assert.Contains("abc123/dev/GET/user/*", otherStage, StringComparison.Ordinal);
        Assert.DoesNotContain("/prod/", otherStage, StringComparison.Ordinal);
        Assert.Equal(first, Encoding.UTF8.GetString(_output.WrittenSpan));
        Assert.Equal(1, _store.Reads);
    }
}
