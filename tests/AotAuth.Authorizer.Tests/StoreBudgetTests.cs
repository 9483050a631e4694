using System.Buffers;
using System.Text.Json.Nodes;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.Authorizer.Tests;

/// <summary>
/// The store call's budget (the store timeout, cut to end before the invocation's deadline) is
/// handed to the store, which bounds its own I/O by it, and a store that runs out of it fails
/// closed as <c>TokenStoreTimeout</c>.
/// </summary>
public sealed class StoreBudgetTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryTokenStore _tokens = new();
    private readonly BudgetRecordingStore _store;
    private readonly AuthorizerHandler _handler;
    private readonly RuntimeLog _log = new(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));

    public StoreBudgetTests()
    {
        _tokens.Add("goodToken1", "alice", ["GET /user/*"]);
        _store = new BudgetRecordingStore(_tokens);
        _handler = new AuthorizerHandler(_store, new DecisionCache(_clock, TimeSpan.Zero, 100), _clock, TimeSpan.FromMilliseconds(800), _log, new EmbeddedMetrics("AotAuth", _log, "test", Stream.Null));
    }

    public void Dispose() => _handler.Dispose();

    [Theory]
    [InlineData(5000, 800)] // far from the deadline: the store timeout
    [InlineData(400, 300)]  // near it: what is left, less the margin kept for answering
    public async Task StoreCall_GetsTheStoreTimeout_CutByTheDeadline(int remainingMs, int expectedBudgetMs)
    {
        InvocationResult result = await InvokeAsync(TimeSpan.FromMilliseconds(remainingMs));

        Assert.True(result.IsSuccess);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedBudgetMs), Assert.Single(_store.Budgets));
    }

    [Fact]
    public async Task StoreThatRunsOutOfItsBudget_FailsClosedAsATimeout()
    {
        _store.FailWith = new DynamoDbException(DynamoDbException.TimeoutCode, "DynamoDB GetItem did not complete within 300 ms.", null, true);

        InvocationResult result = await InvokeAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal("TokenStoreTimeout", result.ErrorType);
    }

    private async Task<InvocationResult> InvokeAsync(TimeSpan remaining)
    {
        var context = new InvocationContext
        {
            RequestId = "req-1",
            DeadlineUnixMs = (_clock.GetUtcNow() + remaining).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:authorizer",
            Event = System.Text.Encoding.UTF8.GetBytes(new JsonObject
            {
                ["type"] = "TOKEN",
                ["authorizationToken"] = "goodToken1",
                ["methodArn"] = "arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/user/42",
            }.ToJsonString()),
        };
        return await _handler.InvokeAsync(context, new ArrayBufferWriter<byte>(), CancellationToken.None);
    }

    /// <summary>Records the budget of every budgeted read; fails it on demand.</summary>
    private sealed class BudgetRecordingStore(ITokenStore inner) : ITokenStore
    {
        public List<TimeSpan> Budgets { get; } = [];

        public Exception? FailWith { get; set; }

        public Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken) => inner.GetAsync(tokenHash, cancellationToken);

        public Task<TokenRecord?> GetAsync(string tokenHash, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Budgets.Add(timeout);
            return FailWith is { } failure ? Task.FromException<TokenRecord?>(failure) : inner.GetAsync(tokenHash, cancellationToken);
        }

        public Task PutAsync(TokenRecord record, CancellationToken cancellationToken) => inner.PutAsync(record, cancellationToken);

        public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken) => inner.DeleteAsync(tokenHash, cancellationToken);

        public IAsyncEnumerable<TokenRecord> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
    }
}
