using System.Text.Json;
using AotAuth.Authorizer;
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
    private readonly WarmHandlers _warm = new(BenchmarkInputs.HttpEventUtf8);
    private AuthorizerHandler? _simple;
    private AuthorizerHandler? _iam;

    [GlobalSetup]
    public async Task Setup()
    {
        _simple = await _warm.AddAsync(Stream.Null, httpResponse: HttpResponseMode.Simple);
        _iam = await _warm.AddAsync(Stream.Null, httpResponse: HttpResponseMode.Iam);
    }

    [GlobalCleanup]
    public void Cleanup() => _warm.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] SeedHandlerReflection()
    {
        SeedEvents.HttpEvent e = JsonSerializer.Deserialize<SeedEvents.HttpEvent>(BenchmarkInputs.HttpEventUtf8)!;
        bool known = e.Headers!.TryGetValue("authorization", out string? token) && SeedEvents.Table.ContainsKey(token);
        return JsonSerializer.SerializeToUtf8Bytes(SeedEvents.SimpleResponse(known && e.RouteArn is not null, "user"));
    }

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHitSimpleResponse() => _warm.CacheHit(_simple!);

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHitIamPolicy() => _warm.CacheHit(_iam!);
}
