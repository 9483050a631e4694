using AotAuth.Core.Contracts;

namespace AotAuth.LambdaRuntime;

/// <summary>Entry point of a custom-runtime Lambda function: init, then the invocation loop.</summary>
public static class LambdaBootstrap
{
    /// <summary>
    /// Reads <c>AWS_LAMBDA_RUNTIME_API</c>, makes the function's <see cref="RuntimeLog"/> from
    /// <c>AWS_LAMBDA_LOG_FORMAT</c> and <c>AWS_LAMBDA_LOG_LEVEL</c>, runs <paramref name="initialize"/>
    /// with it (build clients, warm up; if it throws, posts <c>/runtime/init/error</c> and returns a
    /// non-zero code), then loops next → handler → response or error until cancelled or the Runtime
    /// API answers in a way that cannot be recovered from. The loop's I/O is synchronous (see
    /// <see cref="RuntimeApiClient"/>): it blocks the thread it runs on, which is the calling
    /// thread unless init went asynchronous. Await it from <c>Main</c>; run it with
    /// <see cref="Task.Run(Func{Task})"/> to do other work beside it.
    /// </summary>
    /// <param name="initialize">Builds the handler once per process (the cold start's init phase), given the log to write to.</param>
    /// <param name="cancellationToken">Cancel to stop the loop (e.g. on SIGTERM); the result is then 0.</param>
    /// <returns>The process exit code, see <see cref="LambdaExitCodes"/>.</returns>
    public static Task<int> RunAsync(Func<RuntimeLog, CancellationToken, ValueTask<IInvocationHandler>> initialize, CancellationToken cancellationToken = default) =>
        RunAsync(initialize, LambdaBootstrapOptions.Default, cancellationToken);

    /// <summary>As <see cref="RunAsync(Func{RuntimeLog, CancellationToken, ValueTask{IInvocationHandler}}, CancellationToken)"/>, with explicit options.</summary>
    /// <param name="initialize">Builds the handler once per process (the cold start's init phase), given the log to write to.</param>
    /// <param name="options">Where the Runtime API is, how to retry, which log; see <see cref="LambdaBootstrapOptions"/>.</param>
    /// <param name="cancellationToken">Cancel to stop the loop (e.g. on SIGTERM); the result is then 0.</param>
    /// <returns>The process exit code, see <see cref="LambdaExitCodes"/>.</returns>
    public static async Task<int> RunAsync(Func<RuntimeLog, CancellationToken, ValueTask<IInvocationHandler>> initialize, LambdaBootstrapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(options);

        RuntimeLog log = options.Log ?? RuntimeLog.FromEnvironment(options.Environment);
        string? address = options.RuntimeApiAddress ?? options.Environment(LambdaVariables.RuntimeApi);
        if (!RuntimeApiClient.TryCreate(address, options.NextRetryDelays, log, out var client))
        {
            log.Error($"AWS_LAMBDA_RUNTIME_API is missing or not host:port ('{address}'); this process must be started by Lambda or a Runtime API emulator.");
            return LambdaExitCodes.NoRuntimeApi;
        }

        using (client)
        {
            IInvocationHandler? handler;
            try
            {
                handler = await initialize(log, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return LambdaExitCodes.Cancelled;
            }
#pragma warning disable CA1031 // Any init failure must be reported to Lambda before the process exits.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                string type = ex.GetType().Name;
                log.Error($"Init failed with {type}: {ex.Message}");
                ReportInitError(client, log, type, ex.Message, ex, "Function." + type, cancellationToken);
                return LambdaExitCodes.InitFailed;
            }

            if (handler is null)
            {
                const string Message = "The initialize callback returned no handler.";
                log.Error(Message);
                ReportInitError(client, log, "Runtime.NoHandler", Message, null, "Runtime.NoHandler", cancellationToken);
                return LambdaExitCodes.InitFailed;
            }

            return await new InvocationLoop(client, handler, options, log).RunAsync(cancellationToken);
        }
    }

    private static void ReportInitError(RuntimeApiClient client, RuntimeLog log, string errorType, string message, Exception? exception, string headerErrorType, CancellationToken cancellationToken)
    {
        try
        {
            var posted = client.PostInitError(errorType, message, exception, headerErrorType, cancellationToken);
            if (posted.Status != PostStatus.Accepted)
            {
                log.Error($"Runtime API did not accept init/error (HTTP {posted.HttpStatus}).");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down anyway; the non-zero exit code still tells Lambda init failed.
        }
    }
}
