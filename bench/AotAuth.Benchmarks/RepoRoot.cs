namespace AotAuth.Benchmarks;

/// <summary>Finds the repository root (the folder holding AotAuth.sln).</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("AotAuth.sln not found above the working or the program folder.");
    }
}
