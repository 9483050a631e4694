using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.UserFunction.Tests;

public sealed class UserHandlerTests : IDisposable
{
    private readonly FakeUserStore _store = new();
    private readonly UserHandler _handler;
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 30, 15, 250, TimeSpan.Zero));

    // INFO, so every request line is formatted; written nowhere, since no test reads it.
    private readonly RuntimeLog _log = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));

    public UserHandlerTests()
    {
        _handler = new UserHandler(_store, _clock, TimeSpan.FromSeconds(1), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));
    }

    public void Dispose() => _handler.Dispose();

    private async Task<InvocationResult> Invoke(string json)
    {
        _output.ResetWrittenCount();
        var context = new InvocationContext
        {
            RequestId = "req-1",
            // On the handler's own clock: it now cuts store calls to end before the deadline.
            DeadlineUnixMs = _clock.GetUtcNow().AddSeconds(5).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:user",
            Event = Encoding.UTF8.GetBytes(json),
        };
        return await _handler.InvokeAsync(context, _output, CancellationToken.None);
    }

    private static string Put(string body, string principal = "alice") =>
        $$"""{"action":"put","principalId":"{{principal}}","body":{{body}}}""";

    [Fact]
    public async Task Put_StoresTheUserWithWhoAndWhen()
    {
        InvocationResult result = await Invoke(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.True(result.IsSuccess);
        Assert.Equal("null", Encoding.UTF8.GetString(_output.WrittenSpan));
        Assert.Equal(new User("u1", "Ada", "alice", "2026-11-26T12:30:15.250Z"), _store.Users["u1"]);
    }

    [Fact]
    public async Task Get_ReturnsTheStoredUser()
    {
        _store.Users["u2"] = new User("u2", "Grace \"G\" Hopper", "bob", "2026-01-01T00:00:00.000Z");

        InvocationResult result = await Invoke("""{"action":"get","principalId":"alice","id":"u2"}""");

        Assert.True(result.IsSuccess);
        JsonNode user = JsonNode.Parse(_output.WrittenSpan)!;
        Assert.Equal("u2", (string?)user["id"]);
        Assert.Equal("Grace \"G\" Hopper", (string?)user["name"]);
        Assert.Equal("bob", (string?)user["updatedBy"]);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)user["updatedAt"]);
    }

    [Fact]
    public async Task GetOfAMissingUser_IsNotFound()
    {
        InvocationResult result = await Invoke("""{"action":"get","principalId":"alice","id":"nobody"}""");

        Assert.False(result.IsSuccess);
        Assert.StartsWith("NotFound: ", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"action":"put","principalId":"alice"}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":"text"}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":null}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":[]}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u1"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"name":"n"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u1","name":"n","admin":true}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":1,"name":"n"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u1","name":null}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"","name":"n"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u1","name":""}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u1","id":"u2","name":"n"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"u\u0000","name":"n"}}""")]
    [InlineData("""{"action":"put","principalId":"alice","body":{"id":"\ud800","name":"n"}}""")]
    [InlineData("""{"action":"get","principalId":"alice","id":""}""")]
    public async Task InvalidInput_IsABadRequest_AndNothingIsStored(string json)
    {
        InvocationResult result = await Invoke(json);

        Assert.False(result.IsSuccess);
        Assert.Equal("BadRequest", result.ErrorType);
        Assert.StartsWith("BadRequest: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_store.Users);
    }

    [Fact]
    public async Task IdAndNameLimits_AreCountedInCharacters()
    {
        string id128 = string.Concat(Enumerable.Repeat("😀", 128));
        string name256 = new('n', 256);

        Assert.True((await Invoke(Put($$"""{"id":"{{id128}}","name":"{{name256}}"}"""))).IsSuccess);
        Assert.Equal("BadRequest", (await Invoke(Put($$"""{"id":"{{id128}}x","name":"n"}"""))).ErrorType);
        Assert.Equal("BadRequest", (await Invoke(Put($$"""{"id":"u","name":"{{name256}}x"}"""))).ErrorType);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"principalId":"alice","id":"u1"}""")]
    [InlineData("""{"action":"delete","principalId":"alice","id":"u1"}""")]
    [InlineData("""{"action":"get","id":"u1"}""")]
    [InlineData("""{"action":"get","principalId":"","id":"u1"}""")]
    [InlineData("""{"action":"get","principalId":"alice"}""")]
    public async Task EventTheGatewayWouldNeverBuild_IsAServerError(string json)
    {
        InvocationResult result = await Invoke(json);

        Assert.False(result.IsSuccess);
        Assert.Equal("InvalidEvent", result.ErrorType);
        Assert.False(result.ErrorMessage!.StartsWith("BadRequest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreFailure_IsAPlainErrorAndNotAcknowledged()
    {
        _store.FailWith = new TimeoutException("slow");

        InvocationResult result = await Invoke(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.False(result.IsSuccess);
        Assert.Equal("StoreUnavailable", result.ErrorType);
        Assert.DoesNotMatch("^(BadRequest|NotFound)", result.ErrorMessage);
        Assert.Equal(0, _output.WrittenCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(-2_000)]
    public async Task WithNoTimeLeftBeforeTheDeadline_ItAnswersStoreUnavailable_WithoutCallingTheStore(long deadlineInMs)
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 30, 15, 250, TimeSpan.Zero);
        var store = new FakeUserStore();
        store.Users["u1"] = new User("u1", "Ada", "alice", "2026-01-01T00:00:00.000Z");
        using var handler = new UserHandler(store, new FakeTimeProvider(now), TimeSpan.FromSeconds(3), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));
        var output = new ArrayBufferWriter<byte>();

        foreach (string json in new[] { """{"action":"get","principalId":"alice","id":"u1"}""", Put("""{"id":"u2","name":"Grace"}""") })
        {
            InvocationResult result = await handler.InvokeAsync(ContextWithDeadline(now.AddMilliseconds(deadlineInMs), json), output, CancellationToken.None);

            Assert.Equal("StoreUnavailable", result.ErrorType);
            Assert.StartsWith("StoreUnavailable: ", result.ErrorMessage, StringComparison.Ordinal);
        }

        Assert.Equal(0, store.Calls);
        Assert.False(store.Users.ContainsKey("u2"));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public async Task WithTimeLeft_TheSameRequestReachesTheStore()
    {
        // The control for the test above: the same clock and a deadline just past the margin.
        var now = new DateTimeOffset(2026, 11, 26, 12, 30, 15, 250, TimeSpan.Zero);
        var store = new FakeUserStore();
        store.Users["u1"] = new User("u1", "Ada", "alice", "2026-01-01T00:00:00.000Z");
        using var handler = new UserHandler(store, new FakeTimeProvider(now), TimeSpan.FromSeconds(3), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));

        InvocationResult result = await handler.InvokeAsync(
            ContextWithDeadline(now.AddMilliseconds(150), """{"action":"get","principalId":"alice","id":"u1"}"""), new ArrayBufferWriter<byte>(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, store.Calls);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    public async Task HangingStore_IsCutOffBeforeTheInvocationDeadline_NotAfterTheStoreBudget(string action)
    {
        // A 5-minute store budget against a deadline 1 s away: the call must end with the deadline
        // (less its 100 ms margin, exactly checked by InvocationContextBudgetTests), not with the
        // budget. The bounds leave a loaded CI machine seconds of slack and still tell the two apart.
        var store = new FakeUserStore { Hang = true };
        using var handler = new UserHandler(store, TimeProvider.System, TimeSpan.FromMinutes(5), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));
        string json = action == "get" ? """{"action":"get","principalId":"alice","id":"u1"}""" : Put("""{"id":"u1","name":"Ada"}""");
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(1);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        InvocationResult result = await handler.InvokeAsync(ContextWithDeadline(deadline, json), new ArrayBufferWriter<byte>(), CancellationToken.None);

        stopwatch.Stop();
        Assert.Equal("StoreUnavailable", result.ErrorType);
        Assert.Equal(1, store.Calls);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(850), $"gave up after {stopwatch.ElapsedMilliseconds} ms, before its budget");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"answered after {stopwatch.ElapsedMilliseconds} ms: the store budget, not the deadline, ended the call");
    }

    private static InvocationContext ContextWithDeadline(DateTimeOffset deadline, string json) => new()
    {
        RequestId = "req-deadline",
        DeadlineUnixMs = deadline.ToUnixTimeMilliseconds(),
        InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:user",
        Event = Encoding.UTF8.GetBytes(json),
    };
}
