using System.Text.Json;
using AotAuth.Authorizer;
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
    private readonly WarmHandlers _warm = new(BenchmarkInputs.EventUtf8);
    private FileStream? _devNull;
    private AuthorizerHandler? _handler;
    private AuthorizerHandler? _infoHandler;

    [GlobalSetup]
    public async Task Setup()
    {
        _devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        _handler = await _warm.AddAsync(_devNull);
        _infoHandler = await _warm.AddAsync(_devNull, "INFO");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warm.Dispose();
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
    public int AuthorizerHandlerCacheHit() => _warm.CacheHit(_handler!);

    [Benchmark]
    public int AuthorizerHandlerCacheHitWithInfoLogLine() => _warm.CacheHit(_infoHandler!);
}
