using System.Buffers;

namespace AotAuth.LambdaRuntime;

/// <summary>The function's code: turns one event into a response.</summary>
public interface IInvocationHandler
{
    /// <summary>
    /// Handles one invocation. On success, write the UTF-8 JSON response to <paramref name="output"/>
    /// and return <see cref="InvocationResult.Success"/>. A thrown exception is reported to Lambda as a
    /// function error named after the exception type, and the loop goes on.
    /// </summary>
    /// <param name="context">The invocation; its <see cref="InvocationContext.Event"/> is valid until this call completes.</param>
    /// <param name="output">A buffer reused (and cleared) between invocations; ignored when the result is a failure.</param>
    /// <param name="cancellationToken">Cancelled when the runtime is shutting down.</param>
    ValueTask<InvocationResult> InvokeAsync(InvocationContext context, IBufferWriter<byte> output, CancellationToken cancellationToken);
}
