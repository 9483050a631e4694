using System.Text.RegularExpressions;

namespace AotAuth.Storage.Tests;

/// <summary>What only the file stores promise: durability mechanics, file layout, safety and sharing.</summary>
public sealed partial class FileStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Tokens => Path.Combine(_directory.Data, "tokens");

    private string Users => Path.Combine(_directory.Data, "users");

    private static User NewUser(string id, string name = "Name") => new(id, name, "admin", "2025-01-02T03:04:05Z");

    [GeneratedRegex("^[0-9a-f]{64}\\.json$")]
    private static partial Regex HashFileName();

    [Fact]
    public async Task Puts_AndDeletes_LeaveNoTempFiles()
    {
        var tokens = new FileTokenStore(_directory.Data);
        var users = new FileUserStore(_directory.Data);
        var hashes = Enumerable.Range(0, 20).Select(_ => DynamoDbLocalFixture.NewTokenHash()).ToList();
        foreach (var hash in hashes)
        {
            await tokens.PutAsync(new TokenRecord(hash, "user-1", ["read"], null), None);
            await users.PutAsync(NewUser(hash), None);
        }

        await tokens.PutAsync(new TokenRecord(hashes[0], "user-2", [], 5), None);
        Assert.True(await tokens.DeleteAsync(hashes[1], None));

        Assert.Equal(19, Directory.GetFiles(Tokens).Length);
        Assert.Equal(20, Directory.GetFiles(Users).Length);
        Assert.All(Directory.GetFiles(_directory.Root, "*", SearchOption.AllDirectories), f => Assert.Matches(HashFileName(), Path.GetFileName(f)));
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("")]
    [InlineData("\u0000\u0001garbage")]
    [InlineData("[]")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":5}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"\"}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"scopes\":\"read\"}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"scopes\":[1]}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"expiresAt\":1.5}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"expiresAt\":\"1\"}")]
    [InlineData("{\"token\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"principalId\":\"p\"}")]
    public async Task CorruptTokenFile_ThrowsCorruptItemException_OnGetAndList(string content)
    {
        var store = new FileTokenStore(_directory.Data);
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await store.PutAsync(new TokenRecord(hash, "user-1", ["read", "write"], 4102444800), None);
        var path = Path.Combine(Tokens, hash + ".json");
        if (content == "truncate")
        {
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);
        }
        else
        {
            File.WriteAllText(path, content.Replace("HASH", hash, StringComparison.Ordinal));
        }

        var ex = await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync(hash, None));
        await Assert.ThrowsAsync<CorruptItemException>(async () => await store.ListAsync(None).ToListAsync());
        Assert.DoesNotContain(hash, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"u-1\"")]
    [InlineData("{\"id\":\"u-1\",\"updatedBy\":\"a\",\"updatedAt\":\"t\"}")]
    [InlineData("{\"id\":\"someone-else\",\"name\":\"n\",\"updatedBy\":\"a\",\"updatedAt\":\"t\"}")]
    public async Task CorruptUserFile_ThrowsCorruptItemException(string content)
    {
        var store = new FileUserStore(_directory.Data);
        await store.PutAsync(NewUser("u-1"), None);
        File.WriteAllText(Path.Combine(Users, FileUserStore.FileNameOf("u-1")), content);

        await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync("u-1", None));
    }

    [Fact]
    public async Task UserFileWithInvalidUtf8_ThrowsCorruptItemException_AndOneWithABomReads()
    {
        var store = new FileUserStore(_directory.Data);
        await store.PutAsync(NewUser("u-1"), None);
        var path = Path.Combine(Users, FileUserStore.FileNameOf("u-1"));
        var json = File.ReadAllBytes(path);

        File.WriteAllBytes(path, [.. "\uFEFF"u8, .. json]);
        Assert.Equal(NewUser("u-1"), await store.GetAsync("u-1", None));

        File.WriteAllBytes(path, [.. "{\"id\":\"u-1\",\"name\":\""u8, 0xFF, 0xFE, .. "\",\"updatedBy\":\"a\",\"updatedAt\":\"t\"}"u8]);
        await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync("u-1", None));
    }

    [Fact]
    public async Task UserIds_MapToHashFileNames_InsideTheUsersFolder()
    {
        string[] ids = ["../../escape", "a/b", "..", ".", "/etc/passwd", "ü🚀", "a\\b", "x.json", new string('z', 5000)];
        var store = new FileUserStore(_directory.Data);
        foreach (var id in ids)
        {
            await store.PutAsync(NewUser(id, "n-" + id.Length), None);
        }

        var files = Directory.GetFiles(_directory.Root, "*", SearchOption.AllDirectories);
        Assert.Equal(ids.Length, files.Length);
        Assert.All(files, f => Assert.Equal(Users, Path.GetDirectoryName(f)));
        Assert.All(files, f => Assert.Matches(HashFileName(), Path.GetFileName(f)));
        foreach (var id in ids)
        {
            Assert.Equal(NewUser(id, "n-" + id.Length), await store.GetAsync(id, None));
        }
    }

    [Fact]
    public async Task UserIdWithAnUnpairedSurrogate_IsRejected()
    {
        var store = new FileUserStore(_directory.Data);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(NewUser("bad\ud800"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("bad\ud800", None));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Folders_AreCreatedWithMode0700_AndFilesWith0600()
    {
        var nested = Path.Combine(_directory.Data, "nested");
        var users = new FileUserStore(nested);
        _ = new FileTokenStore(nested);
        await users.PutAsync(NewUser("u-1"), None);

        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        foreach (var folder in new[] { _directory.Data, nested, Path.Combine(nested, "users"), Path.Combine(nested, "tokens") })
        {
            Assert.Equal(owner, File.GetUnixFileMode(folder));
        }

        var file = Assert.Single(Directory.GetFiles(Path.Combine(nested, "users")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Construction_DeletesTempFilesOlderThanAMinute_AndListIgnoresTempFiles()
    {
        var store = new FileTokenStore(_directory.Data);
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await store.PutAsync(new TokenRecord(hash, "user-1", [], null), None);
        var stale = Path.Combine(Tokens, $".{Guid.NewGuid():N}.tmp");
        var fresh = Path.Combine(Tokens, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "{\"half");
        File.WriteAllText(fresh, "{\"half");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-2));

        var listed = await store.ListAsync(None).ToListAsync();
        _ = new FileTokenStore(_directory.Data);

        Assert.Equal(hash, Assert.Single(listed).TokenHash);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh)); // May belong to a write in progress in another process.
    }

    [Fact]
    public async Task Put_RecreatesTheFolder_WhenItWasDeletedWhileInUse()
    {
        var store = new FileUserStore(_directory.Data);
        Directory.Delete(_directory.Data, recursive: true);

        Assert.Null(await store.GetAsync("u-1", None));
        await store.PutAsync(NewUser("u-1"), None);

        Assert.Equal(NewUser("u-1"), await store.GetAsync("u-1", None));
    }
}
