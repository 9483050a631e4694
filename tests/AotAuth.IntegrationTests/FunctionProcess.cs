using System.Collections.Concurrent;
using System.Diagnostics;

namespace AotAuth.IntegrationTests;

/// <summary>
/// A function bootstrap running as a real child process against a Runtime API, with
/// everything it writes kept for assertions (for example: no token in any line).
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private FunctionProcess(Process process) => _process = process;

    public IReadOnlyCollection<string> OutputLines => _lines;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static FunctionProcess Start(string executable, string runtimeApi, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        info.Environment["AWS_REGION"] = "us-east-1";
        info.Environment["AWS_ACCESS_KEY_ID"] = "local";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var function = new FunctionProcess(process);
        process.OutputDataReceived += (_, e) => function.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => function.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
