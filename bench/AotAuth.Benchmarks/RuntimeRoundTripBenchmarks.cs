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
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";

    private readonly byte[] _fixedResponse = "{\"principalId\":\"user\"}"u8.ToArray();
    private readonly byte[] _eventBuffer = new byte[16 * 1024];
    private LoopbackRuntimeApi? _server;
    private CancellationTokenSource? _stop;
    private Task<int>? _loop;
    private HttpClient? _http;

    [GlobalSetup(Target = nameof(LambdaBootstrapAuthorizer))]
    public async Task SetupBootstrap()
    {
        _server = new LoopbackRuntimeApi(BenchmarkInputs.EventUtf8);
        _stop = new CancellationTokenSource();
        var log = new RuntimeLog(Stream.Null, LogSettings.Parse("JSON", "WARN"));
        AuthorizerHandler handler = BenchAuthorizer.Create(log, out _);
        var options = new LambdaBootstrapOptions { RuntimeApiAddress = _server.Address, SetTraceIdEnvironmentVariable = false, Log = log };
        _loop = Task.Run(() => LambdaBootstrap.RunAsync((_, _) => ValueTask.FromResult<IInvocationHandler>(handler), options, _stop.Token));
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
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://{_server.Address}/2018-06-01/runtime/"),
        };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
            await _loop!;
            _stop.Dispose();
        }

        _http?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task BareHttpClientGetPost()
    {
        _server!.ReleaseEvent();
        string requestId;
        using (HttpResponseMessage next = await _http!.GetAsync(new Uri("invocation/next", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            requestId = next.Headers.NonValidated[RequestIdHeader].ToString();
            using Stream body = await next.Content.ReadAsStreamAsync();
            await body.ReadAtLeastAsync(_eventBuffer, BenchmarkInputs.EventUtf8.Length);
        }

        using var content = new ReadOnlyMemoryContent(_fixedResponse);
        using HttpResponseMessage posted = await _http.PostAsync(new Uri($"invocation/{requestId}/response", UriKind.Relative), content);
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
