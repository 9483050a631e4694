namespace AotAuth.LambdaRuntime;

/// <summary>
/// Process exit codes returned by <see cref="LambdaBootstrap.RunAsync(Func{RuntimeLog, CancellationToken, ValueTask{IInvocationHandler}}, CancellationToken)"/>.
/// Lambda only distinguishes zero from non-zero; distinct values make local runs and tests easier to read.
/// </summary>
public static class LambdaExitCodes
{
    /// <summary>The loop was cancelled (shutdown requested).</summary>
    public const int Cancelled = 0;

    /// <summary>The initialize callback failed; <c>/runtime/init/error</c> was posted.</summary>
    public const int InitFailed = 1;

    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c> is missing or not a usable host:port.</summary>
    public const int NoRuntimeApi = 2;

    /// <summary>The Runtime API answered with a non-recoverable status (e.g. 403/500 on <c>next</c>, 500 on a result).</summary>
    public const int RuntimeApiFatal = 3;

    /// <summary>The Runtime API could not be reached, even after a few retries.</summary>
    public const int RuntimeApiUnreachable = 4;

    /// <summary>The Runtime API broke the protocol (e.g. <c>next</c> without a request id).</summary>
    public const int ProtocolViolation = 5;
}
