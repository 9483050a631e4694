namespace AotAuth.IntegrationTests;

/// <summary>Where the repository and its published bootstraps are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The Native AOT bootstrap of <paramref name="project"/> for linux-x64. The tests
    /// run what deploys, so a missing publish is a failure, not a skip.
    /// </summary>
    public static string NativeBootstrap(string project)
    {
        string path = Path.Combine(Root, "artifacts", "publish", project, "release_linux-x64", "bootstrap");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run scripts/publish.sh (scripts/test.sh does) before the integration tests.");
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AotAuth.sln not found above " + AppContext.BaseDirectory);
    }
}
