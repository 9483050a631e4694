namespace AotAuth.Storage.Tests;

/// <summary>
/// The token store contract on DynamoDB Local (a fresh table per test), and what only DynamoDB
/// shows: the attribute types written and accepted, corrupt items, and Scan pages.
/// </summary>
public abstract class DynamoDbTokenStoreTests(DynamoDbClient client) : TokenStoreContract
{
    private readonly string _table = DynamoDbLocalFixture.UniqueTableName("tokens");
    private DynamoDbTokenStore _store = null!;

    protected override async Task<ITokenStore> CreateStoreAsync()
    {
        await DynamoDbTables.EnsureTokenTableAsync(client, _table);
        // Small Scan pages, so the contract's listing of 40 tokens crosses several pages.
        return _store = new DynamoDbTokenStore(client, _table, scanPageSize: 10);
    }

    [Fact]
    public async Task ExpiresAt_RoundTripsAsNull_WhenTheTokenDoesNotExpire()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await _store.PutAsync(new TokenRecord(hash, "user-1", ["read"], null), CancellationToken.None);

        var record = await _store.GetAsync(hash, CancellationToken.None);

        Assert.Null(record!.ExpiresAt);
        var raw = await client.GetItemAsync(_table, Key(hash), true, CancellationToken.None);
        Assert.False(raw!.ContainsKey("expiresAt"));
    }

    [Fact]
    public async Task Put_WithoutScopes_OmitsTheAttribute_AndReadsBackAnEmptyList()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await _store.PutAsync(new TokenRecord(hash, "user-1", [], null), CancellationToken.None);

        var raw = await client.GetItemAsync(_table, Key(hash), true, CancellationToken.None);
        var record = await _store.GetAsync(hash, CancellationToken.None);

        Assert.False(raw!.ContainsKey("scopes"));
        Assert.Empty(record!.Scopes);
    }

    [Fact]
    public async Task Put_WritesScopesAsAStringSet_WithDuplicatesRemoved()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await _store.PutAsync(new TokenRecord(hash, "user-1", ["read", "read", "admin"], null), CancellationToken.None);

        var raw = await client.GetItemAsync(_table, Key(hash), true, CancellationToken.None);

        Assert.Equal(AttributeValueKind.SS, raw!["scopes"].Kind);
        Assert.Equal(["admin", "read"], raw["scopes"].StringSet!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_ReadsScopesStoredAsAListOfStrings()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await PutRaw(hash, ("principalId", AttributeValue.FromString("user-2")),
            ("scopes", AttributeValue.FromList([AttributeValue.FromString("b"), AttributeValue.FromString("a")])));

        var record = await _store.GetAsync(hash, CancellationToken.None);

        Assert.Equal(["b", "a"], record!.Scopes);
    }

    [Fact]
    public async Task Get_ReadsScopesStoredAsAStringSet()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await PutRaw(hash, ("principalId", AttributeValue.FromString("user-2")), ("scopes", AttributeValue.FromStringSet(["x", "y"])));

        var record = await _store.GetAsync(hash, CancellationToken.None);

        Assert.Equal(["x", "y"], record!.Scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_ThrowsCorruptItemException_WhenPrincipalIdIsMissing()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await PutRaw(hash, ("scopes", AttributeValue.FromStringSet(["read"])));

        var ex = await Assert.ThrowsAsync<CorruptItemException>(() => _store.GetAsync(hash, CancellationToken.None));

        Assert.DoesNotContain(hash, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ThrowsCorruptItemException_WhenPrincipalIdHasTheWrongType()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await PutRaw(hash, ("principalId", AttributeValue.FromBool(true)));

        await Assert.ThrowsAsync<CorruptItemException>(() => _store.GetAsync(hash, CancellationToken.None));
    }

    [Fact]
    public async Task Put_ReplacesTheWholeItem_NoAttributeOfTheOldRecordSurvives()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await _store.PutAsync(new TokenRecord(hash, "user-1", ["read"], 100), CancellationToken.None);
        await _store.PutAsync(new TokenRecord(hash, "user-2", [], null), CancellationToken.None);

        var record = await _store.GetAsync(hash, CancellationToken.None);

        Assert.Equal("user-2", record!.PrincipalId);
        Assert.Empty(record.Scopes);
        Assert.Null(record.ExpiresAt);
    }

    [Fact]
    public async Task Delete_ReturnsFalse_WhenTokenIsUnknown()
    {
        Assert.False(await _store.DeleteAsync(DynamoDbLocalFixture.NewTokenHash(), CancellationToken.None));
    }

    [Fact]
    public async Task List_ReturnsEveryToken_AcrossSeveralScanPages()
    {
        var hashes = Enumerable.Range(0, 30).Select(_ => DynamoDbLocalFixture.NewTokenHash()).ToHashSet();
        foreach (var hash in hashes)
        {
            await _store.PutAsync(new TokenRecord(hash, "user-" + hash[..4], ["read"], null), CancellationToken.None);
        }

        var pagedStore = new DynamoDbTokenStore(client, _table, scanPageSize: 7);
        var listed = new List<TokenRecord>();
        await foreach (var record in pagedStore.ListAsync(CancellationToken.None))
        {
            listed.Add(record);
        }

        // A page of 7 must leave more to read, or the test would not exercise pagination.
        var firstPage = await client.ScanAsync(_table, 7, null, CancellationToken.None);
        Assert.Equal(7, firstPage.Items.Count);
        Assert.NotNull(firstPage.LastEvaluatedKey);
        Assert.Equal(30, listed.Count);
        Assert.Equal(hashes, listed.Select(r => r.TokenHash).ToHashSet());
        Assert.All(listed, r => Assert.Equal("user-" + r.TokenHash[..4], r.PrincipalId));
    }

    [Fact]
    public async Task ListEntries_ReportsACorruptItem_AndListsTheOthers()
    {
        var good = DynamoDbLocalFixture.NewTokenHash();
        var bad = DynamoDbLocalFixture.NewTokenHash();
        await _store.PutAsync(new TokenRecord(good, "p", ["GET /user/*"], null), CancellationToken.None);
        await PutRaw(bad, ("scopes", AttributeValue.FromStringSet(["read"])));

        var entries = await _store.ListEntriesAsync(CancellationToken.None).ToListAsync();

        Assert.Equal(good, Assert.Single(entries, e => e.Record is not null).Record!.TokenHash);
        var damaged = Assert.Single(entries, e => e.Damaged is not null).Damaged!;
        Assert.Equal(bad, damaged.Hash);
        Assert.DoesNotContain(bad, damaged.Label + damaged.Message, StringComparison.Ordinal);
        Assert.Contains(bad[..8], damaged.Label, StringComparison.Ordinal);
        Assert.True(await _store.DeleteAsync(damaged.Hash!, CancellationToken.None));
    }

    private static Dictionary<string, AttributeValue> Key(string hash) => new() { ["token"] = AttributeValue.FromString(hash) };

    private Task PutRaw(string hash, params (string Name, AttributeValue Value)[] attributes)
    {
        var item = Key(hash);
        foreach (var (name, value) in attributes)
        {
            item[name] = value;
        }

        return client.PutItemAsync(_table, item, null, CancellationToken.None);
    }
}

/// <summary><see cref="DynamoDbTokenStoreTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbTokenStoreTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbTokenStoreTests(fixture.Client);

/// <summary><see cref="DynamoDbTokenStoreTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbTokenStoreTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbTokenStoreTests(fixture.BlockingClient);
