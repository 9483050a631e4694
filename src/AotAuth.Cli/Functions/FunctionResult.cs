namespace AotAuth.Cli.Functions;

/// <summary>How an invocation ended, as the gateway needs to know it.</summary>
internal enum FunctionOutcome
{
    /// <summary>The function answered with a result.</summary>
    Success,

    /// <summary>The function reported an error (the handler's, or a malformed event).</summary>
    Error,

    /// <summary>No answer before the function's timeout; the instance was stopped.</summary>
    Timeout,

    /// <summary>The process died (or never started) during the invocation.</summary>
    Crashed,
}

/// <summary>One invocation's result: the payload or the Lambda-style error.</summary>
internal sealed record FunctionResult(FunctionOutcome Outcome, byte[] Payload, string? ErrorType, string? ErrorMessage)
{
    public bool IsSuccess => Outcome == FunctionOutcome.Success;
}
