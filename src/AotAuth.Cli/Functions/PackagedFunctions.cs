using System.Runtime.InteropServices;

namespace AotAuth.Cli.Functions;

/// <summary>
/// The Native AOT bootstraps an installed tool package carries for its platform, in
/// <c>functions/{project}/bootstrap</c> next to the tool (AotAuth.Cli.csproj puts them there),
/// each with the trust store beside it. <c>serve</c> runs them when it is not inside a clone.
/// </summary>
internal static class PackagedFunctions
{
    private const UnixFileMode Executable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>The folder holding the packaged functions, next to the tool's own assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "functions");

    /// <summary>The runnable bootstrap of <paramref name="project"/>; null when the tool carries none.</summary>
    /// <exception cref="InvalidOperationException">It is there but cannot be made executable anywhere.</exception>
    public static string? Find(string project) => Find(Folder, project);

    /// <summary>Testable core of <see cref="Find(string)"/>: the functions are in <paramref name="folder"/>.</summary>
    internal static string? Find(string folder, string project)
    {
        string bootstrap = Path.Combine(folder, project, "bootstrap");
        return File.Exists(bootstrap) ? Runnable(bootstrap, project) : null;
    }

    /// <summary>
    /// A NuGet package does not keep Unix file modes, so an installed bootstrap may lack its
    /// execute bit: set it in place, or, where the tool folder is read-only (a system-wide
    /// install), run a copy from the per-user cache instead.
    /// </summary>
    private static string Runnable(string bootstrap, string project)
    {
        if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0)
        {
            return bootstrap;
        }

        try
        {
            File.SetUnixFileMode(bootstrap, Executable);
            return bootstrap;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            string copyFolder = Path.Combine(CacheFolder(), $"{typeof(PackagedFunctions).Assembly.GetName().Version}-{RuntimeInformation.RuntimeIdentifier}", project);
            Directory.CreateDirectory(copyFolder);
            foreach (string file in Directory.EnumerateFiles(Path.GetDirectoryName(bootstrap)!))
            {
                File.Copy(file, Path.Combine(copyFolder, Path.GetFileName(file)), overwrite: true);
            }

            string copy = Path.Combine(copyFolder, "bootstrap");
            File.SetUnixFileMode(copy, Executable);
            return copy;
        }
    }

    private static string CacheFolder() =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
            ? Path.Combine(xdg, "aotauth", "functions")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "aotauth", "functions");
}
