namespace AotAuth.LambdaRuntime;

/// <summary>
/// One invocation as the Runtime API's <c>next</c> call described it.
/// </summary>
/// <remarks>
/// <see cref="Event"/> points into a buffer the runtime reuses (and clears) for the next
/// invocation: it is only valid until the handler's <see cref="IInvocationHandler.InvokeAsync"/>
/// completes. Copy what must outlive the invocation.
/// </remarks>
public sealed class InvocationContext
{
    /// <summary>The invocation's id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    public required string RequestId { get; init; }

    /// <summary>When Lambda stops the invocation, in Unix epoch milliseconds (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public required long DeadlineUnixMs { get; init; }

    /// <summary>The ARN that was invoked, with alias or version (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</summary>
    public required string InvokedFunctionArn { get; init; }

    /// <summary>The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>), when Lambda sent one.</summary>
    public string? TraceId { get; init; }

    /// <summary>What <see cref="Budget"/> keeps back before the deadline.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>The raw UTF-8 body of the <c>next</c> answer: the event. Valid during the invocation only.</summary>
    public required ReadOnlyMemory<byte> Event { get; init; }

    /// <summary>Time left until <see cref="DeadlineUnixMs"/>; never negative.</summary>
    /// <param name="clock">The clock to read "now" from (<see cref="TimeProvider.System"/> in production).</param>
    public TimeSpan RemainingTime(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long remaining = DeadlineUnixMs - clock.GetUtcNow().ToUnixTimeMilliseconds();
        return remaining > 0 ? TimeSpan.FromMilliseconds(remaining) : TimeSpan.Zero;
    }

    /// <summary>
    /// How long a call made now may take: <paramref name="limit"/>, cut so that it ends
    /// <see cref="DeadlineMargin"/> before the deadline (time to answer and log). Zero or less
    /// means there is no time left to start it.
    /// </summary>
    /// <param name="clock">The clock to read "now" from.</param>
    /// <param name="limit">The call's own budget.</param>
    public TimeSpan Budget(TimeProvider clock, TimeSpan limit)
    {
        TimeSpan left = RemainingTime(clock) - DeadlineMargin;
        return left < limit ? left : limit;
    }
}
