using AotAuth.Authorizer;
using AotAuth.Core;
using AotAuth.LambdaRuntime;
using AotAuth.Storage;

namespace AotAuth.Benchmarks;

/// <summary>Builds the production authorizer for the benchmarks.</summary>
internal static class BenchAuthorizer
{
    /// <summary>
    /// The real handler over an in-memory token store holding the benchmark token, logging to
    /// <paramref name="log"/>, with its EMF metrics written to <see cref="Stream.Null"/>
    /// (formatted, then dropped).
    /// </summary>
    public static AuthorizerHandler Create(RuntimeLog log, out DecisionCache cache, HttpResponseMode httpResponse = HttpResponseMode.Simple)
    {
        var record = new TokenRecord(TokenHash.Compute(BenchmarkInputs.Token).ToHex(), BenchmarkInputs.PrincipalId, [BenchmarkInputs.Scope], null);
        cache = new DecisionCache(TimeProvider.System, TimeSpan.FromHours(1), 1000);
        var metrics = new EmbeddedMetrics("AotAuth", log, "bench", Stream.Null);
        return new AuthorizerHandler(new InMemoryTokenStore(record), cache, TimeProvider.System, TimeSpan.FromSeconds(1), log, metrics, httpResponse);
    }

    /// <summary>A warm invocation's context for <paramref name="eventUtf8"/>, its deadline a day away.</summary>
    public static InvocationContext Context(byte[] eventUtf8) => new()
    {
        RequestId = "bench",
        DeadlineUnixMs = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(),
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:authorizer",
        Event = eventUtf8,
    };

    /// <summary>
    /// A handler at <c>AWS_LAMBDA_LOG_LEVEL=WARN</c> (as the gated hot-path benchmark runs it) after its
    /// one cache miss for <paramref name="context"/>'s event, so that every measured call is a hit.
    /// </summary>
    public static async Task<AuthorizerHandler> CreateWarmAsync(Stream logSink, InvocationContext context, HttpResponseMode httpResponse = HttpResponseMode.Simple)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        AuthorizerHandler handler = Create(new RuntimeLog(logSink, LogSettings.Parse("JSON", "WARN")), out DecisionCache cache, httpResponse);
        InvocationResult warm = await handler.InvokeAsync(context, output, CancellationToken.None);
        if (!warm.IsSuccess || cache.Count != 1)
        {
            handler.Dispose();
            throw new InvalidOperationException($"warm-up failed: {warm.ErrorType} {warm.ErrorMessage}");
        }

        return handler;
    }

    /// <summary>One warm call; throws unless it was answered from the cache, synchronously.</summary>
    public static int CacheHit(AuthorizerHandler handler, InvocationContext context, System.Buffers.ArrayBufferWriter<byte> output)
    {
        output.ResetWrittenCount();
        ValueTask<InvocationResult> pending = handler.InvokeAsync(context, output, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully || !pending.Result.IsSuccess)
        {
            throw new InvalidOperationException("the warm invocation did not answer from the cache");
        }

        return output.WrittenCount;
    }
}
