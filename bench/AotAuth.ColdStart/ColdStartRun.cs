using System.Diagnostics;
using AotAuth.LambdaHost;

namespace AotAuth.ColdStart;

/// <summary>One fresh process, from <see cref="Process.Start()"/> to its first answer.</summary>
internal sealed record ColdStartRun(double InitMs, double FirstAnswerMs, double PeakRssMb, bool Succeeded)
{
    /// <summary>
    /// Starts <paramref name="variant"/> once with an invocation already queued, so the
    /// first <c>/next</c> is answered at once: the time to the first answer is init plus
    /// one invocation, as Lambda's first request sees it.
    /// </summary>
    public static async Task<ColdStartRun> MeasureAsync(Variant variant, byte[] payload)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        Task<InvocationOutcome> outcome = server.InvokeAsync(payload, new InvokeOptions(TimeSpan.FromSeconds(30)));

        var info = new ProcessStartInfo(variant.Executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string arg in variant.Arguments)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in variant.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress;

        long start = Stopwatch.GetTimestamp();
        using Process process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await server.WaitForFirstNextAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            double initMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            InvocationOutcome answer = await outcome;
            double firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            return new ColdStartRun(initMs, firstMs, ReadPeakRssMb(process.Id), answer.Status == InvocationStatus.Success);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // VmHWM: the process's peak resident set so far (what Lambda reports as Max Memory Used).
    private static double ReadPeakRssMb(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
