namespace AotAuth.Cli.Commands;

/// <summary>
/// Where the embedded store lives when <c>--data</c> is not given: <c>.aotauth/</c> at the root of
/// the clone the command runs in (as the quick start expects), otherwise the per-user data folder
/// (<c>$XDG_DATA_HOME/aotauth</c>, else <c>~/.local/share/aotauth</c>), so an installed tool never
/// scatters stores over whatever folder it runs from.
/// </summary>
internal static class DataFolder
{
    /// <summary>The folder name inside a clone (ignored by git).</summary>
    public const string CloneFolderName = ".aotauth";

    /// <summary>The default data folder for a command run in <paramref name="currentDirectory"/>.</summary>
    /// <param name="currentDirectory">The working folder.</param>
    /// <param name="environment">Reads an environment variable (<c>XDG_DATA_HOME</c>, <c>HOME</c>).</param>
    public static string Default(string currentDirectory, Func<string, string?> environment)
    {
        if (FindCloneRoot(currentDirectory) is { } root)
        {
            return Path.Combine(root, CloneFolderName);
        }

        // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "aotauth");
        }

        string home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "aotauth");
    }

    /// <summary>The folder holding AotAuth.sln at or above <paramref name="start"/>; null outside a clone.</summary>
    public static string? FindCloneRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The folder <c>--data</c> names, as a full path; a one-line error when it, or a folder it would be created in, is a file.</summary>
    public static string Checked(string given)
    {
        string full = Path.GetFullPath(given);
        if (File.Exists(full))
        {
            throw new InvalidOperationException($"--data takes a folder (created if missing); '{given}' is a file");
        }

        for (string? above = Path.GetDirectoryName(full); above is not null && !Directory.Exists(above); above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                throw new InvalidOperationException($"--data takes a folder (created if missing); '{given}' cannot be one: '{above}' is a file");
            }
        }

        return full;
    }
}
