using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary>The trace id variable is process-wide: these tests run alone (see <see cref="ProcessWideStateGroup"/>).</summary>
[Collection(ProcessWideStateGroup.Name)]
public class ProcessWideStateTests
{
    [Fact]
    public async Task TraceId_IsVisibleInXAmznTraceIdInsideTheHandler_AndClearedWhenAbsent()
    {
        var seen = new List<(string? Header, string? Variable)>();
        await using var run = await LoopRun.StartAsync(new DelegateHandler((context, _) =>
        {
            seen.Add((context.TraceId, Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID")));
            return InvocationResult.Success;
        }));
        const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        await run.InvokeAsync("{}", new InvokeOptions(TimeSpan.FromSeconds(10), TraceId: Trace));
        await run.InvokeAsync("{}");

        Assert.Equal([(Trace, Trace), (null, null)], seen);
    }
}
