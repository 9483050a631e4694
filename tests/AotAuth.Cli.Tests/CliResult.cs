namespace AotAuth.Cli.Tests;

/// <summary>How one finished run of the CLI ended.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>A unique temp folder for <c>--data</c> (and the working directory), deleted on dispose.</summary>
internal sealed class CliTempFolder : IDisposable
{
    public CliTempFolder()
    {
        Path = Directory.CreateTempSubdirectory("aotauth-cli-test-").FullName;
    }

    public string Path { get; }

    /// <summary>The folder given to <c>--data</c>.</summary>
    public string Data => System.IO.Path.Combine(Path, "data");

    /// <summary>Kills the function processes a serve left with their data in <see cref="Data"/>, then deletes the folder.</summary>
    public void Dispose()
    {
        CliFunctionProcesses.KillLeftovers(Data);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to delete.
        }
    }
}
