using System.Text.RegularExpressions;

namespace AotAuth.Storage.Tests;

/// <summary>
/// Listing with damaged entries: one file (or item) that cannot be read is reported by its
/// hash-prefixed path and the listing goes on, so a damaged entry never hides the others, and
/// the reported hash deletes it.
/// </summary>
public sealed partial class DamagedEntryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [GeneratedRegex("[0-9a-fA-F]{64}")]
    private static partial Regex FullHash();

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("{\"token\":\"HASH\",\"principalId\":5}")]
    [InlineData("{\"token\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"principalId\":\"p\"}")]
    public async Task TokenListEntries_ReportTheDamagedFile_AndListEveryOtherToken(string content)
    {
        var store = new FileTokenStore(_directory.Data);
        string[] hashes = [DynamoDbLocalFixture.NewTokenHash(), DynamoDbLocalFixture.NewTokenHash(), DynamoDbLocalFixture.NewTokenHash()];
        foreach (string hash in hashes)
        {
            await store.PutAsync(new TokenRecord(hash, "p-" + hash[..4], ["GET /user/*"], null), None);
        }

        string damagedHash = hashes[1];
        WriteTokenFile(damagedHash, content.Replace("HASH", damagedHash, StringComparison.Ordinal));

        List<TokenListEntry> entries = await store.ListEntriesAsync(None).ToListAsync();

        string[] listed = [.. entries.Where(e => e.Record is not null).Select(e => e.Record!.TokenHash).Order(StringComparer.Ordinal)];
        Assert.Equal([.. new[] { hashes[0], hashes[2] }.Order(StringComparer.Ordinal)], listed);
        DamagedItem damaged = Assert.Single(entries, e => e.Damaged is not null).Damaged!;
        Assert.Equal(damagedHash, damaged.Hash);
        Assert.Equal($"tokens/{damagedHash[..8]}\u2026.json", damaged.Label);
        Assert.Contains(damaged.Label, damaged.Message, StringComparison.Ordinal);
        Assert.False(FullHash().IsMatch(damaged.Label + damaged.Message), damaged.Message);
    }

    [Fact]
    public async Task DamagedTokenEntry_IsRemovedByDeletingItsHash()
    {
        var store = new FileTokenStore(_directory.Data);
        WriteTokenFile(DynamoDbLocalFixture.NewTokenHash(), "{\"token\":");

        DamagedItem damaged = Assert.Single(await store.ListEntriesAsync(None).ToListAsync()).Damaged!;
        Assert.True(await store.DeleteAsync(damaged.Hash!, None));

        Assert.Empty(await store.ListEntriesAsync(None).ToListAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.Data, "tokens")));
    }

    [Fact]
    public async Task TokenListAsync_KeepsItsContract_AndEndsAtTheDamagedFile()
    {
        var store = new FileTokenStore(_directory.Data);
        WriteTokenFile(DynamoDbLocalFixture.NewTokenHash(), "[]");

        await Assert.ThrowsAsync<CorruptItemException>(async () => await store.ListAsync(None).ToListAsync());
    }

    [Fact]
    public async Task UserListDamaged_NamesOnlyTheDamagedUserFiles()
    {
        var store = new FileUserStore(_directory.Data);
        await store.PutAsync(new User("u-ok", "Ada", "demo", "t"), None);
        await store.PutAsync(new User("u-bad", "Grace", "demo", "t"), None);
        await store.PutAsync(new User("u-moved", "Alan", "demo", "t"), None);
        string bad = FileUserStore.FileNameOf("u-bad");
        string moved = FileUserStore.FileNameOf("u-moved");
        File.WriteAllText(Path.Combine(_directory.Data, "users", bad), "{\"id\":\"u-bad\"");
        // A valid user file under another user's name: its id does not hash to the name.
        File.Copy(Path.Combine(_directory.Data, "users", FileUserStore.FileNameOf("u-ok")), Path.Combine(_directory.Data, "users", moved), overwrite: true);

        List<DamagedItem> damaged = await store.ListDamagedAsync(None).ToListAsync();

        Assert.Equal(
            new[] { bad[..64], moved[..64] }.Order(StringComparer.Ordinal),
            damaged.Select(d => d.Hash!).Order(StringComparer.Ordinal));
        Assert.All(damaged, d => Assert.Equal($"users/{d.Hash![..8]}\u2026.json", d.Label));
        Assert.All(damaged, d => Assert.False(FullHash().IsMatch(d.Message), d.Message));
        Assert.NotNull(await store.GetAsync("u-ok", None));
    }

    [Fact]
    public async Task DamagedUserFile_IsReplacedByAPutOfThatUser()
    {
        var store = new FileUserStore(_directory.Data);
        await store.PutAsync(new User("u-1", "Ada", "demo", "t"), None);
        File.WriteAllText(Path.Combine(_directory.Data, "users", FileUserStore.FileNameOf("u-1")), "garbage");
        Assert.Single(await store.ListDamagedAsync(None).ToListAsync());

        await store.PutAsync(new User("u-1", "Ada L", "demo", "t2"), None);

        Assert.Empty(await store.ListDamagedAsync(None).ToListAsync());
        Assert.Equal("Ada L", (await store.GetAsync("u-1", None))!.Name);
    }

    /// <summary>Writes <paramref name="content"/> as the file of the token <paramref name="hash"/>, as damage on disk would leave it.</summary>
    private void WriteTokenFile(string hash, string content)
    {
        string tokens = Path.Combine(_directory.Data, "tokens");
        Directory.CreateDirectory(tokens);
        File.WriteAllText(Path.Combine(tokens, hash + ".json"), content);
    }
}
