using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// One invocation through the Runtime API over loopback HTTP: <c>next</c> answered with a
/// TOKEN event, the answer posted back. The production path is <see cref="LambdaBootstrap"/>
/// running the real authorizer (warm cache); the baseline is the floor any runtime client
/// pays: a bare <see cref="HttpClient"/> doing the same GET and POST with a fixed body.
/// Report-only in CI: the floor cannot be beaten, and <see cref="HttpClient"/> allocates.
/// </summary>
[BenchmarkCategory(Categories.RuntimeRoundTrip)]
public class RuntimeRoundTripBenchmarks
{
    private LoopbackRuntimeApi? _server;
    private BootstrapLoop? _loop;
    private BareRuntimeClient? _bare;

    [GlobalSetup(Target = nameof(LambdaBootstrapAuthorizer))]
    public async Task SetupBootstrap()
    {
        _server = new LoopbackRuntimeApi(BenchmarkInputs.EventUtf8);
        var log = new RuntimeLog(Stream.Null, LogSettings.Parse("JSON", "WARN"));
        _loop = new BootstrapLoop(_server, BenchAuthorizer.Create(log, out _), log);
        await LambdaBootstrapAuthorizer(); // the cache miss, outside the measurement
        if (_server.Errors != 0 || _server.LastResponseLength == 0)
        {
            throw new InvalidOperationException("the bootstrap did not answer the warm-up event with a policy");
        }
    }

    [GlobalSetup(Target = nameof(BareHttpClientGetPost))]
    public void SetupBareClient()
    {
        _server = new LoopbackRuntimeApi(BenchmarkInputs.EventUtf8);
        _bare = new BareRuntimeClient(_server.Address);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_loop is not null)
        {
            await _loop.DisposeAsync();
        }

        _bare?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task BareHttpClientGetPost()
    {
        _server!.ReleaseEvent();
        await _bare!.PostAsync(await _bare.NextAsync());
        await _server.WaitAnsweredAsync();
    }

    [Benchmark]
    [ProductionPath(MustNotAllocate = false, MustBeatBaseline = false)]
    public Task LambdaBootstrapAuthorizer()
    {
        _server!.ReleaseEvent();
        return _server.WaitAnsweredAsync();
    }
}
