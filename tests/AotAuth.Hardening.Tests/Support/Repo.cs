namespace AotAuth.Hardening.Tests.Support;

/// <summary>Where the repository, its builds and DynamoDB Local are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug, whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}release", StringComparison.Ordinal) ? "release" : "debug";

    /// <summary>The Native AOT bootstrap; a missing publish is a failure, not a skip.</summary>
    public static string NativeBootstrap(string project)
    {
        string path = Path.Combine(Root, "artifacts", "publish", project, "release_linux-x64", "bootstrap");
        Assert.True(File.Exists(path), $"{path} is missing: run scripts/publish.sh (scripts/test.sh does)");
        return path;
    }

    /// <summary>The JIT build's bootstrap.dll (built with this test project).</summary>
    public static string JitBootstrap(string project)
    {
        string path = Path.Combine(Root, "artifacts", "bin", project, Configuration, "bootstrap.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    /// <summary>DynamoDB Local's endpoint (scripts/test.sh sets it); a clear failure when missing.</summary>
    public static string DynamoDbEndpoint =>
        Environment.GetEnvironmentVariable("AOTAUTH_DYNAMODB_ENDPOINT") is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException("AOTAUTH_DYNAMODB_ENDPOINT is not set: run scripts/test.sh, or scripts/dynamodb-local.sh start and export AOTAUTH_DYNAMODB_ENDPOINT=http://127.0.0.1:8000");

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
