using AotAuth.LambdaRuntime;

namespace AotAuth.Benchmarks;

/// <summary>
/// The floor any runtime client pays for one invocation: a bare <see cref="HttpClient"/> GETs
/// <c>next</c> and POSTs a fixed answer (no JSON, no handler). The baseline of
/// <see cref="RuntimeRoundTripBenchmarks"/> and <see cref="WarmMissBenchmarks"/>.
/// </summary>
internal sealed class BareRuntimeClient : IDisposable
{
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private static readonly byte[] FixedResponse = "{\"principalId\":\"user\"}"u8.ToArray();
    private readonly byte[] _eventBuffer = new byte[16 * 1024];
    private readonly string _runtime;

    public BareRuntimeClient(string runtimeApiAddress) => _runtime = $"http://{runtimeApiAddress}/2018-06-01/runtime/";

    /// <summary>The client, for other requests of the same floor (a GetItem).</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false });

    /// <summary>GETs <c>next</c>, reads the event, and returns its request id.</summary>
    public async Task<string> NextAsync()
    {
        using HttpResponseMessage next = await Http.GetAsync(new Uri(_runtime + "invocation/next"), HttpCompletionOption.ResponseHeadersRead);
        string requestId = next.Headers.NonValidated[RequestIdHeader].ToString();
        using Stream body = await next.Content.ReadAsStreamAsync();
        await body.ReadAtLeastAsync(_eventBuffer, BenchmarkInputs.EventUtf8.Length);
        return requestId;
    }

    /// <summary>POSTs the fixed answer for <paramref name="requestId"/>.</summary>
    public async Task PostAsync(string requestId)
    {
        using var content = new ReadOnlyMemoryContent(FixedResponse);
        using HttpResponseMessage posted = await Http.PostAsync(new Uri($"{_runtime}invocation/{requestId}/response"), content);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>The real <see cref="LambdaBootstrap"/> loop running a handler against a loopback Runtime API, until disposed.</summary>
internal sealed class BootstrapLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _loop;

    public BootstrapLoop(LoopbackRuntimeApi runtime, IInvocationHandler handler, RuntimeLog log)
    {
        var options = new LambdaBootstrapOptions { RuntimeApiAddress = runtime.Address, SetTraceIdEnvironmentVariable = false, Log = log };
        _loop = Task.Run(() => LambdaBootstrap.RunAsync((_, _) => ValueTask.FromResult(handler), options, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
