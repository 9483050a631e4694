using AotAuth.Cli.Commands;

namespace AotAuth.Cli.Tests;

/// <summary>serve.json holds the flush endpoint's secret: it is written only where and how serve means to.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ServeAdminFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("aotauth-admin-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Register_NeverWritesThroughAPlantedSymlink()
    {
        // Another process planted symlinks under the names a temp file could predictably take.
        (string data, string victim, string serveJson) = DataFolderWithVictim();
        foreach (string planted in new[] { serveJson + ".tmp-" + Environment.ProcessId, serveJson + ".tmp", Path.Combine(data, ".serve.json.tmp") })
        {
            File.CreateSymbolicLink(planted, victim);
        }

        using (ServeAdminFile.Register(data, new Uri("http://127.0.0.1:1234/"), "s3cret", "file"))
        {
            Assert.Equal("precious", File.ReadAllText(victim));
            Assert.Null(new FileInfo(serveJson).LinkTarget);
            Assert.Contains("s3cret", File.ReadAllText(serveJson), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(serveJson));
        }
    }

    [Fact]
    public void Register_ReplacesASymlinkAtServeJson_InsteadOfFollowingIt()
    {
        (string data, string victim, string serveJson) = DataFolderWithVictim();
        File.CreateSymbolicLink(serveJson, victim);

        using (ServeAdminFile.Register(data, new Uri("http://127.0.0.1:1234/"), "s3cret", "file"))
        {
            Assert.Equal("precious", File.ReadAllText(victim));
            Assert.Null(new FileInfo(serveJson).LinkTarget);
        }
    }

    [Fact]
    public void Register_CreatesAMissingDataFolderReadableByItsOwnerOnly()
    {
        // A DynamoDB Local serve's data folder holds only serve.json: it is made 0700, as the embedded store's is.
        string data = Path.Combine(_root, "new", "data");

        using (ServeAdminFile.Register(data, new Uri("http://127.0.0.1:1234/"), "s3cret", "dynamodb:http://127.0.0.1:8000/tokens"))
        {
            UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(data));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(_root, "new")));
        }

        Assert.False(File.Exists(Path.Combine(data, ServeAdminFile.FileName)));
    }

    /// <summary>A data folder, and a file outside it that must never be written through a link.</summary>
    private (string Data, string Victim, string ServeJson) DataFolderWithVictim()
    {
        string data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        string victim = Path.Combine(_root, "victim.txt");
        File.WriteAllText(victim, "precious");
        return (data, victim, Path.Combine(data, ServeAdminFile.FileName));
    }
}
