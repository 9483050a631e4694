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

    private readonly AuthorizerHandlerRig _rig = new();
    private readonly AuthorizerHandler _handler;

    public TokenBufferClearingTests()
    {
        _rig.Store.Add("goodToken1", "alice", ["GET /user/*"]);
        _handler = _rig.NewHandler();
    }

    public void Dispose() => _rig.Dispose();

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
        Assert.Equal(1, _rig.Store.Reads);
        AssertCleared("warm cache hit");
    }

    [Fact]
    public async Task Buffers_AreZero_AfterAStoreFailure_ATimeout_AndNoTimeLeft()
    {
        _rig.Store.FailWith = new HttpRequestException("connection refused");
        Assert.Equal("TokenStoreUnavailable", (await InvokeAsync(Event("goodToken1"))).ErrorType);
        AssertCleared("store failure");

        _rig.Store.FailWith = null;
        _rig.Store.Hang = true;
        Assert.Equal("TokenStoreTimeout", (await InvokeAsync(Event("goodToken1"))).ErrorType);
        AssertCleared("store timeout");

        Assert.Equal("TokenStoreTimeout", (await InvokeAsync(Event("goodToken1"), TimeSpan.FromMilliseconds(50))).ErrorType);
        AssertCleared("no time left before the deadline");
    }

    private static string Event(string token, string arn = Arn) =>
        $$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"{{arn}}"}""";

    private Task<InvocationResult> InvokeAsync(string json, TimeSpan? remaining = null) => _rig.InvokeAsync(_handler, json, remaining);

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
