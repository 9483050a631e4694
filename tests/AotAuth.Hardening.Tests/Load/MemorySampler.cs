using System.Globalization;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Hardening.Tests.Load;

/// <summary>
/// Samples VmRSS of every function process once a second (mean per instance, authorizer and
/// user function apart); reports the first and last tenth of the run after a warm-up.
/// </summary>
internal sealed class MemorySampler(GatewayHost server)
{
    private readonly List<(double AuthorizerKb, double UserKb)> _samples = [];

    public int Samples => _samples.Count;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            double authorizer = MeanKb(server.Authorizer.ProcessIds), user = MeanKb(server.User.ProcessIds);
            if (authorizer > 0 && user > 0)
            {
                _samples.Add((authorizer, user));
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Mean RSS per instance (KB) over the first and the last tenth of the samples, skipping the first 2 s of warm-up.</summary>
    public ((double Authorizer, double User) First, (double Authorizer, double User) Last, (double Authorizer, double User) Peak) Summary()
    {
        var warm = _samples.Skip(Math.Min(2, Math.Max(0, _samples.Count - 2))).ToList();
        Assert.NotEmpty(warm);
        int tenth = Math.Max(1, warm.Count / 10);
        static (double, double) Mean(IEnumerable<(double A, double U)> s) => (s.Average(x => x.A), s.Average(x => x.U));
        return (Mean(warm.Take(tenth)), Mean(warm.TakeLast(tenth)), (warm.Max(x => x.AuthorizerKb), warm.Max(x => x.UserKb)));
    }

    /// <summary>Every tenth sample, in MB, for the report.</summary>
    public string Trajectory() => string.Join(" ", _samples.Where((_, i) => i % Math.Max(1, _samples.Count / 10) == 0)
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.AuthorizerKb / 1024:F1}/{s.UserKb / 1024:F1}")));

    private static double MeanKb(IReadOnlyList<int> pids)
    {
        long[] rss = [.. pids.Select(ReadRssKb).Where(kb => kb > 0)];
        return rss.Length == 0 ? 0 : rss.Average();
    }

    private static long ReadRssKb(int pid)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
