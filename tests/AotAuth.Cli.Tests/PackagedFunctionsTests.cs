using AotAuth.Cli.Functions;

namespace AotAuth.Cli.Tests;

/// <summary>The bootstraps an installed tool package carries: found next to the tool, made executable when the package lost the bit.</summary>
public sealed class PackagedFunctionsTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void PackagedBootstrap_WithoutItsExecuteBit_IsMadeExecutableInPlace()
    {
        string folder = Path.Combine(_temp.Path, "functions", "AotAuth.Authorizer");
        Directory.CreateDirectory(folder);
        string bootstrap = Path.Combine(folder, "bootstrap");
        File.WriteAllText(bootstrap, "#!/bin/sh\n");
        File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        string? found = PackagedFunctions.Find(Path.Combine(_temp.Path, "functions"), "AotAuth.Authorizer");

        Assert.Equal(bootstrap, found);
        Assert.True((File.GetUnixFileMode(bootstrap) & UnixFileMode.UserExecute) != 0);
    }

    [Fact]
    public void ToolWithoutPackagedFunctions_FindsNone()
    {
        Assert.Null(PackagedFunctions.Find(Path.Combine(_temp.Path, "functions"), "AotAuth.Authorizer"));
        Assert.Null(PackagedFunctions.Find("AotAuth.Authorizer"));
    }
}
