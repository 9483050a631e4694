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
    public static async Task<ColdStartRun> MeasureAsync(Variant variant)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        Task<InvocationOutcome> outcome = server.InvokeAsync(variant.Payload, new InvokeOptions(TimeSpan.FromSeconds(30)));

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
            using var initTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForFirstNextAsync(initTimeout.Token);
            double initMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            InvocationOutcome answer = await outcome;
            double firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            bool answered = answer.Status == InvocationStatus.Success
                && System.Text.Encoding.UTF8.GetString(answer.Body).Contains(variant.ExpectedInAnswer, StringComparison.Ordinal);
            if (!answered)
            {
                await Console.Error.WriteLineAsync($"{variant.Name}: unexpected first answer {answer.Status} {answer.ErrorType} {answer.ErrorMessage} {System.Text.Encoding.UTF8.GetString(answer.Body)}");
            }

            return new ColdStartRun(initMs, firstMs, ReadPeakRssMb(process.Id), answered);
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
