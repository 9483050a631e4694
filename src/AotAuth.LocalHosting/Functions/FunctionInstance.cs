using System.Diagnostics;
using System.Globalization;
using AotAuth.Core.Contracts;
using AotAuth.Gateway;

namespace AotAuth.LocalHosting;

/// <summary>
/// One execution environment: a function process and the Runtime API server it talks
/// to on its own loopback port. Serves one invocation at a time, as Lambda does.
/// </summary>
public sealed class FunctionInstance : IAsyncDisposable
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly RuntimeApiServer _server;
    private readonly ChildProcess _process;
    private readonly long _startedAt;
    private readonly string _functionArn;
    private bool _initReported;

    private FunctionInstance(RuntimeApiServer server, ChildProcess process, long startedAt, string functionArn)
    {
        _functionArn = functionArn;
        _server = server;
        _process = process;
        _startedAt = startedAt;
    }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once the process has exited.</summary>
    /// <remarks>
    /// Asks the process state, not only the Exited event: the event is raised a moment after the
    /// exit, and a request in between must not be handed to a dead instance.
    /// </remarks>
    public bool IsAlive => !_process.Exited.IsCancellationRequested && !_process.HasExited;

    /// <summary>Starts the process against a fresh Runtime API server; does not wait for its init.</summary>
    /// <param name="launch">What to start.</param>
    /// <param name="log">Receives each output line, prefixed with the function's name.</param>
    public static async Task<FunctionInstance> StartAsync(FunctionLaunch launch, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(launch);
        RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        Dictionary<string, string?> environment = ChildProcessOptions.EnvironmentOf(launch.Environment);
        environment[LambdaVariables.FunctionName] = launch.Name;
        environment[LambdaVariables.FunctionVersion] = "$LATEST";
        environment[LambdaVariables.FunctionMemorySize] = launch.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        var options = new ChildProcessOptions
        {
            Arguments = launch.Arguments,
            Environment = environment,
            OnLine = line => log($"[{launch.Name}] {line}"),
            KeepOutput = false,
        };
        long startedAt = Stopwatch.GetTimestamp();
        try
        {
            ChildProcess process = FunctionProcess.Start(server, launch.FileName, options);
            return new FunctionInstance(server, process, startedAt, $"arn:aws:lambda:us-east-1:123456789012:function:{launch.Name}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends one event and waits for the answer, the timeout, or the process's death.
    /// The first call also waits for init (bounded like Lambda's 10 s init phase).
    /// </summary>
    public async Task<(FunctionResult Result, string RequestId, double DurationMs, double? InitDurationMs)> InvokeAsync(
        byte[] payload, TimeSpan timeout, string? traceId, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _process.Exited);
        double? init = null;
        if (!_initReported)
        {
            _initReported = true;
            init = await WaitForInitAsync(linked.Token);
            if (init is null)
            {
                return (Crashed("init did not finish"), "-", 0, null);
            }
        }

        Task<InvocationOutcome> pending = _server.InvokeAsync(payload, new InvokeOptions(timeout, traceId, _functionArn), linked.Token);
        try
        {
            InvocationOutcome outcome = await pending;
            FunctionResult result = outcome.Status switch
            {
                InvocationStatus.Success => new FunctionResult(FunctionOutcome.Success, outcome.Body, null, null),
                InvocationStatus.Error => new FunctionResult(FunctionOutcome.Error, outcome.Body, outcome.ErrorType, outcome.ErrorMessage),
                _ => new FunctionResult(FunctionOutcome.Timeout, [], "Sandbox.Timedout", $"{outcome.RequestId} Task timed out after {timeout.TotalSeconds:F2} seconds"),
            };
            return (result, outcome.RequestId, outcome.Duration.TotalMilliseconds, init);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Crashed(ExitDescription()), "-", 0, init);
        }
    }

    /// <summary>The process's peak resident set (VmHWM) in MB, as Lambda's Max Memory Used.</summary>
    public int PeakMemoryMb() => _process.PeakResidentSetMb() is { } mb ? (int)Math.Ceiling(mb) : 0;

    /// <summary>Stops the process (and its children) and the Runtime API server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<double?> WaitForInitAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InitTimeout);
        Task initError = _server.InitError;
        try
        {
            Task first = await Task.WhenAny(_server.WaitForFirstNextAsync(timeout.Token), initError);
            if (first == initError)
            {
                return null;
            }

            await first;
            return Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static FunctionResult Crashed(string why) =>
        new(FunctionOutcome.Crashed, [], "Runtime.ExitError", "Error: Runtime exited: " + why);

    private string ExitDescription()
    {
        try
        {
            return _process.HasExited ? $"exit status {_process.ExitCode}" : "the process stopped answering";
        }
        catch (InvalidOperationException)
        {
            return "the process is gone";
        }
    }
}
