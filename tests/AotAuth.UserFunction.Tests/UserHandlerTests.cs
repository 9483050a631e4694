using System.Text;
using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.UserFunction.Tests;

public sealed class UserHandlerTests : IDisposable
{
    private readonly UserHandlerRig _rig = new();

    public void Dispose() => _rig.Dispose();

    private static string Put(string body, string principal = "alice") =>
        $$"""{"action":"put","principalId":"{{principal}}","body":{{body}}}""";

    [Fact]
    public async Task Put_StoresTheUserWithWhoAndWhen()
    {
        InvocationResult result = await _rig.InvokeAsync(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.True(result.IsSuccess);
        Assert.Equal("null", Encoding.UTF8.GetString(_rig.Output.WrittenSpan));
        Assert.Equal(new User("u1", "Ada", "alice", "2026-11-26T12:30:15.250Z"), _rig.Store.Users["u1"]);
    }

    [Fact]
    public async Task Get_ReturnsTheStoredUser()
    {
        _rig.Store.Users["u2"] = new User("u2", "Grace \"G\" Hopper", "bob", "2026-01-01T00:00:00.000Z");

        InvocationResult result = await _rig.InvokeAsync("""{"action":"get","principalId":"alice","id":"u2"}""");

        Assert.True(result.IsSuccess);
        JsonNode user = JsonNode.Parse(_rig.Output.WrittenSpan)!;
        Assert.Equal("u2", (string?)user["id"]);
        Assert.Equal("Grace \"G\" Hopper", (string?)user["name"]);
        Assert.Equal("bob", (string?)user["updatedBy"]);
        Assert.Equal("2026-01-01T00:00:00.000Z", (string?)user["updatedAt"]);
    }

    [Fact]
    public async Task GetOfAMissingUser_IsNotFound()
    {
        InvocationResult result = await _rig.InvokeAsync("""{"action":"get","principalId":"alice","id":"nobody"}""");

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
        InvocationResult result = await _rig.InvokeAsync(json);

        Assert.False(result.IsSuccess);
        Assert.Equal("BadRequest", result.ErrorType);
        Assert.StartsWith("BadRequest: ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_rig.Store.Users);
    }

    [Fact]
    public async Task IdAndNameLimits_AreCountedInCharacters()
    {
        string id128 = string.Concat(Enumerable.Repeat("😀", 128));
        string name256 = new('n', 256);

        Assert.True((await _rig.InvokeAsync(Put($$"""{"id":"{{id128}}","name":"{{name256}}"}"""))).IsSuccess);
        Assert.Equal("BadRequest", (await _rig.InvokeAsync(Put($$"""{"id":"{{id128}}x","name":"n"}"""))).ErrorType);
        Assert.Equal("BadRequest", (await _rig.InvokeAsync(Put($$"""{"id":"u","name":"{{name256}}x"}"""))).ErrorType);
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
        InvocationResult result = await _rig.InvokeAsync(json);

        Assert.False(result.IsSuccess);
        Assert.Equal("InvalidEvent", result.ErrorType);
        Assert.False(result.ErrorMessage!.StartsWith("BadRequest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StoreFailure_IsAPlainErrorAndNotAcknowledged()
    {
        _rig.Store.FailWith = new TimeoutException("slow");

        InvocationResult result = await _rig.InvokeAsync(Put("""{"id":"u1","name":"Ada"}"""));

        Assert.False(result.IsSuccess);
        Assert.Equal("StoreUnavailable", result.ErrorType);
        Assert.DoesNotMatch("^(BadRequest|NotFound)", result.ErrorMessage);
        Assert.Equal(0, _rig.Output.WrittenCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(-2_000)]
    public async Task WithNoTimeLeftBeforeTheDeadline_ItAnswersStoreUnavailable_WithoutCallingTheStore(long deadlineInMs)
    {
        using var rig = new UserHandlerRig(storeBudget: TimeSpan.FromSeconds(3));
        rig.Store.Users["u1"] = new User("u1", "Ada", "alice", "2026-01-01T00:00:00.000Z");

        foreach (string json in new[] { """{"action":"get","principalId":"alice","id":"u1"}""", Put("""{"id":"u2","name":"Grace"}""") })
        {
            InvocationResult result = await rig.InvokeAsync(json, deadline: UserHandlerRig.Now.AddMilliseconds(deadlineInMs));

            Assert.Equal("StoreUnavailable", result.ErrorType);
            Assert.StartsWith("StoreUnavailable: ", result.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal(0, rig.Output.WrittenCount);
        }

        Assert.Equal(0, rig.Store.Calls);
        Assert.False(rig.Store.Users.ContainsKey("u2"));
    }

    [Fact]
    public async Task WithTimeLeft_TheSameRequestReachesTheStore()
    {
        // The control for the test above: the same clock and a deadline just past the margin.
        using var rig = new UserHandlerRig(storeBudget: TimeSpan.FromSeconds(3));
        rig.Store.Users["u1"] = new User("u1", "Ada", "alice", "2026-01-01T00:00:00.000Z");

        InvocationResult result = await rig.InvokeAsync("""{"action":"get","principalId":"alice","id":"u1"}""", deadline: UserHandlerRig.Now.AddMilliseconds(150));

        Assert.True(result.IsSuccess);
        Assert.Equal(1, rig.Store.Calls);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    public async Task HangingStore_IsCutOffBeforeTheInvocationDeadline_NotAfterTheStoreBudget(string action)
    {
        // A 5-minute store budget against a deadline 1 s away: the call must end with the deadline
        // (less its 100 ms margin, exactly checked by InvocationContextBudgetTests), not with the
        // budget. The bounds leave a loaded CI machine seconds of slack and still tell the two apart.
        using var rig = new UserHandlerRig(storeBudget: TimeSpan.FromMinutes(5), clock: TimeProvider.System);
        rig.Store.Hang = true;
        string json = action == "get" ? """{"action":"get","principalId":"alice","id":"u1"}""" : Put("""{"id":"u1","name":"Ada"}""");
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(1);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        InvocationResult result = await rig.InvokeAsync(json, deadline);

        stopwatch.Stop();
        Assert.Equal("StoreUnavailable", result.ErrorType);
        Assert.Equal(1, rig.Store.Calls);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(850), $"gave up after {stopwatch.ElapsedMilliseconds} ms, before its budget");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"answered after {stopwatch.ElapsedMilliseconds} ms: the store budget, not the deadline, ended the call");
    }
}
