using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

/// <summary>Environment variables are process-wide: these tests run alone.</summary>
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

    [Fact]
    public async Task RunAsyncWithoutOptions_ReadsTheAddressFromAwsLambdaRuntimeApi()
    {
        await using var server = await RuntimeApiServer.StartAsync();
        string? previous = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", server.RuntimeApiAddress);
        using var stop = new CancellationTokenSource();
        try
        {
            var exit = Task.Run(() => LambdaBootstrap.RunAsync((_, _) => ValueTask.FromResult<IInvocationHandler>(DelegateHandler.Echo()), stop.Token)); // the loop blocks its thread
            var outcome = await server.InvokeAsync(Utf8.Bytes("\"env\"")).WaitAsync(LoopRun.Patience);
            await stop.CancelAsync();

            Assert.Equal("\"env\"", Utf8.Text(outcome.Body));
            Assert.Equal(LambdaExitCodes.Cancelled, await exit.WaitAsync(LoopRun.Patience));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API", previous);
        }
    }
}
