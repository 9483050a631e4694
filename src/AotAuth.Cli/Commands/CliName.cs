namespace AotAuth.Cli.Commands;

/// <summary>
/// How to type an aotauth command where this one runs: <c>aotauth</c> for the installed tool,
/// <c>dotnet run --project src/AotAuth.Cli --</c> for a build in a clone (where <c>aotauth</c>
/// is not installed), so every command the CLI prints works when pasted.
/// </summary>
internal static class CliName
{
    /// <summary>The prefix of a command line that runs this CLI.</summary>
    public static string Current { get; } = Find(AppContext.BaseDirectory, Environment.CurrentDirectory);

    /// <summary>The prefix for a CLI running from <paramref name="baseDirectory"/>, typed in <paramref name="currentDirectory"/>.</summary>
    internal static string Find(string baseDirectory, string currentDirectory)
    {
        if (DataFolder.FindCloneRoot(baseDirectory) is not string root)
        {
            return "aotauth";
        }

        string project = Path.Combine(root, "src", "AotAuth.Cli");
        string relative = Path.GetRelativePath(currentDirectory, project);
        string shown = relative.StartsWith("..", StringComparison.Ordinal) ? project : relative;
        return $"dotnet run --project {(shown.Contains(' ', StringComparison.Ordinal) ? $"'{shown}'" : shown)} --";
    }
}
