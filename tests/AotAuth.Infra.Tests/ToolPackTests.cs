namespace AotAuth.Infra.Tests;

/// <summary>
/// The tool's pack of all platforms fails as a whole: with one platform's bootstraps missing it
/// names the script that publishes them and leaves no package behind (not even the platforms that
/// could be packed). Packed from the build the suite already made, against a publish folder of
/// the test's own, so it takes seconds.
/// </summary>
public sealed class ToolPackTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("aotauth-tool-pack-").FullName;

    [Fact]
    public void APackMissingTheArm64Bootstraps_FailsBeforePackingAnyPlatform_NamingPublishArm64()
    {
        string publishRoot = Path.Combine(_work, "publish");
        foreach (string function in new[] { "AotAuth.Authorizer", "AotAuth.UserFunction" })
        {
            string folder = Directory.CreateDirectory(Path.Combine(publishRoot, function, "release_linux-x64")).FullName;
            File.WriteAllText(Path.Combine(folder, "bootstrap"), "linux-x64 is there");
        }

        string output = Path.Combine(_work, "packages");
        var (exitCode, log) = Commands.Run("dotnet",
            ["pack", Path.Combine(RepoPaths.Root, "src", "AotAuth.Cli"), "-c", RepoPaths.Configuration, "--no-build", "-nologo",
             "-o", output, "-p:AotAuthPublishRoot=" + publishRoot],
            RepoPaths.Root, TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("The linux-arm64 tool package needs the Native AOT bootstraps of both functions: run bash scripts/publish-arm64.sh first", log, StringComparison.Ordinal);
        Assert.DoesNotContain("The linux-x64 tool package needs", log, StringComparison.Ordinal);
        Assert.DoesNotContain("error MSB", log, StringComparison.Ordinal); // no platform's pack (or publish) started
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output, "*.nupkg").Any(), log);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
