namespace AotAuth.Cdk;

/// <summary>
/// The authorizer's Lambda code that the AotAuth.Cdk package carries: <c>lambda/{rid}/bootstrap</c>
/// and <c>aws-root-cas.pem</c>, copied by the package's build targets to
/// <c>aotauth-lambda/{rid}/</c> next to AotAuth.Cdk.dll in the consumer's output.
/// </summary>
public static class PackagedCode
{
    /// <summary>The folder, next to AotAuth.Cdk.dll, that holds one subfolder per runtime identifier.</summary>
    public const string FolderName = "aotauth-lambda";

    /// <summary>The files a function's asset holds: the executable and the trust store it loads.</summary>
    public static IReadOnlyList<string> DeployedFiles { get; } = ["bootstrap", Core.Contracts.TrustStore.FileName];

    /// <summary>Where the packaged authorizer for <paramref name="arch"/> is: <c>{dll folder}/aotauth-lambda/{rid}</c>.</summary>
    public static string AuthorizerDirectory(FunctionArchitecture arch) =>
        Path.Combine(Path.GetDirectoryName(typeof(PackagedCode).Assembly.Location)!, FolderName, arch.RuntimeIdentifier());

    /// <summary>
    /// Fails naming <paramref name="prop"/> when <paramref name="directory"/> lacks one of
    /// <see cref="DeployedFiles"/>, and makes <c>bootstrap</c> executable when it is not (a NuGet
    /// package does not keep file modes; Lambda runs the file as it is zipped).
    /// </summary>
    /// <exception cref="InvalidOperationException">A file is missing.</exception>
    internal static void Prepare(string directory, FunctionArchitecture arch, string prop)
    {
        foreach (string file in DeployedFiles)
        {
            string path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{prop}: {Path.GetFullPath(path)} is missing. {prop} must be a folder with the Native AOT " +
                    $"bootstrap for {arch.RuntimeIdentifier()} and {Core.Contracts.TrustStore.FileName} beside it " +
                    $"(the AotAuth.Cdk package copies both to {FolderName}/{arch.RuntimeIdentifier()} in the build output).");
            }
        }

        string bootstrap = Path.Combine(directory, "bootstrap");
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(bootstrap) & Execute) != Execute)
        {
            File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | Execute);
        }
    }
}
