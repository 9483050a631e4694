using AotAuth.Core.Contracts;

namespace AotAuth.LambdaRuntime;

/// <summary>Settings for <see cref="LambdaBootstrap"/>; the defaults are what Lambda expects.</summary>
public sealed class LambdaBootstrapOptions
{
    /// <summary>
    /// Where <c>AWS_LAMBDA_RUNTIME_API</c> and the log variables are read (<see cref="EnvironmentSettings"/>);
    /// the process environment by default.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// The Runtime API's <c>host:port</c>. Null reads <c>AWS_LAMBDA_RUNTIME_API</c> from <see cref="Environment"/>; tests and local
    /// harnesses set it so that several loops can run in one process.
    /// </summary>
    public string? RuntimeApiAddress { get; init; }

    /// <summary>
    /// Delays between retries when <c>next</c> cannot connect (connection refused or reset).
    /// Short and bounded: on Lambda the Runtime API is local, so a longer outage means the sandbox is gone.
    /// </summary>
    public IReadOnlyList<TimeSpan> NextRetryDelays { get; init; } = DefaultNextRetryDelays;

    /// <summary>
    /// The function's log, handed to the init callback and used by the loop. Null makes one from
    /// <c>AWS_LAMBDA_LOG_FORMAT</c> and <c>AWS_LAMBDA_LOG_LEVEL</c> on stderr (what Lambda expects);
    /// tests and benchmarks pass their own.
    /// </summary>
    public RuntimeLog? Log { get; init; }

    /// <summary>Whether to copy <c>Lambda-Runtime-Trace-Id</c> into <c>_X_AMZN_TRACE_ID</c> per invocation (process-wide).</summary>
    public bool SetTraceIdEnvironmentVariable { get; init; } = true;

    internal static readonly TimeSpan[] DefaultNextRetryDelays =
    [
        TimeSpan.FromMilliseconds(50),
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(400),
    ];

    internal static LambdaBootstrapOptions Default { get; } = new();
}
