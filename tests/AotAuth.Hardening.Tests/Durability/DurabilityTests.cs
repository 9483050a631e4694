using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AotAuth.Storage;
using Xunit.Abstractions;

namespace AotAuth.Hardening.Tests.Durability;

/// <summary>
/// A stream of PUTs through the in-process gateway (embedded file store, JIT functions) while
/// user function processes are killed at seeded random moments and the whole gateway is
/// stopped and started again on the same data folder: every 204 must be readable afterwards.
/// AOTAUTH_DURABILITY_SEED replays a run; AOTAUTH_DURABILITY_SECONDS sets each phase's length.
/// </summary>
[Collection(Heavy.Name)]
public sealed class DurabilityTests(ITestOutputHelper output) : IDisposable
{
    private const int MinimumPerPhase = 50;
    // A phase ends as soon as it has its 50 acknowledged PUTs; the limit only bounds a loaded machine.
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromSeconds(120);
    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-durability-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task EveryPutAcknowledgedWith204_IsReadable_AfterFunctionKillsAndAGatewayRestart()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("AOTAUTH_DURABILITY_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 424242;
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("AOTAUTH_DURABILITY_SECONDS"), CultureInfo.InvariantCulture, out double d) ? d : 5;
        output.WriteLine($"durability seed {seed} (replay with AOTAUTH_DURABILITY_SEED={seed}), {seconds} s per phase");
        var random = new Random(seed);

        GatewayTestHost gateway = await GatewayTestHost.StartAsync(maxInstances: 2, functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data);
        string token = await gateway.CreateTokenAsync("durable", "PUT /user", "GET /user/*");
        var stream = new PutStream(token, seed);

        // Phase 1, ended by stopping the whole gateway while PUTs are still in flight.
        using (var stop = new CancellationTokenSource())
        {
            Task running = stream.RunAsync(gateway, writers: 4, stop.Token);
            await RunUntilAsync(TimeSpan.FromSeconds(seconds * (0.7 + (random.NextDouble() * 0.6))), () => stream.Acknowledged.Count >= MinimumPerPhase);
            await gateway.DisposeAsync();
            await stop.CancelAsync();
            await running;
        }

        int afterPhase1 = stream.Acknowledged.Count;
        await using (gateway = await GatewayTestHost.StartAsync(maxInstances: 2, functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data))
        {
            using (var stop = new CancellationTokenSource())
            {
                Task running = stream.RunAsync(gateway, writers: 4, stop.Token);
                await RunUntilAsync(TimeSpan.FromSeconds(seconds), () => stream.Acknowledged.Count - afterPhase1 >= MinimumPerPhase);
                await stop.CancelAsync();
                await running;
            }

            int lost = await CountLostAsync(gateway, stream);
            output.WriteLine($"PUTs {stream.Puts}, user function kills {stream.Kills}, gateway restarts 1, acknowledged {stream.Acknowledged.Count} ({afterPhase1} before the restart), lost {lost}");
            output.WriteLine("not acknowledged: " + string.Join(", ", stream.Refused.Select(r => $"{r.Key} {r.Value}")));

            Assert.Equal(0, lost);
            Assert.True(stream.Kills >= 5, $"only {stream.Kills} kills: the run proves little");
            Assert.True(afterPhase1 >= MinimumPerPhase && stream.Acknowledged.Count - afterPhase1 >= MinimumPerPhase, "too few acknowledged PUTs on one side of the restart");
        }
    }

    /// <summary>Waits at least <paramref name="minimum"/> and until <paramref name="enough"/> holds (at most <see cref="PhaseLimit"/>).</summary>
    private static async Task RunUntilAsync(TimeSpan minimum, Func<bool> enough)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((clock.Elapsed < minimum || !enough()) && clock.Elapsed < PhaseLimit)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Reads every acknowledged id directly from the file store and through GET; counts the ones missing or wrong.</summary>
    private async Task<int> CountLostAsync(GatewayTestHost gateway, PutStream stream)
    {
        var store = new FileUserStore(_data);
        string reader = await gateway.CreateTokenAsync("reader", "GET /user/*");
        int lost = 0;
        await Parallel.ForEachAsync(stream.Acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (pair, ct) =>
        {
            User? stored = await store.GetAsync(pair.Key, ct);
            using HttpResponseMessage get = await gateway.SendAsync(HttpMethod.Get, "/user/" + pair.Key, reader);
            string? served = get.StatusCode == HttpStatusCode.OK ? (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync(ct))!["name"] : null;
            if (stored?.Name != pair.Value || served != pair.Value)
            {
                output.WriteLine($"LOST {pair.Key}: store has '{stored?.Name}', GET gave {(int)get.StatusCode} '{served}'");
                Interlocked.Increment(ref lost);
            }
        });
        return lost;
    }
}
