using System.Text.RegularExpressions;

namespace AotAuth.Storage.Tests;

/// <summary>
/// A file store names its files by a SHA-256 (of the token, or of the user id), and its errors end
/// up in log lines and CLI messages: no exception it throws may hold a full 64-hex hash. The file
/// is named by its 8-character prefix instead (<c>tokens/3f2a9c1e….json</c>), and an I/O error
/// keeps the type of its cause so callers can still tell a permission problem from another.
/// Tests run as root, so an unreadable file is made by putting a folder where the file should be.
/// </summary>
public sealed partial class FileStoreErrorMessageTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("[0-9a-fA-F]{64}")]
    private static partial Regex FullHash();

    [Fact]
    public async Task ReadingATokenFileThatCannotBeRead_NamesItByItsHashPrefix_AndKeepsTheCausesType()
    {
        var store = new FileTokenStore(_directory.Data);
        (string hash, string path) = TokenFileThatCannotBeUsed();
        Type causeType = CauseOf(() => File.ReadAllBytes(path));

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => store.GetAsync(hash, None));

        AssertNamesTheFileByPrefix(ex, "tokens", hash);
        Assert.Equal(causeType, ex.GetType());
    }

    [Fact]
    public async Task WritingATokenFileThatCannotBeReplaced_NamesItByItsHashPrefix_AndKeepsTheCausesType()
    {
        var store = new FileTokenStore(_directory.Data);
        (string hash, string path) = TokenFileThatCannotBeUsed();
        Type causeType = CauseOf(() =>
        {
            string temp = Path.Combine(_directory.Data, "tokens", ".probe.tmp");
            File.WriteAllText(temp, "{}");
            File.Move(temp, path, overwrite: true);
        });

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync(new TokenRecord(hash, "p", ["GET /user/*"], null), None));

        AssertNamesTheFileByPrefix(ex, "tokens", hash);
        Assert.Equal(causeType, ex.GetType());
    }

    [Fact]
    public async Task ReadingAndWritingAUserFileThatCannotBeUsed_NameItByItsHashPrefix()
    {
        var store = new FileUserStore(_directory.Data);
        string fileName = FileUserStore.FileNameOf("u-1");
        string hash = fileName[..64];
        Directory.CreateDirectory(Path.Combine(_directory.Data, "users", fileName));

        Exception read = await Assert.ThrowsAnyAsync<Exception>(() => store.GetAsync("u-1", None));
        Exception write = await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync(new User("u-1", "n", "a", "t"), None));

        AssertNamesTheFileByPrefix(read, "users", hash);
        AssertNamesTheFileByPrefix(write, "users", hash);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":5}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"scopes\":\"read\"}")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":\"p\",\"expiresAt\":\"1\"}")]
    [InlineData("{\"token\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"principalId\":\"p\"}")]
    public async Task CorruptTokenFile_IsNamedByItsHashPrefix_OnGetAndList(string content)
    {
        var store = new FileTokenStore(_directory.Data);
        string hash = DynamoDbLocalFixture.NewTokenHash();
        await store.PutAsync(new TokenRecord(hash, "user-1", ["read"], 4102444800), None);
        string path = Path.Combine(_directory.Data, "tokens", hash + ".json");
        if (content == "truncate")
        {
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);
        }
        else
        {
            File.WriteAllText(path, content.Replace("HASH", hash, StringComparison.Ordinal));
        }

        var get = await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync(hash, None));
        var list = await Assert.ThrowsAsync<CorruptItemException>(async () => await store.ListAsync(None).ToListAsync());

        AssertNamesTheFileByPrefix(get, "tokens", hash);
        AssertNamesTheFileByPrefix(list, "tokens", hash);
    }

    [Theory]
    [InlineData("{\"id\":\"u-1\"")]
    [InlineData("{\"id\":\"u-1\",\"updatedBy\":\"a\",\"updatedAt\":\"t\"}")]
    [InlineData("{\"id\":\"someone-else\",\"name\":\"n\",\"updatedBy\":\"a\",\"updatedAt\":\"t\"}")]
    public async Task CorruptUserFile_IsNamedByItsHashPrefix(string content)
    {
        var store = new FileUserStore(_directory.Data);
        string fileName = FileUserStore.FileNameOf("u-1");
        await store.PutAsync(new User("u-1", "n", "a", "t"), None);
        File.WriteAllText(Path.Combine(_directory.Data, "users", fileName), content);

        var ex = await Assert.ThrowsAsync<CorruptItemException>(() => store.GetAsync("u-1", None));

        AssertNamesTheFileByPrefix(ex, "users", fileName[..64]);
    }

    [Theory]
    [InlineData("no hex here", "no hex here")]
    [InlineData("short 0123456789abcdef", "short 0123456789abcdef")]
    [InlineData("63 x '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde'", "63 x '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde'")]
    [InlineData("'/d/tokens/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.json' and 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123", "'/d/tokens/01234567….json' and 01234567…")]
    public void WithoutHashes_CutsEveryRunOf64HexDigitsToItsPrefix(string text, string expected)
    {
        Assert.Equal(expected, DurableFile.WithoutHashes(text));
    }

    [Fact]
    public void Label_IsTheFolderAndTheFirstEightCharactersOfTheName()
    {
        string hash = new('a', 64);

        Assert.Equal("tokens/aaaaaaaa….json", DurableFile.Label(Path.Combine("/data", "tokens", hash + ".json")));
        Assert.Equal("users/short.json", DurableFile.Label(Path.Combine("/data", "users", "short.json")));
    }

    /// <summary>A new token hash whose file cannot be read or replaced: a folder stands at its path (root reads any file).</summary>
    private (string Hash, string Path) TokenFileThatCannotBeUsed()
    {
        string hash = DynamoDbLocalFixture.NewTokenHash();
        string path = Path.Combine(_directory.Data, "tokens", hash + ".json");
        Directory.CreateDirectory(path);
        return (hash, path);
    }

    private static void AssertNamesTheFileByPrefix(Exception ex, string folder, string hash)
    {
        string message = ex.Message;
        Assert.False(FullHash().IsMatch(message), $"{ex.GetType().Name} holds a full hash: {message}");
        Assert.Contains($"{folder}/{hash[..8]}…", message, StringComparison.Ordinal);
        Assert.DoesNotContain(hash[..9], message, StringComparison.Ordinal);
    }

    private static Type CauseOf(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex.GetType();
        }

        throw new InvalidOperationException("the operation did not fail, so the test set-up does not make the file unusable");
    }
}
