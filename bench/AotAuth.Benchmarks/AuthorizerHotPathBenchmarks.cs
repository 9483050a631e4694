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
/// dictionary standing in for the GetItem the seed makes on every call. The handler runs
/// with <c>AWS_LAMBDA_LOG_LEVEL=WARN</c> (its INFO decision line disabled) and formats
/// its EMF line to <see cref="Stream.Null"/>; a second, ungated benchmark shows the same
/// call with the INFO decision line written to /dev/null (one write(2) per line).
/// </summary>
[BenchmarkCategory(Categories.AuthorizerHotPath)]
public class AuthorizerHotPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private readonly Dictionary<string, string> _seedTable = new(StringComparer.Ordinal) { [BenchmarkInputs.Token] = "user" };
    private AuthorizerHandler? _handler;
    private InvocationContext? _context;
    private static readonly LogSettings InfoLevel = LogSettings.Parse("JSON", "INFO");
    private static readonly LogSettings WarnLevel = LogSettings.Parse("JSON", "WARN");
    private FileStream? _devNull;

    [GlobalSetup]
    public async Task Setup()
    {
        _devNull = new FileStream("/dev/null", FileMode.Open, FileAccess.Write);
        RuntimeLog.Redirect(_devNull, WarnLevel);
        _handler = BenchAuthorizer.Create(out DecisionCache cache);
        _context = new InvocationContext
        {
            RequestId = "bench",
            DeadlineUnixMs = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:authorizer",
            Event = BenchmarkInputs.EventUtf8,
        };

        // The one cache miss: fills the decision cache, so every measured call is a hit.
        InvocationResult warm = await _handler.InvokeAsync(_context, _output, CancellationToken.None);
        if (!warm.IsSuccess || cache.Count != 1)
        {
            throw new InvalidOperationException($"warm-up failed: {warm.ErrorType} {warm.ErrorMessage}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handler?.Dispose();
        _devNull?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] SeedHandlerReflection()
    {
        SeedPolicy.TokenEvent e = JsonSerializer.Deserialize<SeedPolicy.TokenEvent>(BenchmarkInputs.EventUtf8)!;
        string effect = _seedTable.ContainsKey(e.AuthorizationToken!) ? "Allow" : "Deny";
        return SeedPolicy.Serialize(SeedPolicy.Generate("user", effect, e.MethodArn!));
    }

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHit()
    {
        _output.ResetWrittenCount();
        ValueTask<InvocationResult> pending = _handler!.InvokeAsync(_context!, _output, CancellationToken.None);

        // A cache hit completes synchronously; anything else is a broken benchmark.
        if (!pending.IsCompletedSuccessfully || !pending.Result.IsSuccess)
        {
            throw new InvalidOperationException("the warm invocation did not answer from the cache");
        }

        return _output.WrittenCount;
    }

    [Benchmark]
    public int AuthorizerHandlerCacheHitWithInfoLogLine()
    {
        RuntimeLog.Redirect(_devNull!, InfoLevel);
        try
        {
            return AuthorizerHandlerCacheHit();
        }
        finally
        {
            RuntimeLog.Redirect(_devNull!, WarnLevel);
        }
    }
}
