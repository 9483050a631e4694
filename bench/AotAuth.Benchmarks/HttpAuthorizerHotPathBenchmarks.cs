using System.Buffers;
using System.Text.Json;
using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// A warm invocation with an HTTP API payload 2.0 event: the real <see cref="AuthorizerHandler"/>
/// answering from its decision cache with a simple response (the default) and with an IAM
/// policy (<c>AUTHORIZER_RESPONSE=iam</c>), both gated against a seed-style port that reads the
/// event and writes the simple response by reflection.
/// </summary>
[BenchmarkCategory(Categories.AuthorizerHotPathHttp)]
public class HttpAuthorizerHotPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private AuthorizerHandler? _simple;
    private AuthorizerHandler? _iam;
    private InvocationContext? _context;

    [GlobalSetup]
    public async Task Setup()
    {
        _context = BenchAuthorizer.Context(BenchmarkInputs.HttpEventUtf8);
        _simple = await BenchAuthorizer.CreateWarmAsync(Stream.Null, _context, HttpResponseMode.Simple);
        _iam = await BenchAuthorizer.CreateWarmAsync(Stream.Null, _context, HttpResponseMode.Iam);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _simple?.Dispose();
        _iam?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] SeedHandlerReflection()
    {
        SeedEvents.HttpEvent e = JsonSerializer.Deserialize<SeedEvents.HttpEvent>(BenchmarkInputs.HttpEventUtf8)!;
        bool known = e.Headers!.TryGetValue("authorization", out string? token) && SeedEvents.Table.ContainsKey(token);
        return JsonSerializer.SerializeToUtf8Bytes(SeedEvents.SimpleResponse(known && e.RouteArn is not null, "user"));
    }

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHitSimpleResponse() => BenchAuthorizer.CacheHit(_simple!, _context!, _output);

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHitIamPolicy() => BenchAuthorizer.CacheHit(_iam!, _context!, _output);
}
