using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

public class InvocationContextTests
{
    [Fact]
    public async Task Handler_SeesTheRequestIdTheFunctionArnAndADeadlineSetByTheTimeout()
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
    public void RemainingTime_IsTheDeadlineMinusNow_AndNeverNegative()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var context = new InvocationContext
        {
            RequestId = "id",
            DeadlineUnixMs = now.ToUnixTimeMilliseconds() + 1_500,
            InvokedFunctionArn = "arn",
            Event = ReadOnlyMemory<byte>.Empty,
        };

        Assert.Equal(TimeSpan.FromMilliseconds(1_500), context.RemainingTime(new FakeTimeProvider(now)));
        Assert.Equal(TimeSpan.Zero, context.RemainingTime(new FakeTimeProvider(now.AddSeconds(5))));
    }
}

public class InvocationContextBudgetTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly TimeProvider Clock = new FakeTimeProvider(Now);

    private static InvocationContext DeadlineIn(long milliseconds) => new()
    {
        RequestId = "id",
        DeadlineUnixMs = Now.ToUnixTimeMilliseconds() + milliseconds,
        InvokedFunctionArn = "arn",
        Event = ReadOnlyMemory<byte>.Empty,
    };

    [Fact]
    public void Budget_IsTheLimit_WhenTheDeadlineIsFar()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), DeadlineIn(10_000).Budget(Clock, TimeSpan.FromMilliseconds(1_500)));
        // Exactly at the edge: remaining minus the margin equals the limit.
        Assert.Equal(TimeSpan.FromMilliseconds(1_500), DeadlineIn(1_600).Budget(Clock, TimeSpan.FromMilliseconds(1_500)));
    }

    [Fact]
    public void Budget_IsTheRemainingTimeLess100Ms_WhenTheDeadlineIsNear()
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
    public void Budget_IsZeroOrLess_WhenNoTimeIsLeft(long deadlineInMs)
    {
        Assert.True(DeadlineIn(deadlineInMs).Budget(Clock, TimeSpan.FromSeconds(3)) <= TimeSpan.Zero);
    }

    [Fact]
    public void Budget_ReadsNowFromTheClockItIsGiven()
    {
        InvocationContext context = DeadlineIn(1_000);

        Assert.Equal(TimeSpan.FromMilliseconds(900), context.Budget(Clock, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(400), context.Budget(new FakeTimeProvider(Now.AddMilliseconds(500)), TimeSpan.FromSeconds(3)));
    }
}
