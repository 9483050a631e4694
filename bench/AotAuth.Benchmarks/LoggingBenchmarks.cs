using AotAuth.LambdaRuntime;
using BenchmarkDotNet.Attributes;

namespace AotAuth.Benchmarks;

/// <summary>
/// What a log line at a disabled level costs on the hot path: the structured line the
/// authorizer builds per invocation, with its level turned off, against doing nothing.
/// </summary>
[BenchmarkCategory(Categories.Logging)]
public class LoggingBenchmarks
{
    private readonly RuntimeLog _log = new(Stream.Null, LogSettings.Parse("JSON", "WARN"));

    [Benchmark(Baseline = true)]
    public int NoLogging() => 0;

    [Benchmark]
    public int DisabledDecisionLine()
    {
        using LogLine line = _log.Begin(LogLevel.Info, "authorizer decision");
        if (line.IsEnabled)
        {
            line.Add("decision"u8, "allow"u8);
            line.Add("durationMs"u8, 0.5);
        }

        return 0;
    }
}
