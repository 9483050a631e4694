using System.Text;
using AotAuth.LocalHosting;
using AotAuth.LambdaRuntime;
using AotAuth.Testing.Processes;

namespace AotAuth.Hardening.Tests.Faults;

/// <summary>
/// Runtime API faults against the native authorizer bootstrap as a real process (the
/// in-process loop is covered in AotAuth.LambdaRuntime.Tests): exit codes and messages,
/// and never two answers for one request id.
/// </summary>
[Collection(Heavy.Name)]
public sealed class RuntimeApiFaultTests
{
    private static readonly TimeSpan ExitPatience = TimeSpan.FromSeconds(15);

    // A token that fails the syntax check: answered Unauthorized with no store call.
    private static readonly byte[] Event = Encoding.UTF8.GetBytes(
        """{"type":"TOKEN","authorizationToken":"not-a-token!","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/user/1"}""");

    [Theory]
    [InlineData(RuntimeApiFault.NextReturns500, LambdaExitCodes.RuntimeApiFatal, "answered next with HTTP 500")]
    [InlineData(RuntimeApiFault.NextReturns403, LambdaExitCodes.RuntimeApiFatal, "answered next with HTTP 403")]
    [InlineData(RuntimeApiFault.NextOmitsRequestId, LambdaExitCodes.ProtocolViolation, "without a Lambda-Runtime-Aws-Request-Id")]
    public async Task FatalNextAnswer_MakesTheNativeBootstrapExitNonZero_WithAClearMessage(RuntimeApiFault fault, int exitCode, string message)
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        server.InjectFault(fault);
        await using ChildProcess function = StartAuthorizer(server);
        Task<InvocationOutcome> pending = server.InvokeAsync(Event, new InvokeOptions(TimeSpan.FromSeconds(2)));

        Assert.Equal(exitCode, await function.ExitCodeAsync(ExitPatience));
        Assert.Contains(function.Lines, line => line.Contains(message, StringComparison.Ordinal));
        // Never dispatched (500/403) or dispatched without an id (timeout): either way nobody answered it.
        if (pending.IsCompleted)
        {
            Assert.NotEqual(InvocationStatus.Success, (await pending).Status);
        }
        Assert.Empty(server.Anomalies);
    }

    [Fact]
    public async Task ResponseAnsweredWith500_MakesTheNativeBootstrapExitNonZero_WithoutAnsweringAgain()
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        server.InjectFault(RuntimeApiFault.ResponseReturns500);
        await using ChildProcess function = StartAuthorizer(server);

        InvocationOutcome outcome = await server.InvokeAsync(Event, new InvokeOptions(TimeSpan.FromSeconds(2)));

        Assert.Equal(LambdaExitCodes.RuntimeApiFatal, await function.ExitCodeAsync(ExitPatience));
        Assert.Equal(InvocationStatus.Timeout, outcome.Status);
        Assert.Contains(function.Lines, line => line.Contains("not recoverable", StringComparison.Ordinal));
        Assert.Empty(server.Anomalies);
    }

    [Fact]
    public async Task NativeBootstrap_ExitsNonZeroAndSaysSo_WhenTheRuntimeApiGoesAway()
    {
        var server = await RuntimeApiServer.StartAsync();
        await using ChildProcess function = StartAuthorizer(server);
        await server.WaitForFirstNextAsync(CancellationToken.None).WaitAsync(ExitPatience);

        await server.DisposeAsync();

        Assert.Equal(LambdaExitCodes.RuntimeApiUnreachable, await function.ExitCodeAsync(ExitPatience));
        Assert.Contains(function.Lines, line => line.Contains("Runtime API unreachable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DroppedAndRejectedConnections_AmongTwoHundredInvocations_NeverGiveTwoAnswersForOneRequestId()
    {
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess function = StartAuthorizer(server);
        RuntimeApiFault[] faults = [RuntimeApiFault.NextClosesConnection, RuntimeApiFault.ResponseClosesConnection, RuntimeApiFault.ResponseReturns400];
        var statuses = new Dictionary<InvocationStatus, int>();
        var requestIds = new HashSet<string>(StringComparer.Ordinal);

        for (int i = 0; i < 200; i++)
        {
            if (i % 40 == 7)
            {
                server.InjectFault(faults[(i / 40) % faults.Length]);
            }

            InvocationOutcome outcome = await server.InvokeAsync(Event, new InvokeOptions(TimeSpan.FromSeconds(2))).WaitAsync(ExitPatience);
            statuses[outcome.Status] = statuses.GetValueOrDefault(outcome.Status) + 1;
            Assert.True(requestIds.Add(outcome.RequestId));
            Assert.True(outcome.Status != InvocationStatus.Success, "a bad token was allowed");
            Assert.True(outcome.Status == InvocationStatus.Timeout || outcome.ErrorMessage == "Unauthorized", $"{outcome.Status} {outcome.ErrorMessage}");
        }

        Assert.Empty(server.Anomalies);
        Assert.False(function.HasExited, function.Output);
        Assert.InRange(statuses.GetValueOrDefault(InvocationStatus.Error), 195, 200);
    }

    private static ChildProcess StartAuthorizer(RuntimeApiServer server) => TestProcesses.Start(RepoPaths.NativeBootstrap("AotAuth.Authorizer"), new Dictionary<string, string>
    {
        ["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress,
        ["AWS_LAMBDA_LOG_LEVEL"] = "INFO",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:1",
    });
}
