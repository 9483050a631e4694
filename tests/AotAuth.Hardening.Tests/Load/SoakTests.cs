using System.Globalization;
using Xunit.Abstractions;

namespace AotAuth.Hardening.Tests.Load;

/// <summary>
/// A bounded soak through the gateway with the Native AOT functions (what <c>aotauth serve
/// --native</c> runs): 32 clients, cache hits and misses mixed. ~10 s in the normal test run;
/// scripts/soak.sh runs it for 60 s (AOTAUTH_SOAK_SECONDS).
/// </summary>
[Collection(Heavy.Name)]
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 32;
    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-soak-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ThirtyTwoClients_GetOnlyRightAnswers_No5xx_AndFlatFunctionMemory()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("AOTAUTH_SOAK_SECONDS"), CultureInfo.InvariantCulture, out double s) ? s : 10;
        await using GatewayTestHost gateway = await GatewayTestHost.StartAsync(native: true, functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data);
        SoakTokens tokens = await SoakTokens.CreateAsync(gateway);
        SoakClient[] clients = [.. Enumerable.Range(0, Clients).Select(c => new SoakClient(gateway, tokens, c, seed: 7))];
        var memory = new MemorySampler(gateway.Server);

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds)))
        {
            Task sampling = memory.RunAsync(stop.Token);
            await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(stop.Token), CancellationToken.None)));
            await sampling;
        }

        double[] latencies = [.. clients.SelectMany(c => c.LatenciesMs).Order()];
        string[] wrong = [.. clients.SelectMany(c => c.Wrong)];
        int serverErrors = clients.Sum(c => c.ServerErrors);
        var (first, last, peak) = memory.Summary();
        output.WriteLine($"soak {seconds:0} s, {Clients} clients: {latencies.Length} requests ({latencies.Length / seconds:0}/s), {wrong.Length} wrong, {serverErrors} 5xx, "
            + $"p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
        output.WriteLine($"authorizer invocations {gateway.Server.Authorizer.Invocations} (fresh valid tokens {tokens.Fresh}); "
            + $"RSS per instance (authorizer/user, MB): first {first.Authorizer / 1024:F1}/{first.User / 1024:F1}, last {last.Authorizer / 1024:F1}/{last.User / 1024:F1}, "
            + $"peak {peak.Authorizer / 1024:F1}/{peak.User / 1024:F1}; every tenth sample: {memory.Trajectory()}");
        foreach (string line in wrong.Take(10))
        {
            output.WriteLine("WRONG " + line);
        }

        Assert.Empty(wrong);
        Assert.Equal(0, serverErrors);
        Assert.True(latencies.Length > Clients * 10, $"only {latencies.Length} requests");
        Assert.True(last.Authorizer <= (first.Authorizer * 1.5) + (16 * 1024), $"authorizer RSS grew from {first.Authorizer / 1024:F1} MB to {last.Authorizer / 1024:F1} MB");
        Assert.True(last.User <= (first.User * 1.5) + (16 * 1024), $"user function RSS grew from {first.User / 1024:F1} MB to {last.User / 1024:F1} MB");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
