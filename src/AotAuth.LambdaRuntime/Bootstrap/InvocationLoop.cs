using System.Buffers;

namespace AotAuth.LambdaRuntime;

/// <summary>The steady-state loop: next → handler → response or error, until told to stop.</summary>
internal sealed class InvocationLoop(RuntimeApiClient client, IInvocationHandler handler, LambdaBootstrapOptions options, RuntimeLog log)
{
    /// <summary>Error type reported when Lambda refuses a response as too large (413).</summary>
    internal const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";

    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    // Reused for every invocation so that the steady state does not allocate a response buffer;
    // cleared (zeroed) after each one because responses carry tokens.
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);

    /// <summary>Runs until cancelled (exit code 0) or until the Runtime API makes going on pointless.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            NextResult next;
            try
            {
                next = client.Next(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return LambdaExitCodes.Cancelled;
            }

            switch (next.Status)
            {
                case NextStatus.Fatal:
                    log.Error($"Runtime API answered next with HTTP {next.HttpStatus} ({next.Detail}); this is not recoverable, exiting.");
                    return LambdaExitCodes.RuntimeApiFatal;
                case NextStatus.MissingRequestId:
                    log.Error("Runtime API answered next without a Lambda-Runtime-Aws-Request-Id header; the event cannot be answered, exiting.");
                    return LambdaExitCodes.ProtocolViolation;
                case NextStatus.Unreachable:
                    log.Error($"Runtime API unreachable after {options.NextRetryDelays.Count} retries ({next.Detail}); exiting.");
                    return LambdaExitCodes.RuntimeApiUnreachable;
            }

            int? exitCode = await InvokeAsync(next.Context!, cancellationToken);
            if (exitCode is int code)
            {
                return code;
            }
        }
    }

    /// <summary>Runs the handler for one event and posts exactly one result; null means "go on".</summary>
    private async ValueTask<int?> InvokeAsync(InvocationContext context, CancellationToken cancellationToken)
    {
        // Both are scoped to this invocation: the AsyncLocal change is undone when this async
        // method returns, the environment variable is overwritten by the next invocation.
        log.CurrentRequestId = context.RequestId;
        log.CurrentTraceId = context.TraceId;
        if (options.SetTraceIdEnvironmentVariable)
        {
            Environment.SetEnvironmentVariable(TraceIdVariable, context.TraceId);
        }

        // The invocation's log and metrics lines leave together once its answer is posted.
        log.BeginInvocation();
        try
        {
            InvocationResult result;
            try
            {
                result = await handler.InvokeAsync(context, _output, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return LambdaExitCodes.Cancelled;
            }
#pragma warning disable CA1031 // A handler failure of any kind is reported to Lambda; the loop must survive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                string type = ex.GetType().Name;
                log.Error($"Handler threw {type}: {ex.Message}");
                return Check(client.PostError(context.RequestId, type, ex.Message, ex, "Function." + type, cancellationToken), "error");
            }

            if (!result.IsSuccess)
            {
                string type = result.ErrorType!;
                return Check(client.PostError(context.RequestId, type, result.ErrorMessage ?? string.Empty, null, "Function." + type, cancellationToken), "error");
            }

            var posted = client.PostResponse(context.RequestId, _output.WrittenMemory, cancellationToken);
            if (posted.Status == PostStatus.TooLarge)
            {
                // Lambda did not record anything for this id, so an error is still the one result.
                log.Error($"Runtime API refused the response ({_output.WrittenCount} bytes) as too large; reporting {ResponseSizeTooLarge}.");
                string message = $"Response payload size ({_output.WrittenCount} bytes) exceeded the maximum allowed payload size.";
                return Check(client.PostError(context.RequestId, ResponseSizeTooLarge, message, null, ResponseSizeTooLarge, cancellationToken), "error");
            }

            return Check(posted, "response");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LambdaExitCodes.Cancelled;
        }
        finally
        {
            _output.Clear();
            client.ClearEvent();
            log.EndInvocation();
        }
    }

    private int? Check(PostResult posted, string what)
    {
        switch (posted.Status)
        {
            case PostStatus.Fatal:
                log.Error($"Runtime API answered the {what} with HTTP {posted.HttpStatus}; this is not recoverable, exiting.");
                return LambdaExitCodes.RuntimeApiFatal;
            case PostStatus.Rejected:
            case PostStatus.TooLarge:
                log.Error($"Runtime API rejected the {what} with HTTP {posted.HttpStatus}; continuing with the next invocation.");
                return null;
            default:
                // Accepted, or Unreachable: the following next either reconnects or ends the loop.
                return null;
        }
    }
}
