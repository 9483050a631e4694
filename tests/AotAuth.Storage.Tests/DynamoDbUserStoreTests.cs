namespace AotAuth.Storage.Tests;

/// <summary>The user store contract on DynamoDB Local (a fresh table per test), and a corrupt item.</summary>
public abstract class DynamoDbUserStoreTests(DynamoDbClient client) : UserStoreContract
{
    private readonly string _table = DynamoDbLocalFixture.UniqueTableName("users");

    protected override async Task<IUserStore> CreateStoreAsync()
    {
        await DynamoDbTables.EnsureUserTableAsync(client, _table);
        return new DynamoDbUserStore(client, _table);
    }

    [Fact]
    public async Task Get_ThrowsCorruptItemException_WhenAnAttributeIsMissing()
    {
        await client.PutItemAsync(
            _table, new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-3") }, null, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<CorruptItemException>(() => Store.GetAsync("u-3", CancellationToken.None));

        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary><see cref="DynamoDbUserStoreTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbUserStoreTests(fixture.Client);

/// <summary><see cref="DynamoDbUserStoreTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbUserStoreTests(fixture.BlockingClient);
