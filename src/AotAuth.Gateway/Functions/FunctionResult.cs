namespace AotAuth.Gateway;

/// <summary>How an invocation ended, as the gateway needs to know it.</summary>
public enum FunctionOutcome
{
    /// <summary>The function answered with a result.</summary>
    Success,

    /// <summary>The function reported an error (the handler's, or a malformed event).</summary>
    Error,

    /// <summary>No answer before the function's timeout; the instance was stopped.</summary>
    Timeout,

    /// <summary>The process died (or never started) during the invocation.</summary>
    Crashed,

    /// <summary>
    /// The function cannot run here at all (<c>serve --template</c>: another runtime, no bootstrap,
    /// an integration the gateway does not emulate): its integration answers 502, as a broken one does.
    /// </summary>
    Unavailable,
}

/// <summary>One invocation's result: the payload or the Lambda-style error.</summary>
/// <param name="Outcome">How the invocation ended.</param>
/// <param name="Payload">The result (empty unless <see cref="FunctionOutcome.Success"/>, or the error document).</param>
/// <param name="ErrorType">Lambda's error type, if any.</param>
/// <param name="ErrorMessage">Lambda's error message, if any.</param>
public sealed record FunctionResult(FunctionOutcome Outcome, byte[] Payload, string? ErrorType, string? ErrorMessage)
{
    /// <summary>True when the function answered with a result.</summary>
    public bool IsSuccess => Outcome == FunctionOutcome.Success;
}
