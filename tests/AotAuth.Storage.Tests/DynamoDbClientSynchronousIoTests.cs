using System.Diagnostics;

namespace AotAuth.Storage.Tests;

/// <summary>
/// <see cref="DynamoDbClientOptions.SynchronousIo"/> (the functions' client) keeps the budgets
/// of async I/O: a call blocked in a socket read is cut off by the request budget and by the
/// caller's token, and a normal answer is read as before. A real loopback socket, not a fake
/// handler: the point is what happens under a blocked read.
/// </summary>
public class DynamoDbClientSynchronousIoTests
{
    private static readonly Dictionary<string, AttributeValue> Key = new() { ["token"] = AttributeValue.FromString("key-value") };

    [Fact]
    public async Task EndpointThatNeverAnswers_TimesOutWithinTheRequestTimeout()
    {
        using var server = ScriptedServer.Silent();
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        // The kernel completes the connection before the server's accept loop counts it, which a loaded machine may run late.
        Assert.True(SpinWait.SpinUntil(() => server.Accepted > 0, TimeSpan.FromSeconds(30)), "the request reached the endpoint");
        // The endpoint never answers: 30 s tells a cut-off (request + connect budget, 600 ms) from a hang on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallBudgetBelowTheClients_CutsABlockedReadOff_AsATimeout()
    {
        // What an invocation's deadline does to a store call: no token, no timer, just the budget.
        using var server = ScriptedServer.Silent();
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromMinutes(2));
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.GetItemAsync("tokens", Key, true, TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.Equal(DynamoDbException.TimeoutCode, ex.ErrorCode);
        Assert.Contains("300 ms", ex.Message, StringComparison.Ordinal);
        // 30 s tells the 300 ms cut-off from the client's own 4 min (request + connect) on a loaded machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallerCancellation_EndsABlockedRead_AsOperationCanceled()
    {
        using var server = ScriptedServer.Silent();
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromMinutes(2));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetItemAsync("tokens", Key, true, cts.Token));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Answer_IsReadOnTheCallingThread_AndTheConnectionIsReused()
    {
        const string Item = """{"Item":{"token":{"S":"key-value"},"principalId":{"S":"p"}}}""";
        using var server = new ScriptedServer((_, _) => ScriptedAnswer.Json(Item));
        using var client = TestClients.Blocking(server.Endpoint, TimeSpan.FromSeconds(30));
        await client.PrimeAsync(CancellationToken.None);
        int thread = Environment.CurrentManagedThreadId;

        for (int i = 0; i < 3; i++)
        {
            Task<IReadOnlyDictionary<string, AttributeValue>?> call = client.GetItemAsync("tokens", Key, true, CancellationToken.None);
            Assert.True(call.IsCompleted, "a synchronous call returns a completed task");
            Assert.Equal("p", (await call)!["principalId"].AsString());
        }

        Assert.Equal(thread, Environment.CurrentManagedThreadId);
        Assert.Equal(1, server.Accepted);
    }
}
