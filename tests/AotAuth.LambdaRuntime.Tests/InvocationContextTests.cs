using AotAuth.LambdaHost;
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
