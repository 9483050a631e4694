namespace AotAuth.Gateway;

/// <summary>
/// A function the gateway cannot run (another runtime, no bootstrap, an integration it does not
/// emulate): every invocation is <see cref="FunctionOutcome.Unavailable"/>, so an integration
/// answers 502 and an authorizer fails closed.
/// </summary>
/// <param name="reason">Why it cannot run, for the error message.</param>
public sealed class UnavailableFunction(string reason) : IFunctionInvoker
{
    /// <inheritdoc />
    public Task<FunctionResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken) =>
        Task.FromResult(new FunctionResult(FunctionOutcome.Unavailable, [], "Runtime.Unavailable", reason));

    /// <inheritdoc />
    public Task<int> RetireAllAsync() => Task.FromResult(0);
}
