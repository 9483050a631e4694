using System.Buffers;
using System.Reflection;
using System.Text;
using AotAuth.LambdaRuntime;

namespace AotAuth.Authorizer.Tests;

/// <summary>
/// The token and method ARN are copied out of each event into buffers the handler keeps for its
/// lifetime; once the invocation is answered nothing of them may stay there, whatever the path
/// (warm hit, cold lookup, refusal, malformed event, store failure, timeout). Read through
/// reflection so the test looks at the real buffers, not at an accessor that could lie.
/// </summary>
public sealed class TokenBufferClearingTests : IDisposable
{
    private const string Arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryTokenStore _store = new();
    private readonly AuthorizerHandler _handler;
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly RuntimeLog _log = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));

    public TokenBufferClearingTests()
    {
        _store.Add("goodToken1", "alice", ["GET /user/*"]);
        _handler = new AuthorizerHandler(_store, new DecisionCache(_clock, TimeSpan.FromSeconds(60), 100), _clock, TimeSpan.FromMilliseconds(200), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));
    }

    public void Dispose() => _handler.Dispose();

    public static TheoryData<string, string> Events => new()
    {
        { "allow (cold, store read)", Event("goodToken1") },
        { "unknown token", Event("unknownToken9") },
        { "token failing the syntax check", Event("bad-token!") },
        { "escaped token", """{"type":"TOKEN","authorizationToken":"\u0067oodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"}""" },
        { "duplicated token field after the copy", """{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42","authorizationToken":"x"}""" },
        { "trailing garbage after the copy", """{"type":"TOKEN","authorizationToken":"goodToken1","methodArn":"arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42"} x""" },
        { "unparsable method ARN", Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123") },
        { "method ARN with a wildcard in the stage", Event("goodToken1", "arn:aws:execute-api:eu-west-1:123456789012:abc123/pr*d/GET/user/42") },
        { "REQUEST event", $$$"""{"type":"REQUEST","methodArn":"{{{Arn}}}","headers":{"Authorization":"goodToken1"}}""" },
        { "REQUEST event with two Authorization headers", $$$"""{"type":"REQUEST","methodArn":"{{{Arn}}}","headers":{"Authorization":"goodToken1","authorization":"goodToken1"}}""" },
        { "2.0 event", $$$"""{"version":"2.0","type":"REQUEST","routeArn":"{{{Arn}}}","routeKey":"GET /user/{id}","headers":{"authorization":"goodToken1"}}""" },
        { "2.0 event with an unknown token", $$$"""{"version":"2.0","type":"REQUEST","routeArn":"{{{Arn}}}","routeKey":"GET /user/{id}","headers":{"authorization":"unknownToken9"}}""" },
        { "2.0 event with both ARNs after the copy", $$$"""{"version":"2.0","type":"REQUEST","routeArn":"{{{Arn}}}","routeKey":"GET /user/{id}","headers":{"authorization":"goodToken1"},"methodArn":"{{{Arn}}}"}""" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Buffers_AreZero_AfterTheInvocation(string what, string json)
    {
        await InvokeAsync(json);

        AssertCleared(what);
    }

    [Fact]
    public async Task Buffers_AreZero_AfterAWarmCacheHit()
    {
        await InvokeAsync(Event("goodToken1"));
        InvocationResult warm = await InvokeAsync(Event("goodToken1"));

        Assert.True(warm.IsSuccess, warm.ErrorMessage);
        Assert.Equal(1, _store.Reads);
        AssertCleared("warm cache hit");
    }

    [Fact]
    public async Task Buffers_AreZero_AfterAStoreFailure_ATimeout_AndNoTimeLeft()
    {
        _store.FailWith = new HttpRequestException("connection refused");
        Assert.Equal("TokenStoreUnavailable", (await InvokeAsync(Event("goodToken1"))).ErrorType);
        AssertCleared("store failure");

        _store.FailWith = null;
        _store.Hang = true;
        Assert.Equal("TokenStoreTimeout", (await InvokeAsync(Event("goodToken1"))).ErrorType);
        AssertCleared("store timeout");

        Assert.Equal("TokenStoreTimeout", (await InvokeAsync(Event("goodToken1"), TimeSpan.FromMilliseconds(50))).ErrorType);
        AssertCleared("no time left before the deadline");
    }

    private static string Event(string token, string arn = Arn) =>
        $$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"{{arn}}"}""";

    private async Task<InvocationResult> InvokeAsync(string json, TimeSpan? remaining = null)
    {
        _output.ResetWrittenCount();
        var context = new InvocationContext
        {
            RequestId = "req-1",
            DeadlineUnixMs = (_clock.GetUtcNow() + (remaining ?? TimeSpan.FromSeconds(5))).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer",
            Event = Encoding.UTF8.GetBytes(json),
        };
        return await _handler.InvokeAsync(context, _output, CancellationToken.None);
    }

    private void AssertCleared(string what)
    {
        object tokenEvent = Field(_handler, "_event");
        foreach (string name in new[] { "_token", "_header", "_arn", "_routeKey" })
        {
            byte[] buffer = (byte[])Field(tokenEvent, name);
            int dirty = Array.FindLastIndex(buffer, b => b != 0) + 1;
            Assert.True(dirty == 0, $"{what}: {name} still holds {dirty} byte(s) after the invocation: '{Encoding.UTF8.GetString(buffer, 0, dirty).Replace("\0", "\\0", StringComparison.Ordinal)}'");
        }
    }

    private static object Field(object owner, string name) =>
        owner.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(owner)
        ?? throw new InvalidOperationException($"{owner.GetType().Name}.{name} not found");
}
