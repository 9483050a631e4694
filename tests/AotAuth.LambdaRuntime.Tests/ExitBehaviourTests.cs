using System.Diagnostics;
using AotAuth.Core.Contracts;
using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;

namespace AotAuth.LambdaRuntime.Tests;

public class ExitBehaviourTests
{
    private static readonly InvokeOptions Short = new(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task InitFailure_IsReportedToInitError_AndTheExitCodeIsNonZero()
    {
        await using var run = await LoopRun.StartAsync(_ => throw new InvalidOperationException("no table name configured"));

        int exitCode = await run.Exit.WaitAsync(LoopRun.Patience);
        var report = await run.Server.InitError.WaitAsync(LoopRun.Patience);

        Assert.Equal(LambdaExitCodes.InitFailed, exitCode);
        Assert.Equal("InvalidOperationException", report.ErrorType);
        Assert.Equal("no table name configured", report.ErrorMessage);
        Assert.Equal(0, run.Server.NextRequestCount);
    }

    [Fact]
    public async Task NextAnswering500_EndsTheLoopWithANonZeroExitCode()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo(), s => s.InjectFault(RuntimeApiFault.NextReturns500));

        Assert.Equal(LambdaExitCodes.RuntimeApiFatal, await run.Exit.WaitAsync(LoopRun.Patience));
        Assert.Equal(1, run.Server.NextRequestCount);
    }

    [Fact]
    public async Task NextAnswering403_EndsTheLoopWithANonZeroExitCode()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo(), s => s.InjectFault(RuntimeApiFault.NextReturns403));

        Assert.Equal(LambdaExitCodes.RuntimeApiFatal, await run.Exit.WaitAsync(LoopRun.Patience));
    }

    [Fact]
    public async Task NextAnswerWithoutARequestId_EndsTheLoopWithANonZeroExitCode()
    {
        var handler = DelegateHandler.Echo();
        await using var run = await LoopRun.StartAsync(handler, s => s.InjectFault(RuntimeApiFault.NextOmitsRequestId));

        var outcome = await run.InvokeAsync("{}", Short);

        Assert.Equal(LambdaExitCodes.ProtocolViolation, await run.Exit.WaitAsync(LoopRun.Patience));
        Assert.Equal(InvocationStatus.Timeout, outcome.Status);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task ResponseAnsweredWith500_EndsTheLoopWithANonZeroExitCode()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo(), s => s.InjectFault(RuntimeApiFault.ResponseReturns500));

        var outcome = await run.InvokeAsync("{}", Short);

        Assert.Equal(LambdaExitCodes.RuntimeApiFatal, await run.Exit.WaitAsync(LoopRun.Patience));
        Assert.Equal(InvocationStatus.Timeout, outcome.Status);
        Assert.Equal(1, run.Server.NextRequestCount);
    }

    [Fact]
    public async Task ResponseRejectedWith400_IsSkipped_AndTheLoopGoesOn()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo(), s => s.InjectFault(RuntimeApiFault.ResponseReturns400));

        var rejected = await run.InvokeAsync("\"first\"", Short);
        var accepted = await run.InvokeAsync("\"second\"");

        Assert.Equal(InvocationStatus.Timeout, rejected.Status);
        Assert.Equal(InvocationStatus.Success, accepted.Status);
        Assert.Equal("\"second\"", Utf8.Text(accepted.Body));
        Assert.False(run.Exit.IsCompleted);
    }

    [Fact]
    public async Task NextConnectionDroppedOnce_IsRetried_AndTheLoopRecovers()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo(), s => s.InjectFault(RuntimeApiFault.NextClosesConnection));

        var outcome = await run.InvokeAsync("\"after the drop\"");

        Assert.Equal(InvocationStatus.Success, outcome.Status);
        Assert.True(run.Server.NextRequestCount >= 2, "the dropped next was not retried");
        Assert.False(run.Exit.IsCompleted);
    }

    [Fact]
    public async Task Loop_ExitsNonZeroWithinABoundedTime_WhenTheServerGoesAway()
    {
        var run = await LoopRun.StartAsync(DelegateHandler.Echo());
        await using (run)
        {
            await run.Server.WaitForFirstNextAsync(CancellationToken.None).WaitAsync(LoopRun.Patience);
            var clock = Stopwatch.StartNew();
            await run.Server.DisposeAsync();

            int exitCode = await run.Exit.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(LambdaExitCodes.RuntimeApiUnreachable, exitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task CancellingTheToken_EndsTheLoopWithExitCodeZero()
    {
        await using var run = await LoopRun.StartAsync(DelegateHandler.Echo());
        await run.Server.WaitForFirstNextAsync(CancellationToken.None).WaitAsync(LoopRun.Patience);

        Assert.Equal(LambdaExitCodes.Cancelled, await run.StopAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:9001/extra")]
    [InlineData("not a host")]
    public async Task MissingOrMalformedRuntimeApiAddress_ExitsNonZero(string address)
    {
        bool initialized = false;
        int exitCode = await LambdaBootstrap.RunAsync(
            (_, _) =>
            {
                initialized = true;
                return ValueTask.FromResult<IInvocationHandler>(DelegateHandler.Echo());
            },
            new LambdaBootstrapOptions { RuntimeApiAddress = address });

        Assert.Equal(LambdaExitCodes.NoRuntimeApi, exitCode);
        Assert.False(initialized);
    }

    [Fact]
    public async Task WithoutAnAddress_TheLoopReadsAwsLambdaRuntimeApi_FromItsEnvironment()
    {
        await using var server = await RuntimeApiServer.StartAsync();
        var environment = new Dictionary<string, string?> { [LambdaVariables.RuntimeApi] = server.RuntimeApiAddress };
        using var stop = new CancellationTokenSource();
        var options = new LambdaBootstrapOptions { Environment = environment.GetValueOrDefault, Log = new RuntimeLog(Stream.Null, LogSettings.Parse(null, null)) };
        var exit = Task.Run(() => LambdaBootstrap.RunAsync((_, _) => ValueTask.FromResult<IInvocationHandler>(DelegateHandler.Echo()), options, stop.Token)); // the loop blocks its thread
        var outcome = await server.InvokeAsync(Utf8.Bytes("\"env\"")).WaitAsync(LoopRun.Patience);
        await stop.CancelAsync();

        Assert.Equal("\"env\"", Utf8.Text(outcome.Body));
        Assert.Equal(LambdaExitCodes.Cancelled, await exit.WaitAsync(LoopRun.Patience));
    }

    [Fact]
    public async Task AnEmptyEnvironment_HasNoRuntimeApi_AndTheProcessExitsNonZero()
    {
        int exitCode = await LambdaBootstrap.RunAsync(
            (_, _) => ValueTask.FromResult<IInvocationHandler>(DelegateHandler.Echo()),
            new LambdaBootstrapOptions { Environment = _ => null, Log = new RuntimeLog(Stream.Null, LogSettings.Parse(null, null)) });

        Assert.Equal(LambdaExitCodes.NoRuntimeApi, exitCode);
    }
}
