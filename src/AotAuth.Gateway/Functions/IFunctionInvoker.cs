namespace AotAuth.Gateway;

/// <summary>
/// How the gateway reaches a function: the seam between the emulator and whatever runs the
/// functions (AotAuth.LocalHosting's pool of real processes, or a fake in tests).
/// </summary>
public interface IFunctionInvoker
{
    /// <summary>Invokes the function once with <paramref name="payload"/> as its event.</summary>
    /// <param name="payload">The event, as JSON bytes.</param>
    /// <param name="traceId">The request's X-Ray trace header, passed on as Lambda does.</param>
    /// <param name="cancellationToken">Cancelled when the client goes away or the server stops.</param>
    Task<FunctionResult> InvokeAsync(byte[] payload, string? traceId, CancellationToken cancellationToken);

    /// <summary>
    /// Retires every instance (idle ones now, busy ones when their invocation ends), and with them
    /// whatever they hold in memory; says how many there were. The cache flush relies on it.
    /// </summary>
    Task<int> RetireAllAsync();
}
