using System.Diagnostics;
using System.Text;
using AotAuth.Core;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using Xunit.Abstractions;
using AotAuth.Testing.Processes;

namespace AotAuth.Hardening.Tests.Faults;

/// <summary>
/// The native authorizer bootstrap against DynamoDB Local through a fault proxy: slow,
/// refusing and throttling DynamoDB give an error (never Allow) within the configured
/// budget, and the same process allows again as soon as DynamoDB is healthy.
/// </summary>
[Collection(Heavy.Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync.")]
public sealed class DynamoDbFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BudgetMs = 500;
    private const string Token = "FaultToken0123456789abcdefABCDEF";
    private static readonly InvokeOptions Patient = new(TimeSpan.FromSeconds(10));

    private readonly string _table = $"hardening-token-{Guid.NewGuid():N}";
    private DynamoDbClient _client = null!;
    private DynamoDbFaultProxy _proxy = null!;
    private RuntimeApiServer _server = null!;
    private ChildProcess _function = null!;

    public async Task InitializeAsync()
    {
        _client = DynamoDbLocal.CreateClient();
        await DynamoDbTables.EnsureTokenTableAsync(_client, _table);
        await new DynamoDbTokenStore(_client, _table).PutAsync(new TokenRecord(TokenHash.Compute(Token).ToHex(), "faulty", ["GET /user/*"], null), CancellationToken.None);
        _proxy = new DynamoDbFaultProxy(new Uri(DynamoDbLocal.Endpoint));
        _server = await RuntimeApiServer.StartAsync();
        _function = TestProcesses.Start(RepoPaths.NativeBootstrap("AotAuth.Authorizer"), new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = _server.RuntimeApiAddress,
            ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["DYNAMODB_ENDPOINT"] = _proxy.Endpoint,
            ["TOKEN_TABLE"] = _table,
            ["DYNAMODB_TIMEOUT_MS"] = BudgetMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CACHE_TTL_SECONDS"] = "0",
        });
        await AssertAllowedAsync("before any fault");
    }

    public async Task DisposeAsync()
    {
        await _function.DisposeAsync();
        await _server.DisposeAsync();
        await _proxy.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task SlowDynamoDb_GivesAnErrorWithinTheBudget_AndTheSameProcessAllowsAgainOnceItIsFast()
    {
        _proxy.Delay = TimeSpan.FromSeconds(3);
        _proxy.Mode = ProxyMode.Slow;
        for (int i = 0; i < 3; i++)
        {
            InvocationOutcome outcome = await AssertFailedClosedAsync("slow");
            Assert.True(outcome.Duration < TimeSpan.FromMilliseconds(BudgetMs + 500), $"answered after {outcome.Duration.TotalMilliseconds:0} ms, budget {BudgetMs} ms");
        }

        _proxy.Mode = ProxyMode.Pass;
        await AssertAllowedAsync("after the delay went away");
    }

    [Fact]
    public async Task Throttling_GivesAnErrorAfterABoundedNumberOfAttempts_AndTheSameProcessRecovers()
    {
        _proxy.Mode = ProxyMode.Throttle;
        for (int i = 1; i <= 3; i++)
        {
            int before = _proxy.ThrottledRequests;
            await AssertFailedClosedAsync("throttled");
            int attempts = _proxy.ThrottledRequests - before;
            output.WriteLine($"throttled invocation {i}: {attempts} attempts");
            Assert.InRange(attempts, 2, 3); // retried, and at most 1 + MaxRetries (2) attempts
        }

        _proxy.Mode = ProxyMode.Pass;
        await AssertAllowedAsync("after throttling stopped");
    }

    [Fact]
    public async Task RefusingDynamoDb_GivesAnError_AndTheSameProcessRecoversWhenItAcceptsAgain()
    {
        _proxy.Mode = ProxyMode.Refuse;
        for (int i = 0; i < 3; i++)
        {
            await AssertFailedClosedAsync("refused");
        }

        _proxy.Mode = ProxyMode.Pass;
        await AssertAllowedAsync("after DynamoDB came back");
    }

    private Task<InvocationOutcome> InvokeAsync() => _server.InvokeAsync(Encoding.UTF8.GetBytes(
        $$"""{"type":"TOKEN","authorizationToken":"{{Token}}","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/user/1"}"""), Patient);

    private async Task<InvocationOutcome> AssertFailedClosedAsync(string fault)
    {
        var clock = Stopwatch.StartNew();
        InvocationOutcome outcome = await InvokeAsync();
        output.WriteLine($"{fault}: {outcome.Status} {outcome.ErrorType} in {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(InvocationStatus.Error, outcome.Status);
        Assert.StartsWith("TokenStore", outcome.ErrorType, StringComparison.Ordinal);
        Assert.DoesNotContain("Allow", Encoding.UTF8.GetString(outcome.Body), StringComparison.Ordinal);
        Assert.False(_function.HasExited, _function.Output);
        return outcome;
    }

    private async Task AssertAllowedAsync(string when)
    {
        int pid = _function.Id;
        InvocationOutcome outcome = await InvokeAsync();
        Assert.True(outcome.Status == InvocationStatus.Success, $"{when}: {outcome.Status} {outcome.ErrorType} {outcome.ErrorMessage}\n{_function.Output}");
        Assert.Contains("\"Effect\":\"Allow\"", Encoding.UTF8.GetString(outcome.Body), StringComparison.Ordinal);
        Assert.Equal(pid, _function.Id);
        Assert.Empty(_server.Anomalies);
    }
}
