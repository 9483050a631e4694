using System.Diagnostics;
using System.Globalization;
using AotAuth.LambdaHost;

namespace AotAuth.Cli.Functions;

/// <summary>
/// One execution environment: a function process and the Runtime API server it talks
/// to on its own loopback port. Serves one invocation at a time, as Lambda does.
/// </summary>
internal sealed class FunctionInstance : IAsyncDisposable
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);

    private readonly RuntimeApiServer _server;
    private readonly Process _process;
    private readonly CancellationTokenSource _exited = new();
    private readonly long _startedAt;
    private readonly string _functionArn;
    private bool _initReported;

    private FunctionInstance(RuntimeApiServer server, Process process, long startedAt, string functionArn)
    {
        _functionArn = functionArn;
        _server = server;
        _process = process;
        _startedAt = startedAt;
        process.Exited += (_, _) => _exited.Cancel();
        if (process.HasExited)
        {
            _exited.Cancel();
        }
    }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once the process has exited.</summary>
    public bool IsAlive => !_exited.IsCancellationRequested;

    /// <summary>Starts the process against a fresh Runtime API server; does not wait for its init.</summary>
    public static async Task<FunctionInstance> StartAsync(FunctionLaunch launch, Action<string> log)
    {
        RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        var info = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in launch.Environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApiAddress;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = launch.Name;
        info.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        info.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = FunctionLaunch.MemorySizeMb.ToString(CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(log, launch.Name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(log, launch.Name, e.Data);
        long startedAt = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            await server.DisposeAsync();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FunctionInstance(server, process, startedAt, $"arn:aws:lambda:us-east-1:123456789012:function:{launch.Name}");
    }

    /// <summary>
    /// Sends one event and waits for the answer, the timeout, or the process's death.
    /// The first call also waits for init (bounded like Lambda's 10 s init phase).
    /// </summary>
    public async Task<(FunctionResult Result, string RequestId, double DurationMs, double? InitDurationMs)> InvokeAsync(
        byte[] payload, TimeSpan timeout, string? traceId, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _exited.Token);
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
    public int PeakMemoryMb()
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    long kb = long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
                    return (int)Math.Ceiling(kb / 1024.0);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process is gone: nothing to report.
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        await _server.DisposeAsync();
        _exited.Dispose();
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

    private static void Forward(Action<string> log, string name, string? line)
    {
        if (line is not null)
        {
            log($"[{name}] {line}");
        }
    }
}
