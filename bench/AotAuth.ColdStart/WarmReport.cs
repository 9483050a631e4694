using System.Globalization;
using System.Text;

namespace AotAuth.ColdStart;

/// <summary>
/// The warm part of a <c>--lambda</c> run: per variant and CPU share, latency p50/p90 over every
/// warm miss of every process and CPU per invocation (total CPU over total misses).
/// Full CPU is the 1769 MB share (one vCPU, quota = period).
/// </summary>
internal sealed class WarmReport(IReadOnlyList<string> variants, IReadOnlyList<int> sizes, IReadOnlyDictionary<(string Variant, int Size), List<WarmSeries>> results)
{
    public Statistics Latency(string variant, int size) =>
        Statistics.Of(results.TryGetValue((variant, size), out var runs) ? runs.Where(r => r.Succeeded).SelectMany(r => r.LatenciesMs) : []);

    public int Misses(string variant, int size) =>
        results.TryGetValue((variant, size), out var runs) ? runs.Where(r => r.Succeeded).Sum(r => r.LatenciesMs.Length) : 0;

    public int Failures(string variant, int size) =>
        results.TryGetValue((variant, size), out var runs) ? runs.Count(r => !r.Succeeded) : 0;

    /// <summary>CPU ms per warm invocation over every successful process of the cell (NaN when none).</summary>
    public double CpuPerInvocation(string variant, int size)
    {
        if (!results.TryGetValue((variant, size), out var runs) || !runs.Any(r => r.Succeeded))
        {
            return double.NaN;
        }

        var ok = runs.Where(r => r.Succeeded).ToList();
        return ok.Sum(r => r.CpuMs) / ok.Sum(r => r.LatenciesMs.Length);
    }

    /// <summary>p50 and p90 at <paramref name="size"/> divided by those at full CPU.</summary>
    public (double P50, double P90) Ratio(string variant, int size)
    {
        Statistics full = Latency(variant, LambdaCpu.OneVcpuMb);
        Statistics throttled = Latency(variant, size);
        return (throttled.Median / full.Median, throttled.P90 / full.P90);
    }

    public string Build(int processes)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Warm decision-cache misses (one GetItem each on the open connection): {processes} processes per variant and share, each answering its first event and then the misses. As on Lambda the process is frozen (cgroup freezer) once it asks for the next event and thawed at the next dispatch, {WarmSeries.Gap.TotalMilliseconds:0} ms + a random 0-20 ms later (every invocation in a new CFS period at a random phase). CPU per invocation is the process's CPU time (all threads, freeze and thaw included) over the misses. Latency is dispatch to posted answer as the harness's Runtime API sees it; DynamoDB Local is reached over HTTPS through the loopback TLS proxy.");
        md.AppendLine();
        md.AppendLine("| variant | CPU share | misses | CPU per warm invocation | p50 / p90 (ms) | p50 / p90 vs full CPU | failed processes |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (string v in variants)
        {
            foreach (int s in sizes)
            {
                Statistics l = Latency(v, s);
                (double p50, double p90) = Ratio(v, s);
                string ratio = s == LambdaCpu.OneVcpuMb ? "1" : string.Create(CultureInfo.InvariantCulture, $"{p50:F1}x / {p90:F1}x");
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {v} | {Label(s)} | {Misses(v, s)} | {CpuPerInvocation(v, s):F3} ms | {l.Median:F2} / {l.P90:F2} | {ratio} | {Failures(v, s)} |");
            }
        }

        md.AppendLine();
        double full = CpuPerInvocation(LambdaVariants.Deployed, LambdaCpu.OneVcpuMb);
        // What a function's own work costs: its CPU less what the C floor, which only takes its
        // event and answers, pays in the same harness (the Runtime API exchange, freeze and thaw).
        double floor = variants.Contains(LambdaVariants.CFloor) ? CpuPerInvocation(LambdaVariants.CFloor, LambdaCpu.OneVcpuMb) : double.NaN;
        if (variants.Contains(LambdaVariants.Deployed) && double.IsFinite(floor))
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"CPU per warm invocation above the C floor ({floor:F3} ms) at full CPU: as deployed {full - floor:F3} ms");
            md.AppendLine();
        }

        // As deployed against the same authorizer on AWS's SDK, raw and above the floor. The SDK
        // variant shares our loop and tuning, so it isolates the store; the AWS stack variant runs
        // RuntimeSupport's loop on the runtime's defaults, the stack the warm CPU target is set against.
        foreach (string other in (string[])[LambdaVariants.Sdk, LambdaVariants.AwsStack])
        {
            if (variants.Contains(other) && variants.Contains(LambdaVariants.Deployed))
            {
                double theirs = CpuPerInvocation(other, LambdaCpu.OneVcpuMb);
                string aboveFloor = double.IsFinite(floor)
                    ? string.Create(CultureInfo.InvariantCulture, $"; above the C floor {(full - floor) / (theirs - floor):F2}x")
                    : string.Empty;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"CPU per warm invocation at full CPU, as deployed / {other}: {full / theirs:F2}x ({full:F3} / {theirs:F3} ms){aboveFloor}");
                md.AppendLine();
            }
        }

        return md.ToString();
    }

    public static string Label(int size) => size == LambdaCpu.OneVcpuMb ? "full CPU (1769 MB)" : $"{size} MB";
}
