using AotAuth.Cdk;

namespace AotAuth.Infra;

/// <summary>Where a function's published Native AOT <c>bootstrap</c> lives.</summary>
public static class PublishedCode
{
    /// <summary>The authorizer project name (its folder under <c>src/</c> and <c>artifacts/publish/</c>).</summary>
    public const string AuthorizerProject = "AotAuth.Authorizer";

    /// <summary>The user function project name.</summary>
    public const string UserFunctionProject = "AotAuth.UserFunction";

    /// <summary><c>{publishRoot}/{project}/release_{rid}</c>, as <c>dotnet publish -c Release -r {rid}</c> leaves it.</summary>
    public static string Directory(string publishRoot, string project, FunctionArchitecture arch) =>
        Path.Combine(publishRoot, project, "release_" + arch.RuntimeIdentifier());

    /// <summary>The command that publishes both functions for <paramref name="arch"/>, run from the repository root.</summary>
    public static string PublishCommand(FunctionArchitecture arch) =>
        arch == FunctionArchitecture.Arm64 ? "bash scripts/publish-arm64.sh" : "bash scripts/publish.sh linux-x64";

    /// <summary>Fails with the publish command when <paramref name="directory"/> lacks one of <see cref="PackagedCode.DeployedFiles"/>.</summary>
    /// <exception cref="InvalidOperationException">A file is missing.</exception>
    public static void EnsureBootstrap(string directory, FunctionArchitecture arch)
    {
        foreach (string file in PackagedCode.DeployedFiles)
        {
            string path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{Path.GetFullPath(path)} is missing: publish the functions for {arch.RuntimeIdentifier()} first, " +
                    $"from the repository root: {PublishCommand(arch)}");
            }
        }
    }

    /// <summary>
    /// The default publish root, <c>artifacts/publish</c> of the repository that contains
    /// <paramref name="start"/> (the folder holding <c>AotAuth.sln</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No such folder above <paramref name="start"/>.</exception>
    public static string DefaultPublishRoot(string start) =>
        Path.Combine(RepositoryRoot(start, " or pass -c publishDir=<artifacts/publish>"), "artifacts", "publish");

    /// <summary>The repository that contains <paramref name="start"/>: the folder holding <c>AotAuth.sln</c>.</summary>
    /// <exception cref="InvalidOperationException">No such folder above <paramref name="start"/>.</exception>
    public static string RepositoryRoot(string start) => RepositoryRoot(start, "");

    private static string RepositoryRoot(string start, string hint)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AotAuth.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no AotAuth.sln above {start}: run from the repository (cd infra){hint}");
    }
}
