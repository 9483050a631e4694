using System.Text.Json;
using AotAuth.Authorizer;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// A warm invocation with a REST REQUEST event (headers, parameters and request context around
/// the token): the real <see cref="AuthorizerHandler"/> answering from its decision cache,
/// against a seed-style port reading the same event by reflection, as in
/// <see cref="AuthorizerHotPathBenchmarks"/>.
/// </summary>
[BenchmarkCategory(Categories.AuthorizerHotPathRequest)]
public class RequestAuthorizerHotPathBenchmarks
{
    private readonly WarmHandlers _warm = new(BenchmarkInputs.RequestEventUtf8);
    private AuthorizerHandler? _handler;

    [GlobalSetup]
    public async Task Setup() => _handler = await _warm.AddAsync(Stream.Null);

    [GlobalCleanup]
    public void Cleanup() => _warm.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] SeedHandlerReflection()
    {
        SeedEvents.RequestEvent e = JsonSerializer.Deserialize<SeedEvents.RequestEvent>(BenchmarkInputs.RequestEventUtf8)!;
        string? token = e.Headers!.FirstOrDefault(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        string effect = token is not null && SeedEvents.Table.ContainsKey(token) ? "Allow" : "Deny";
        return SeedPolicy.Serialize(SeedPolicy.Generate("user", effect, e.MethodArn!));
    }

    [Benchmark]
    [ProductionPath]
    public int AuthorizerHandlerCacheHit() => _warm.CacheHit(_handler!);
}
