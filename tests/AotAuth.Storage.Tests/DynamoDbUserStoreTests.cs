namespace AotAuth.Storage.Tests;

public abstract class DynamoDbUserStoreTests(DynamoDbClient client) : IAsyncLifetime
{
    private readonly string _table = DynamoDbLocalFixture.UniqueTableName("users");
    private DynamoDbUserStore _store = null!;

    public async Task InitializeAsync()
    {
        await DynamoDbTables.EnsureUserTableAsync(client, _table);
        _store = new DynamoDbUserStore(client, _table);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Put_ThenGet_RoundTripsTheUser()
    {
        var user = new User("u-1", "Zoë Ñandú 🚀", "admin-1", "2025-01-02T03:04:05Z");
        await _store.PutAsync(user, CancellationToken.None);

        Assert.Equal(user, await _store.GetAsync("u-1", CancellationToken.None));
    }

    [Fact]
    public async Task Get_ReturnsNull_WhenUserIsUnknown()
    {
        Assert.Null(await _store.GetAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Put_ReplacesTheWholeRecord()
    {
        await _store.PutAsync(new User("u-2", "Old", "a", "2025-01-01T00:00:00Z"), CancellationToken.None);
        var updated = new User("u-2", "New", "b", "2025-02-01T00:00:00Z");
        await _store.PutAsync(updated, CancellationToken.None);

        Assert.Equal(updated, await _store.GetAsync("u-2", CancellationToken.None));
    }

    [Fact]
    public async Task Get_ThrowsCorruptItemException_WhenAnAttributeIsMissing()
    {
        await client.PutItemAsync(
            _table, new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-3") }, null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<CorruptItemException>(() => _store.GetAsync("u-3", CancellationToken.None));

        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary><see cref="DynamoDbUserStoreTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbUserStoreTests(fixture.Client);

/// <summary><see cref="DynamoDbUserStoreTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbUserStoreTests(fixture.BlockingClient);
