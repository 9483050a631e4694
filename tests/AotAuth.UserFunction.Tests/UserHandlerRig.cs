using System.Buffers;
using System.Text;
using AotAuth.LambdaRuntime;

namespace AotAuth.UserFunction.Tests;

/// <summary>
/// A <see cref="UserHandler"/> over a <see cref="FakeUserStore"/>, invoked as the runtime loop
/// invokes it: an event, a deadline on the handler's own clock, and an output buffer.
/// </summary>
internal sealed class UserHandlerRig : IDisposable
{
    /// <summary>Where the fake clock stands.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 30, 15, 250, TimeSpan.Zero);

    private readonly UserHandler _handler;

    /// <param name="storeBudget">How long one store call may take; 1 s unless given.</param>
    /// <param name="clock">The handler's clock; a fake one standing at <see cref="Now"/> unless given.</param>
    public UserHandlerRig(TimeSpan? storeBudget = null, TimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(Now);
        // INFO, so every request line is formatted; written nowhere, since no test reads it.
        var log = new RuntimeLog(Stream.Null, new LogSettings(Json: false, MinimumLevel: LogLevel.Info));
        _handler = new UserHandler(Store, Clock, storeBudget ?? TimeSpan.FromSeconds(1), log, new EmbeddedMetrics("AotAuth", log, "test", Stream.Null));
    }

    public FakeUserStore Store { get; } = new();

    public TimeProvider Clock { get; }

    /// <summary>What the last invocation wrote.</summary>
    public ArrayBufferWriter<byte> Output { get; } = new();

    /// <summary>
    /// Invokes the handler with the event <paramref name="json"/>. The deadline is 5 s after the
    /// clock's now unless given: the handler cuts store calls to end before it, on its own clock.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(string json, DateTimeOffset? deadline = null)
    {
        Output.ResetWrittenCount();
        var context = new InvocationContext
        {
            RequestId = "req-1",
            DeadlineUnixMs = (deadline ?? Clock.GetUtcNow().AddSeconds(5)).ToUnixTimeMilliseconds(),
            InvokedFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:user",
            Event = Encoding.UTF8.GetBytes(json),
        };
        return await _handler.InvokeAsync(context, Output, CancellationToken.None);
    }

    public void Dispose() => _handler.Dispose();
}
