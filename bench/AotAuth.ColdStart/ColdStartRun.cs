using System.Diagnostics;
using System.Text;
using AotAuth.LocalHosting;

namespace AotAuth.ColdStart;

/// <summary>
/// One fresh process, from <see cref="ChildProcess.Start"/> to its first answer, and (when the
/// variant has a <see cref="Variant.WarmPayload"/>) the duration of one warm invocation after it.
/// </summary>
/// <param name="InitMs">Process start to its first <c>/next</c>.</param>
/// <param name="FirstAnswerMs">Process start to the posted answer of the first invocation.</param>
/// <param name="PeakRssMb">The process's peak resident set (what Lambda reports as Max Memory Used).</param>
/// <param name="Succeeded">Both invocations answered as expected.</param>
/// <param name="WarmMs">Dispatch to answer of the second invocation; NaN when none was made.</param>
/// <param name="Misses">The warm misses after the first answer, when asked for (then there is no single warm invocation).</param>
internal sealed record ColdStartRun(double InitMs, double FirstAnswerMs, double PeakRssMb, bool Succeeded, double WarmMs, WarmSeries? Misses = null)
{
    private static readonly InvokeOptions Patient = new(TimeSpan.FromSeconds(30));

    // Longer than Patient: an event taken just before this runs out still gets its own timeout.
    private static readonly TimeSpan Unclaimed = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Starts <paramref name="variant"/> once with an invocation already queued, so the
    /// first <c>/next</c> is answered at once: the time to the first answer is init plus
    /// one invocation, as Lambda's first request sees it. With <paramref name="cpu"/>, the
    /// process runs in that cgroup and is cut to its invocation share when init is over.
    /// With <paramref name="misses"/> (and <paramref name="cpu"/>), those events follow the first answer as a
    /// <see cref="WarmSeries"/> instead of the variant's single warm invocation.
    /// </summary>
    public static async Task<ColdStartRun> MeasureAsync(Variant variant, LambdaCpu.Share? cpu = null, IReadOnlyList<byte[]>? misses = null, Random? random = null)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { OnInitDone = cpu is null ? null : cpu.Throttle });
        Task<InvocationOutcome> outcome = server.InvokeAsync(variant.Payload, Patient);

        string[] command = [.. cpu?.Launcher ?? [], variant.Executable, .. variant.Arguments];
        var options = new ChildProcessOptions
        {
            Arguments = command[1..],
            Environment = ChildProcessOptions.EnvironmentOf(variant.Environment),
            KeepOutput = false,
        };

        long start = Stopwatch.GetTimestamp();
        await using ChildProcess process = FunctionProcess.Start(server, command[0], options);
        if (cpu is not null)
        {
            // The launcher parks itself in its cgroup; the clock starts when it may exec.
            LambdaCpu.Share.WaitUntilStopped(process.Id);
            start = Stopwatch.GetTimestamp();
            LambdaCpu.Share.Release(process.Id);
        }

        using var initTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForFirstNextAsync(initTimeout.Token);
        double initMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        InvocationOutcome answer = await outcome;
        double firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        bool answered = Check(variant, "first", answer);
        double warmMs = double.NaN;
        if (answered && misses is not null && cpu is not null)
        {
            WarmSeries series = await WarmSeries.MeasureAsync(server, process.Id, cpu, variant, misses, random ?? Random.Shared);
            return new ColdStartRun(initMs, firstMs, process.PeakResidentSetMb() ?? double.NaN, series.Succeeded, warmMs, series);
        }

        if (answered && variant.WarmPayload is { } warm)
        {
            long dispatched = Stopwatch.GetTimestamp();
            answered = Check(variant, "warm", await InvokeAsync(server, warm));
            warmMs = Stopwatch.GetElapsedTime(dispatched).TotalMilliseconds;
        }

        return new ColdStartRun(initMs, firstMs, process.PeakResidentSetMb() ?? double.NaN, answered, warmMs);
    }

    /// <summary>
    /// Invokes with the harness's patience. An event no process asks for waits in the Runtime API's
    /// queue with no deadline (Lambda's timeout starts when the event is handed out), so one the
    /// function never takes, because it exited, is given up after <see cref="Unclaimed"/> as a
    /// timeout instead of holding the run.
    /// </summary>
    internal static async Task<InvocationOutcome> InvokeAsync(RuntimeApiServer server, byte[] payload)
    {
        using var unclaimed = new CancellationTokenSource(Unclaimed);
        try
        {
            return await server.InvokeAsync(payload, Patient, unclaimed.Token);
        }
        catch (OperationCanceledException) when (unclaimed.IsCancellationRequested)
        {
            return new InvocationOutcome(string.Empty, InvocationStatus.Timeout, [], "Harness.Unclaimed", $"no process took the event within {Unclaimed.TotalSeconds:0} s (did it exit?)", Unclaimed);
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
}
