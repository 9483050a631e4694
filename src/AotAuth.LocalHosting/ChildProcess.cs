using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AotAuth.LocalHosting;

/// <summary>
/// A program run as a child process: the project's one launcher (function bootstraps under
/// <c>serve</c>, the cold-start harness, the smoke test and the tests all start through it).
/// Standard input is closed at once, so a child never reads the parent's terminal; stdout
/// and stderr are read as they come, kept (unless <see cref="ChildProcessOptions.KeepOutput"/>
/// is off) and passed line by line to <see cref="ChildProcessOptions.OnLine"/>. Disposing kills
/// the whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private readonly ChildProcessOptions _options;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _lines = [];
    private readonly CancellationTokenSource _exited = new();
    private readonly Task _pumps;

    private ChildProcess(Process process, ChildProcessOptions options)
    {
        _process = process;
        _options = options;
        process.Exited += (_, _) => SignalExit();
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, _stdout),
            PumpAsync(process.StandardError, _stderr));
        if (process.HasExited)
        {
            SignalExit();
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only valid once <see cref="HasExited"/> is true.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Cancelled when the process exits.</summary>
    public CancellationToken Exited => _exited.Token;

    /// <summary>Everything written to stdout so far.</summary>
    public string Stdout => Read(_stdout);

    /// <summary>Everything written to stderr so far.</summary>
    public string Stderr => Read(_stderr);

    /// <summary>The complete lines of both streams so far, in the order they were read.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The complete lines so far, joined with newlines (for failure messages).</summary>
    public string Output => string.Join('\n', Lines);

    /// <summary>Starts <paramref name="fileName"/>; the clock of a measurement may start right before this call.</summary>
    /// <param name="fileName">The program (a path, or a name looked up on PATH).</param>
    /// <param name="options">Arguments, environment, folder and output handling.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static ChildProcess Start(string fileName, ChildProcessOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        options ??= new ChildProcessOptions();
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (options.WorkingDirectory is { } folder)
        {
            info.WorkingDirectory = folder;
        }

        foreach (string argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        process.StandardInput.Close();
        return new ChildProcess(process, options);
    }

    /// <summary>Waits for the exit and for the last output to be read.</summary>
    /// <returns>False when the process is still running after <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            await _pumps.WaitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends SIGINT (what Ctrl+C in a terminal sends) to this process only.</summary>
    public void Interrupt() => Signal("INT");

    /// <summary>Sends a signal by name (<c>INT</c>, <c>TERM</c>, <c>STOP</c>, ...) to this process only.</summary>
    /// <param name="name">The signal's name without the SIG prefix.</param>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-" + name, _process.Id.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    /// <summary>
    /// The peak resident set so far (VmHWM), what Lambda reports as Max Memory Used; null once
    /// the process is gone.
    /// </summary>
    public double? PeakResidentSetMb()
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process is gone: nothing to report.
        }

        return null;
    }

    /// <summary>Kills the process tree (if still running) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (KillTree())
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>Kills the process tree (if still running) and waits up to 10 s for it.</summary>
    public void Dispose()
    {
        if (KillTree())
        {
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private bool KillTree()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
            return false;
        }
    }

    // The source is never disposed: it owns no timer, and Exited stays readable after disposal.
    private void SignalExit() => _exited.Cancel();

    private async Task PumpAsync(StreamReader reader, StringBuilder text)
    {
        var buffer = new char[4096];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (_options.KeepOutput)
            {
                lock (text)
                {
                    text.Append(buffer, 0, read);
                }
            }

            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    EmitLine(line);
                }
                else if (buffer[i] != '\r')
                {
                    line.Append(buffer[i]);
                }
            }
        }

        if (line.Length > 0)
        {
            EmitLine(line);
        }
    }

    private void EmitLine(StringBuilder line)
    {
        string complete = line.ToString();
        line.Clear();
        if (_options.KeepOutput)
        {
            lock (_lines)
            {
                _lines.Add(complete);
            }
        }

        _options.OnLine?.Invoke(complete);
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
