using System.Buffers;
using System.Text.Json;
using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// A warm invocation: raw TOKEN event bytes in, policy bytes out. The production path is
/// the real <see cref="AuthorizerHandler"/> answering from its decision cache; the
/// baseline is the seed's handler ported to C# (reflection JSON in and out), with a
/// dictionary standing in for the GetItem the seed makes on every call. The handler logs
/// at <c>AWS_LAMBDA_LOG_LEVEL=WARN</c> (its INFO decision line disabled) and formats
/// its EMF line to <see cref="Stream.Null"/>; a second, ungated benchmark shows the same
/// call on a second handler whose log is at INFO, its decision line written to /dev/null
/// (one write(2) per line).
/// </summary>
[BenchmarkCategory(Categories.AuthorizerHotPath)]
public class AuthorizerHotPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private AuthorizerHandler? _handler;
    private AuthorizerHandler? _infoHandler;
    private InvocationContext? _context;
    private FileStream? _devNull;

    [GlobalSetup]
    public async Task Setup()
    {
        _devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        _context = BenchAuthorizer.Context(BenchmarkInputs.EventUtf8);
        _handler = await WarmAsync(new RuntimeLog(_devNull, LogSettings.Parse("JSON", "WARN")));
        _infoHandler = await WarmAsync(new RuntimeLog(_devNull, LogSettings.Parse("JSON", "INFO")));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handler?.Dispose();
        _infoHandler?.Dispose();
        _devNull?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] SeedHandlerReflection()
    {
        SeedPolicy.TokenEvent e = JsonSerializer.Deserialize<SeedPolicy.TokenEvent>(BenchmarkInputs.EventUtf8)!;
        string effect = SeedEvents.Table.ContainsKey(e.AuthorizationToken!) ? "Allow" : "Deny";
        return SeedPolicy.Serialize(SeedPolicy.Generate("user", effect, e.MethodArn!));
    }

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHit() => CacheHit(_handler!);

    [Benchmark]
    public int AuthorizerHandlerCacheHitWithInfoLogLine() => CacheHit(_infoHandler!);

    private int CacheHit(AuthorizerHandler handler)
    {
        _output.ResetWrittenCount();
        ValueTask<InvocationResult> pending = handler.InvokeAsync(_context!, _output, CancellationToken.None);

        // A cache hit completes synchronously; anything else is a broken benchmark.
        if (!pending.IsCompletedSuccessfully || !pending.Result.IsSuccess)
        {
            throw new InvalidOperationException("the warm invocation did not answer from the cache");
        }

        return _output.WrittenCount;
    }

    /// <summary>A handler logging to <paramref name="log"/> after its one cache miss, so every measured call is a hit.</summary>
    private async Task<AuthorizerHandler> WarmAsync(RuntimeLog log)
    {
        AuthorizerHandler handler = BenchAuthorizer.Create(log, out DecisionCache cache);
        InvocationResult warm = await handler.InvokeAsync(_context!, _output, CancellationToken.None);
        if (!warm.IsSuccess || cache.Count != 1)
        {
            handler.Dispose();
            throw new InvalidOperationException($"warm-up failed: {warm.ErrorType} {warm.ErrorMessage}");
        }

        return handler;
    }
}
