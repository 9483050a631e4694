using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// One whole warm decision-cache miss over loopback, as a warm Lambda invocation runs it:
/// <c>next</c> answered with a TOKEN event, one GetItem, the answer posted. The production
/// path is <see cref="LambdaBootstrap"/> running the real authorizer on its DynamoDB client
/// (the functions' options: synchronous I/O) with the decision cache off (TTL 0), so every
/// operation is a miss. The baseline is the floor of the same three requests on a bare async
/// <see cref="HttpClient"/> (no signing, no JSON). Allocations include the loopback fakes'
/// own (a request head string each), the same in both. CI holds the production path to an
/// allocation budget (<see cref="ProductionPathAttribute.MaxAllocatedBytes"/>) so that a
/// regression in what a warm miss allocates fails; its time is reported.
/// </summary>
[BenchmarkCategory(Categories.WarmMiss)]
public class WarmMissBenchmarks
{
    private LoopbackRuntimeApi? _runtime;
    private LoopbackDynamoDb? _dynamoDb;
    private DynamoDbClient? _client;
    private BootstrapLoop? _loop;
    private BareRuntimeClient? _bare;

    [GlobalSetup(Target = nameof(LambdaBootstrapAuthorizerMiss))]
    public async Task SetupBootstrap()
    {
        _runtime = new LoopbackRuntimeApi(BenchmarkInputs.EventUtf8);
        _dynamoDb = new LoopbackDynamoDb();
        var log = new RuntimeLog(Stream.Null, LogSettings.Parse("JSON", "INFO"));
        var storeSettings = new StoreSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), PrimeConnection: true);
        _client = new DynamoDbClient(storeSettings.ClientOptions(new DynamoDbClientOptions
        {
            Endpoint = _dynamoDb.Endpoint,
            Region = "us-east-1",
            Credentials = new AwsCredentials("bench", "bench", "bench-session"),
        }));
        await _client.PrimeAsync(CancellationToken.None);
        var handler = new AuthorizerHandler(
            new DynamoDbTokenStore(_client, "tokens"),
            new DecisionCache(TimeProvider.System, TimeSpan.Zero, 1000),
            TimeProvider.System,
            storeSettings.LongestCall,
            log,
            new EmbeddedMetrics("AotAuth", log, "bench")); // through the log, as the functions write it
        _loop = new BootstrapLoop(_runtime, handler, log);
        await LambdaBootstrapAuthorizerMiss();
        if (_runtime.Errors != 0 || _runtime.LastResponseLength == 0)
        {
            throw new InvalidOperationException("the bootstrap did not answer the warm-up miss with a policy");
        }
    }

    [GlobalSetup(Target = nameof(BareHttpClientNextGetItemPost))]
    public void SetupBareClient()
    {
        _runtime = new LoopbackRuntimeApi(BenchmarkInputs.EventUtf8);
        _dynamoDb = new LoopbackDynamoDb();
        _bare = new BareRuntimeClient(_runtime.Address);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_loop is not null)
        {
            await _loop.DisposeAsync();
        }

        _client?.Dispose();
        _bare?.Dispose();
        _dynamoDb?.Dispose();
        _runtime?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task BareHttpClientNextGetItemPost()
    {
        _runtime!.ReleaseEvent();
        string requestId = await _bare!.NextAsync();
        using (var getItem = new ReadOnlyMemoryContent(LoopbackDynamoDb.GetItemRequest))
        using (HttpResponseMessage item = await _bare.Http.PostAsync(_dynamoDb!.Endpoint, getItem))
        {
            await item.Content.ReadAsByteArrayAsync();
        }

        await _bare.PostAsync(requestId);
        await _runtime.WaitAnsweredAsync();
    }

    [Benchmark]
    [ProductionPath(MustNotAllocate = false, MustBeatBaseline = false, MaxAllocatedBytes = WarmMissAllocationBudget)]
    public Task LambdaBootstrapAuthorizerMiss()
    {
        _runtime!.ReleaseEvent();
        return _runtime.WaitAnsweredAsync();
    }

    /// <summary>
    /// What one warm miss may allocate, loopback fakes included: 5.16 KB measured with the
    /// store budget passed to the store instead of a timer per call (2026-12-06; 5.45 KB before,
    /// 13.0 KB before the client's own connection and in-place signing), plus headroom.
    /// </summary>
    internal const long WarmMissAllocationBudget = 8 * 1024;
}
