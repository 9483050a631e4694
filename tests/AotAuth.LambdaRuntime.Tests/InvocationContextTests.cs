using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

public class InvocationContextTests
{
    [Fact]
    public async Task The_handler_sees_the_request_id_the_function_arn_and_a_deadline_set_by_the_timeout()
    {
        InvocationContext? seen = null;
        TimeSpan remaining = default;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, _) =>
        {
            seen = context;
            remaining = context.RemainingTime(TimeProvider.System);
            return InvocationResult.Success;
        }));
        const string Arn = "arn:aws:lambda:eu-west-1:111122223333:function:authorizer:live";

        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var outcome = await run.InvokeAsync("{}", new InvokeOptions(TimeSpan.FromSeconds(20), FunctionArn: Arn));
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.NotNull(seen);
        Assert.Equal(outcome.RequestId, seen.RequestId);
        Assert.Equal(Arn, seen.InvokedFunctionArn);
        Assert.Null(seen.TraceId);
        Assert.InRange(seen.DeadlineUnixMs, before + 20_000, after + 20_000);
        Assert.InRange(remaining, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void RemainingTime_is_the_deadline_minus_now_and_never_negative()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var context = new InvocationContext
        {
            RequestId = "id",
            DeadlineUnixMs = now.ToUnixTimeMilliseconds() + 1_500,
            InvokedFunctionArn = "arn",
            Event = ReadOnlyMemory<byte>.Empty,
        };

        Assert.Equal(TimeSpan.FromMilliseconds(1_500), context.RemainingTime(new FixedTimeProvider(now)));
        Assert.Equal(TimeSpan.Zero, context.RemainingTime(new FixedTimeProvider(now.AddSeconds(5))));
    }
}

public class InvocationContextBudgetTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly TimeProvider Clock = new FixedTimeProvider(Now);

    private static InvocationContext DeadlineIn(long milliseconds) => new()
    {
        RequestId = "id",
        DeadlineUnixMs = Now.ToUnixTimeMilliseconds() + milliseconds,
        InvokedFunctionArn = "arn",
        Event = ReadOnlyMemory<byte>.Empty,
    };

    [Fact]
    public void Budget_is_the_limit_when_the_deadline_is_far()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), DeadlineIn(10_000).Budget(Clock, TimeSpan.FromMilliseconds(1_500)));
        // Exactly at the edge: remaining minus the margin equals the limit.
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), DeadlineIn(1_600).Budget(Clock, TimeSpan.FromMilliseconds(1_500)));
    }

    [Fact]
    public void Budget_is_the_remaining_time_less_100_ms_when_the_deadline_is_near()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), InvocationContext.DeadlineMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(1_499), DeadlineIn(1_599).Budget(Clock, TimeSpan.FromMilliseconds(1_500)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), DeadlineIn(300).Budget(Clock, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(1), DeadlineIn(101).Budget(Clock, TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(50)]
    [InlineData(0)]
    [InlineData(-5_000)]
    public void Budget_is_zero_or_less_when_no_time_is_left(long deadlineInMs)
    {
        Assert.True(DeadlineIn(deadlineInMs).Budget(Clock, TimeSpan.FromSeconds(3)) <= TimeSpan.Zero);
    }

    [Fact]
    public void Budget_reads_now_from_the_clock_it_is_given()
    {
        InvocationContext context = DeadlineIn(1_000);

        Assert.Equal(TimeSpan.FromMilliseconds(900), context.Budget(Clock, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(400), context.Budget(new FixedTimeProvider(Now.AddMilliseconds(500)), TimeSpan.FromSeconds(3)));
    }
}
