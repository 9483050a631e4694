using System.Diagnostics;
using System.Text;
using AotAuth.LambdaHost;

namespace AotAuth.ColdStart;

/// <summary>
/// One fresh process, from <see cref="Process.Start()"/> to its first answer, and (when the
/// variant has a <see cref="Variant.WarmPayload"/>) the duration of one warm invocation after it.
/// </summary>
/// <param name="InitMs">Process start to its first <c>/next</c>.</param>
/// <param name="FirstAnswerMs">Process start to the posted answer of the first invocation.</param>
/// <param name="PeakRssMb">The process's peak resident set (what Lambda reports as Max Memory Used).</param>
/// <param name="Succeeded">Both invocations answered as expected.</param>
/// <param name="WarmMs">Dispatch to answer of the second invocation; NaN when none was made.</param>
internal sealed record ColdStartRun(double InitMs, double FirstAnswerMs, double PeakRssMb, bool Succeeded, double WarmMs)
{
    private static readonly InvokeOptions Patient = new(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Starts <paramref name="variant"/> once with an invocation already queued, so the
    /// first <c>/next</c> is answered at once: the time to the first answer is init plus
    /// one invocation, as Lambda's first request sees it. With <paramref name="cpu"/>, the
    /// process runs in that cgroup and is cut to its invocation share when init is over.
    /// </summary>
    public static async Task<ColdStartRun> MeasureAsync(Variant variant, LambdaCpu.Share? cpu = null)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { OnInitDone = cpu is null ? null : cpu.Throttle });
        Task<InvocationOutcome> outcome = server.InvokeAsync(variant.Payload, Patient);

        IEnumerable<string> command = (cpu?.Launcher ?? []).Append(variant.Executable).Concat(variant.Arguments);
        var info = new ProcessStartInfo(command.First())
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string arg in command.Skip(1))
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
        if (cpu is not null)
        {
            // The launcher parks itself in its cgroup; the clock starts when it may exec.
            LambdaCpu.Share.WaitUntilStopped(process.Id);
            start = Stopwatch.GetTimestamp();
            LambdaCpu.Share.Release(process.Id);
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var initTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForFirstNextAsync(initTimeout.Token);
            double initMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            InvocationOutcome answer = await outcome;
            double firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            bool answered = Check(variant, "first", answer);
            double warmMs = double.NaN;
            if (answered && variant.WarmPayload is { } warm)
            {
                long dispatched = Stopwatch.GetTimestamp();
                answered = Check(variant, "warm", await server.InvokeAsync(warm, Patient));
                warmMs = Stopwatch.GetElapsedTime(dispatched).TotalMilliseconds;
            }

            return new ColdStartRun(initMs, firstMs, ReadPeakRssMb(process.Id), answered, warmMs);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static bool Check(Variant variant, string which, InvocationOutcome answer)
    {
        bool ok = answer.Status == InvocationStatus.Success
            && Encoding.UTF8.GetString(answer.Body).Contains(variant.ExpectedInAnswer, StringComparison.Ordinal);
        if (!ok)
        {
            Console.Error.WriteLine($"{variant.Name}: unexpected {which} answer {answer.Status} {answer.ErrorType} {answer.ErrorMessage} {Encoding.UTF8.GetString(answer.Body)}");
        }

        return ok;
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
