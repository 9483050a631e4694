using AotAuth.Cli.Commands;

namespace AotAuth.Cli.Tests;

/// <summary>
/// Where the embedded store goes without <c>--data</c>: <c>.aotauth/</c> at a clone's root, else
/// <c>$XDG_DATA_HOME/aotauth</c>, else <c>~/.local/share/aotauth</c>; never the working folder.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DefaultInsideAClone_IsDotAotauthAtTheCloneRoot_FromAnySubfolder()
    {
        string sub = Path.Combine(RepoPaths.Root, "src", "AotAuth.Cli");

        Assert.Equal(Path.Combine(RepoPaths.Root, ".aotauth"), DataFolder.Default(sub, _ => "/xdg"));
    }

    [Fact]
    public void DefaultOutsideAClone_IsXdgDataHomeAotauth_WhenXdgDataHomeIsAbsolute()
    {
        Assert.Equal("/xdg/aotauth", DataFolder.Default(_temp.Path, name => name == "XDG_DATA_HOME" ? "/xdg" : "/home/u"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/xdg")]
    public void DefaultOutsideAClone_IsLocalShareUnderHome_WhenXdgDataHomeIsUnsetOrRelative(string? xdg)
    {
        Assert.Equal("/home/u/.local/share/aotauth", DataFolder.Default(_temp.Path, name => name == "XDG_DATA_HOME" ? xdg : "/home/u"));
    }

    [Fact]
    public async Task TokenCommandsOutsideAClone_UseThePerUserStore_AndSaySo()
    {
        string xdg = Path.Combine(_temp.Path, "xdg");
        var environment = new Dictionary<string, string?> { ["XDG_DATA_HOME"] = xdg };
        string store = Path.Combine(xdg, "aotauth");

        CliResult create = await CliProcess.RunAsync(["token", "create", "--principal", "p", "--scope", "GET /user/*"], _temp.Path, environment, TimeSpan.FromSeconds(60));
        CliResult list = await CliProcess.RunAsync(["token", "list"], _temp.Path, environment, TimeSpan.FromSeconds(60));

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(store, create.Stderr, StringComparison.Ordinal);
        Assert.Contains($"1 token(s) in the embedded store in {store}", list.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(store, "tokens")));
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, ".aotauth")), "a command outside a clone must not create ./.aotauth");
    }
}
