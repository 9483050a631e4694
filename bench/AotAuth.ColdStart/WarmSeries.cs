using System.Diagnostics;
using System.Globalization;
using System.Text;
using AotAuth.LocalHosting;

namespace AotAuth.ColdStart;

/// <summary>
/// Warm decision-cache misses in one function process after its first answer: each event holds
/// a token the process has not seen (one GetItem each). As on Lambda, the process is frozen
/// (the cgroup freezer, see <see cref="LambdaCpu.Share.Freeze"/>) once it has asked for the
/// next event after an answer, and thawed just before the next dispatch: what it does after asking (a spinning thread pool, say) burns CPU
/// until the freeze and goes on after the thaw, inside the next invocation's quota. Each
/// dispatch comes <see cref="Gap"/> plus a random part of one CFS period after the freeze, so
/// every invocation starts in a new period at a random phase of it (as an unsaturated sandbox
/// sees traffic; Lambda scales out rather than queue invocations). The process's CPU time is
/// the kernel's per-thread run time (<c>/proc/PID/task/*/schedstat</c>, ns; a thread that ends
/// during the series is not counted) before the first and after the last miss.
/// </summary>
/// <param name="LatenciesMs">Dispatch to answer of each miss.</param>
/// <param name="CpuMs">Process CPU time over the whole series.</param>
/// <param name="Succeeded">Every miss answered as expected.</param>
internal sealed record WarmSeries(double[] LatenciesMs, double CpuMs, bool Succeeded)
{
    /// <summary>Idle time between an answer and the next dispatch, before the random part.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(20);

    private const int PeriodMs = 20;

    /// <summary>CPU time per invocation in ms.</summary>
    public double CpuPerInvocationMs => CpuMs / LatenciesMs.Length;

    public static async Task<WarmSeries> MeasureAsync(RuntimeApiServer server, int pid, LambdaCpu.Share share, Variant variant, IReadOnlyList<byte[]> events, Random random)
    {
        var latencies = new double[events.Count];
        bool succeeded = true;
        // The first invocation's next, then the one after its answer.
        await FreezeWhenPollingAsync(server, share, pid, 2);
        long cpuBefore = CpuNs(pid);
        for (int i = 0; i < events.Count; i++)
        {
            await Task.Delay(Gap + TimeSpan.FromMilliseconds(random.NextDouble() * PeriodMs));
            int polls = server.NextRequestCount;
            share.Thaw(pid);
            long dispatched = Stopwatch.GetTimestamp();
            InvocationOutcome answer = await ColdStartRun.InvokeAsync(server, events[i]);
            latencies[i] = Stopwatch.GetElapsedTime(dispatched).TotalMilliseconds;
            if (answer.Status != InvocationStatus.Success || !Encoding.UTF8.GetString(answer.Body).Contains(variant.ExpectedInAnswer, StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"{variant.Name}: unexpected warm miss {i}: {answer.Status} {answer.ErrorType} {answer.ErrorMessage}");
                succeeded = false;
                break;
            }

            await FreezeWhenPollingAsync(server, share, pid, polls + 1);
        }

        long cpuNs = CpuNs(pid) - cpuBefore;
        share.Thaw(pid);
        return new WarmSeries(latencies, cpuNs / 1e6, succeeded);
    }

    /// <summary>Freezes the process once it has sent <paramref name="polls"/> <c>next</c> requests in all.</summary>
    private static async Task FreezeWhenPollingAsync(RuntimeApiServer server, LambdaCpu.Share share, int pid, int polls)
    {
        long deadline = Environment.TickCount64 + 10_000;
        while (server.NextRequestCount < polls && Environment.TickCount64 < deadline)
        {
            await Task.Yield();
        }

        share.Freeze(pid);
    }

    /// <summary>Run time of every thread of <paramref name="pid"/> so far, in ns (first field of each task's schedstat).</summary>
    private static long CpuNs(int pid)
    {
        long total = 0;
        string tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return 0; // the process exited: its series has failed and its CPU is not reported
        }

        foreach (string task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "schedstat"));
                total += long.Parse(stat.AsSpan(0, stat.IndexOf(' ')), CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return total;
    }
}
