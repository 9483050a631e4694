namespace AotAuth.Testing;

/// <summary>Where the repository and its builds are, found from the running test's own folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding AotAuth.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>release or debug, whichever the running assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}release", StringComparison.Ordinal) ? "release" : "debug";

    /// <summary>
    /// The Native AOT bootstrap of <paramref name="project"/> for linux-x64. The tests run
    /// what deploys, so a missing publish is a failure, not a skip.
    /// </summary>
    public static string NativeBootstrap(string project)
    {
        string path = Path.Combine(Root, "artifacts", "publish", project, "release_linux-x64", "bootstrap");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/publish.sh (scripts/test.sh does)");
    }

    /// <summary>The JIT build's bootstrap.dll of <paramref name="project"/>, in this build's configuration.</summary>
    public static string JitBootstrap(string project)
    {
        string path = Path.Combine(Root, "artifacts", "bin", project, Configuration, "bootstrap.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first");
    }

    // The program's folder first (tests); then the working folder, for programs that
    // BenchmarkDotNet rebuilds and runs from a generated folder.
    private static string FindRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"AotAuth.sln not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
