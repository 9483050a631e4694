using AotAuth.Core.Contracts;
using Amazon.CDK.AWS.Lambda;

namespace AotAuth.Infra;

/// <summary>The CPU architecture the functions are published for and run on.</summary>
public enum FunctionArchitecture
{
    /// <summary>Graviton (<c>linux-arm64</c>): the default, cheaper per GB-second.</summary>
    Arm64,

    /// <summary><c>linux-x64</c>.</summary>
    X64,
}

/// <summary>Maps the <c>arch</c> context value to a Lambda architecture and a .NET runtime identifier.</summary>
public static class Architectures
{
    /// <summary>Parses the <c>arch</c> context value: <c>arm64</c> (default when null) or <c>x86_64</c>.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static FunctionArchitecture Parse(string? value) => value switch
    {
        null or "" or "arm64" => FunctionArchitecture.Arm64,
        "x86_64" => FunctionArchitecture.X64,
        _ => throw new ArgumentException($"context arch must be 'arm64' or 'x86_64', not '{value}'", nameof(value)),
    };

    /// <summary>The .NET runtime identifier the functions are published with.</summary>
    public static string RuntimeIdentifier(this FunctionArchitecture arch) =>
        arch == FunctionArchitecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The Lambda architecture.</summary>
    public static Architecture ToLambda(this FunctionArchitecture arch) =>
        arch == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64;
}

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

    /// <summary>The files a function's asset holds: the executable and the trust store it loads.</summary>
    public static IReadOnlyList<string> DeployedFiles { get; } = ["bootstrap", TrustStore.FileName];

    /// <summary>Fails with the publish command when <paramref name="directory"/> lacks one of <see cref="DeployedFiles"/>.</summary>
    /// <exception cref="InvalidOperationException">A file is missing.</exception>
    public static void EnsureBootstrap(string directory, FunctionArchitecture arch)
    {
        foreach (string file in DeployedFiles)
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
