using AotAuth.Cli.Commands;

namespace AotAuth.Cli.Tests;

/// <summary>The commands the CLI prints are typed the way that works where it runs.</summary>
public sealed class CliNameTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aotauth-cliname-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void InstalledTool_IsTypedAsAotauth()
    {
        string store = Path.Combine(_root, ".dotnet", "tools", ".store", "aotauth");
        Directory.CreateDirectory(store);

        Assert.Equal("aotauth", CliName.Find(store, _root));
    }

    [Fact]
    public void BuildInAClone_IsTypedAsDotnetRun_RelativeInsideTheClone_AbsoluteOutside()
    {
        string clone = Path.Combine(_root, "clone");
        string bin = Path.Combine(clone, "artifacts", "bin", "aotauth", "release");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(clone, "AotAuth.sln"), string.Empty);
        string elsewhere = Path.Combine(_root, "elsewhere");
        Directory.CreateDirectory(elsewhere);

        Assert.Equal("dotnet run --project src/AotAuth.Cli --", CliName.Find(bin, clone));
        Assert.Equal($"dotnet run --project {Path.Combine(clone, "src", "AotAuth.Cli")} --", CliName.Find(bin, elsewhere));
    }
}
