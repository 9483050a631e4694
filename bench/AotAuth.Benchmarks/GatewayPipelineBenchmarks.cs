using System.Text;
using AotAuth.Core.Api;
using AotAuth.Gateway;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Time.Testing;

namespace AotAuth.Benchmarks;

/// <summary>
/// The local gateway's own cost per request, without Kestrel and without function processes:
/// the built-in REST API on <see cref="GatewayPipeline"/>, warm, the token's policy in the result
/// cache, the user function answering at once at the invoker seam. The baseline is the cheapest
/// answer the pipeline gives (no route: 403), so the difference is routing's, the policy's, the
/// mapping templates' and the integration response's share.
/// </summary>
[BenchmarkCategory(Categories.GatewayPipeline)]
public class GatewayPipelineBenchmarks
{
    private const string Token = "abcdefgh12345678";
    private readonly KeyValuePair<string, string>[] _headers = [new("Authorization", Token)];
    private GatewayPipeline? _pipeline;
    private RestApiFlavour? _flavour;

    [GlobalSetup]
    public async Task Setup()
    {
        string policy = """{"principalId":"bench","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:local/prod/GET/user/*"}]}}""";
        var functions = new GatewayFunctions(new Dictionary<string, IFunctionInvoker>
        {
            [AotAuthApi.AuthorizerFunction] = new AnsweringFunction(policy),
            [AotAuthApi.UserFunction] = new AnsweringFunction("""{"id":"42","name":"Ada","updatedBy":"bench"}"""),
        });
        var metrics = new GatewayMetrics();
        _flavour = new RestApiFlavour(AotAuthApi.Definition, functions, new GatewaySettings("us-east-1", new FakeTimeProvider(DateTimeOffset.UtcNow)), metrics, _ => { });
        _pipeline = new GatewayPipeline(_flavour, metrics, adminSecret: null, _ => { });

        // Warm: the token's policy is cached from here on.
        await GetAsync("/user/42");
    }

    [GlobalCleanup]
    public void Cleanup() => _flavour?.Dispose();

    [Benchmark(Baseline = true)]
    public Task<GatewayAnswer> UnmatchedRoute() => GetAsync("/nowhere");

    [Benchmark]
    public Task<GatewayAnswer> CachedAllowGetUser() => GetAsync("/user/42");

    private Task<GatewayAnswer> GetAsync(string target) =>
        _pipeline!.HandleAsync(new GatewayRequest("GET", target, _headers, Stream.Null, null, "127.0.0.1"), CancellationToken.None);

    /// <summary>A function that answers every event at once with the same payload.</summary>
    private sealed class AnsweringFunction(string payload) : IFunctionInvoker
    {
        private readonly FunctionResult _result = new(FunctionOutcome.Success, Encoding.UTF8.GetBytes(payload), null, null);

        public Task<FunctionResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken) => Task.FromResult(_result);

        public Task<int> RetireAllAsync() => Task.FromResult(0);
    }
}
