using System.Diagnostics;
using AotAuth.LocalHosting;

namespace AotAuth.Cli.Tests;

/// <summary>
/// The <c>aotauth</c> program run as a user runs it: <c>dotnet aotauth.dll ...</c> from the
/// Release build, stdout and stderr captured separately, killed (with its children) on dispose.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly ChildProcess _process;

    private CliProcess(ChildProcess process) => _process = process;

    /// <summary>The folder holding AotAuth.sln.</summary>
    public static string RepositoryRoot => RepoPaths.Root;

    /// <summary>
    /// The Release build of the CLI (AOTAUTH_CLI_DLL overrides it, to run these tests against
    /// another build); a clear failure when it was not built.
    /// </summary>
    public static string CliDll
    {
        get
        {
            string dll = Environment.GetEnvironmentVariable("AOTAUTH_CLI_DLL") is { Length: > 0 } other
                ? other
                : Path.Combine(RepositoryRoot, "artifacts", "bin", "AotAuth.Cli", "release", "aotauth.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build it first with `dotnet build src/AotAuth.Cli -c Release` (scripts/test.sh builds the solution)");
            return dll;
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Stdout => _process.Stdout;

    public string Stderr => _process.Stderr;

    /// <summary>Both streams' lines (stdout first, then stderr).</summary>
    public IEnumerable<string> AllLines => Lines(Stdout).Concat(Lines(Stderr));

    /// <summary>Starts <c>dotnet aotauth.dll args</c>; <paramref name="environment"/> values of null remove a variable.</summary>
    public static CliProcess Start(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        return new CliProcess(ChildProcess.Start("dotnet", new ChildProcessOptions
        {
            Arguments = [CliDll, .. args],
            Environment = variables,
            WorkingDirectory = workingDirectory,
        }));
    }

    /// <summary>Runs the CLI to its end (default timeout 60 s).</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(args, workingDirectory, null, TimeSpan.FromSeconds(60));

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout)
    {
        using CliProcess process = Start(args, workingDirectory, environment);
        Assert.True(await process.WaitForExitAsync(timeout), $"aotauth {string.Join(' ', args)} did not exit within {timeout}; stderr:\n{process.Stderr}");
        return new CliResult(process.ExitCode, process.Stdout, process.Stderr);
    }

    /// <summary>True when the process (and the readers of its output) ended in time.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    /// <summary>Waits until stderr holds <paramref name="text"/>; fails with the output so far on exit or timeout.</summary>
    public async Task WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                await WaitForExitAsync(TimeSpan.FromSeconds(5));
                if (Stderr.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                Assert.Fail($"aotauth exited ({_process.ExitCode}) before printing '{text}'.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            if (deadline.Elapsed > timeout)
            {
                Assert.Fail($"aotauth did not print '{text}' within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Ctrl+C, as a terminal sends it: SIGINT to this process only.</summary>
    public void Interrupt()
    {
        // A process started from a background job of a non-interactive shell inherits SIGINT
        // as ignored (and .NET keeps it so): then no Ctrl+C can reach it, whatever the CLI does.
        string? ignored = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (Convert.ToUInt64(ignored[7..].Trim(), 16) & 0x2) != 0)
        {
            Assert.Fail("SIGINT is ignored by the aotauth process (inherited from the test run, e.g. `dotnet test ... &` in a script); run the tests in the foreground");
        }

        _process.Interrupt();
    }

    public void Dispose() => _process.Dispose();

    public static string[] Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
}
