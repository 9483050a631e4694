namespace AotAuth.LambdaRuntime;

/// <summary>Entry point of a custom-runtime Lambda function: init, then the invocation loop.</summary>
public static class LambdaBootstrap
{
    /// <summary>
    /// Reads <c>AWS_LAMBDA_RUNTIME_API</c>, runs <paramref name="initialize"/> (build clients, warm up;
    /// if it throws, posts <c>/runtime/init/error</c> and returns a non-zero code), then loops
    /// next → handler → response or error until cancelled or the Runtime API answers in a way that
    /// cannot be recovered from.
    /// </summary>
    /// <param name="initialize">Builds the handler once per process (the cold start's init phase).</param>
    /// <param name="cancellationToken">Cancel to stop the loop (e.g. on SIGTERM); the result is then 0.</param>
    /// <returns>The process exit code, see <see cref="LambdaExitCodes"/>.</returns>
    public static Task<int> RunAsync(Func<CancellationToken, ValueTask<IInvocationHandler>> initialize, CancellationToken cancellationToken = default) =>
        RunAsync(initialize, LambdaBootstrapOptions.Default, cancellationToken);

    /// <summary>As <see cref="RunAsync(Func{CancellationToken, ValueTask{IInvocationHandler}}, CancellationToken)"/>, with explicit options.</summary>
    /// <param name="initialize">Builds the handler once per process (the cold start's init phase).</param>
    /// <param name="options">Where the Runtime API is and how to retry; see <see cref="LambdaBootstrapOptions"/>.</param>
    /// <param name="cancellationToken">Cancel to stop the loop (e.g. on SIGTERM); the result is then 0.</param>
    /// <returns>The process exit code, see <see cref="LambdaExitCodes"/>.</returns>
    public static async Task<int> RunAsync(Func<CancellationToken, ValueTask<IInvocationHandler>> initialize, LambdaBootstrapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        ArgumentNullException.ThrowIfNull(options);

        string? address = options.RuntimeApiAddress ?? Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (!RuntimeApiClient.TryCreate(address, options.NextRetryDelays, out var client))
        {
            RuntimeLog.Error($"AWS_LAMBDA_RUNTIME_API is missing or not host:port ('{address}'); this process must be started by Lambda or a Runtime API emulator.");
            return LambdaExitCodes.NoRuntimeApi;
        }

        using (client)
        {
            IInvocationHandler? handler;
            try
            {
                handler = await initialize(cancellationToken);
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
                RuntimeLog.Error($"Init failed with {type}: {ex.Message}");
                await ReportInitErrorAsync(client, type, ex.Message, ex, "Function." + type, cancellationToken);
                return LambdaExitCodes.InitFailed;
            }

            if (handler is null)
            {
                const string Message = "The initialize callback returned no handler.";
                RuntimeLog.Error(Message);
                await ReportInitErrorAsync(client, "Runtime.NoHandler", Message, null, "Runtime.NoHandler", cancellationToken);
                return LambdaExitCodes.InitFailed;
            }

            return await new InvocationLoop(client, handler, options).RunAsync(cancellationToken);
        }
    }

    private static async Task ReportInitErrorAsync(RuntimeApiClient client, string errorType, string message, Exception? exception, string headerErrorType, CancellationToken cancellationToken)
    {
        try
        {
            var posted = await client.PostInitErrorAsync(errorType, message, exception, headerErrorType, cancellationToken);
            if (posted.Status != PostStatus.Accepted)
            {
                RuntimeLog.Error($"Runtime API did not accept init/error (HTTP {posted.HttpStatus}).");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down anyway; the non-zero exit code still tells Lambda init failed.
        }
    }
}
