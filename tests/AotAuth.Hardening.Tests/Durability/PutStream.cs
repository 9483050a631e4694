using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace AotAuth.Hardening.Tests.Durability;

/// <summary>
/// Concurrent PUTs of fresh ids through one gateway while a seeded killer SIGKILLs user
/// function processes at random moments. Records which ids were acknowledged with 204.
/// </summary>
internal sealed class PutStream(string token, int seed)
{
    private int _next;
    private int _kills;
    private int _puts;

    /// <summary>id -> name of every PUT answered 204.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers other than 204 (by status, or the exception type), for the report.</summary>
    public ConcurrentDictionary<string, int> Refused { get; } = new(StringComparer.Ordinal);

    public int Puts => Volatile.Read(ref _puts);

    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Runs <paramref name="writers"/> writers and the killer until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(GatewayTestHost gateway, int writers, CancellationToken stop)
    {
        var killerRandom = new Random(seed + Volatile.Read(ref _next));
        Task killer = KillAsync(gateway, killerRandom, stop);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => WriteAsync(gateway, stop), CancellationToken.None)));
        await killer;
    }

    private async Task WriteAsync(GatewayTestHost gateway, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            int i = Interlocked.Increment(ref _next);
            string id = $"durable-{i}";
            string name = $"Name {i} seed {seed}";
            Interlocked.Increment(ref _puts);
            try
            {
                using HttpResponseMessage response = await gateway.SendAsync(HttpMethod.Put, "/user", token, $$"""{"id":"{{id}}","name":"{{name}}"}""");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Acknowledged[id] = name;
                }
                else
                {
                    Count(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
#pragma warning disable CA1031 // Any failure (the gateway going down mid-request) just means "not acknowledged".
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Count(ex.GetType().Name);
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private async Task KillAsync(GatewayTestHost gateway, Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(random.Next(100, 600), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            IReadOnlyList<int> pids;
            try
            {
                pids = gateway.Server.User.ProcessIds;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (pids.Count == 0)
            {
                continue;
            }

            try
            {
                using Process victim = Process.GetProcessById(pids[random.Next(pids.Count)]);
                victim.Kill();
                Interlocked.Increment(ref _kills);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone (retired by the pool between the listing and the kill).
            }
        }
    }

    private void Count(string what) => Refused.AddOrUpdate(what, 1, (_, n) => n + 1);
}
