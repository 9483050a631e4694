using AotAuth.Core.Contracts;
using AotAuth.LocalHosting;

namespace AotAuth.Testing.Processes;

/// <summary>Starts programs for tests through the project's one launcher, <see cref="ChildProcess"/>.</summary>
public static class TestProcesses
{
    /// <summary>
    /// Starts a function bootstrap against <paramref name="server"/> with local AWS defaults
    /// (region us-east-1, placeholder keys: DynamoDB Local accepts any) under <paramref name="environment"/>.
    /// </summary>
    public static ChildProcess StartFunction(RuntimeApiServer server, string bootstrap, IReadOnlyDictionary<string, string> environment)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FunctionVariables.Region] = FunctionVariables.DefaultRegion,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
        foreach ((string key, string value) in environment)
        {
            all[key] = value;
        }

        return FunctionProcess.Start(server, bootstrap, new ChildProcessOptions { Environment = ChildProcessOptions.EnvironmentOf(all) });
    }

    /// <summary>Starts a program with <paramref name="environment"/> on top of the test's own.</summary>
    public static ChildProcess Start(string fileName, IReadOnlyDictionary<string, string> environment) =>
        ChildProcess.Start(fileName, new ChildProcessOptions { Environment = ChildProcessOptions.EnvironmentOf(environment) });

    /// <summary>Waits for the exit; a <see cref="TimeoutException"/> naming the output when it takes longer.</summary>
    public static async Task<int> ExitCodeAsync(this ChildProcess process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!await process.WaitForExitAsync(timeout))
        {
            throw new TimeoutException($"process {process.Id} did not exit within {timeout.TotalSeconds:0} s; output:\n{process.Output}");
        }

        return process.ExitCode;
    }
}
