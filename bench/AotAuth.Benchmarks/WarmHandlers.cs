using System.Buffers;
using AotAuth.Authorizer;
using AotAuth.LambdaRuntime;

namespace AotAuth.Benchmarks;

/// <summary>
/// What the authorizer hot-path benchmarks share: handlers warmed on one event (each has taken its
/// one cache miss in setup, so every measured call is a hit), the measured call, and their disposal.
/// </summary>
internal sealed class WarmHandlers : IDisposable
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private readonly List<AuthorizerHandler> _handlers = [];
    private readonly InvocationContext _context;

    /// <param name="eventUtf8">The event every handler is warmed on and every measured call answers (its deadline a day away).</param>
    public WarmHandlers(byte[] eventUtf8) => _context = new InvocationContext
    {
        RequestId = "bench",
        DeadlineUnixMs = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(),
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:authorizer",
        Event = eventUtf8,
    };

    /// <summary>
    /// A handler logging to <paramref name="logSink"/> at <paramref name="logLevel"/> (<c>WARN</c>, as the
    /// gated benchmarks run it, leaves the INFO decision line disabled), after its one cache miss.
    /// Disposed with this.
    /// </summary>
    public async Task<AuthorizerHandler> AddAsync(Stream logSink, string logLevel = "WARN", HttpResponseMode httpResponse = HttpResponseMode.Simple)
    {
        AuthorizerHandler handler = BenchAuthorizer.Create(new RuntimeLog(logSink, LogSettings.Parse("JSON", logLevel)), out DecisionCache cache, httpResponse);
        _handlers.Add(handler);
        InvocationResult warm = await handler.InvokeAsync(_context, _output, CancellationToken.None);
        if (!warm.IsSuccess || cache.Count != 1)
        {
            throw new InvalidOperationException($"warm-up failed: {warm.ErrorType} {warm.ErrorMessage}");
        }

        return handler;
    }

    /// <summary>One warm call of <paramref name="handler"/>; throws unless it was answered from the cache, synchronously.</summary>
    public int CacheHit(AuthorizerHandler handler)
    {
        _output.ResetWrittenCount();
        ValueTask<InvocationResult> pending = handler.InvokeAsync(_context, _output, CancellationToken.None);

        // A cache hit completes synchronously; anything else is a broken benchmark.
        if (!pending.IsCompletedSuccessfully || !pending.Result.IsSuccess)
        {
            throw new InvalidOperationException("the warm invocation did not answer from the cache");
        }

        return _output.WrittenCount;
    }

    public void Dispose() => _handlers.ForEach(h => h.Dispose());
}
