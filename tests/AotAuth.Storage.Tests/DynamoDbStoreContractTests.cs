namespace AotAuth.Storage.Tests;

/// <summary>The token store contract on DynamoDB Local: a fresh table per test.</summary>
public abstract class DynamoDbTokenStoreContractTests(DynamoDbClient client) : TokenStoreContract
{
    protected override async Task<ITokenStore> CreateStoreAsync()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("contract-tokens");
        await DynamoDbTables.EnsureTokenTableAsync(client, table);
        // Small Scan pages, so listing 40 tokens crosses several pages.
        return new DynamoDbTokenStore(client, table, scanPageSize: 10);
    }
}

/// <summary>The user store contract on DynamoDB Local: a fresh table per test.</summary>
public abstract class DynamoDbUserStoreContractTests(DynamoDbClient client) : UserStoreContract
{
    protected override async Task<IUserStore> CreateStoreAsync()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("contract-users");
        await DynamoDbTables.EnsureUserTableAsync(client, table);
        return new DynamoDbUserStore(client, table);
    }
}

/// <summary><see cref="DynamoDbTokenStoreContractTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbTokenStoreContractTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbTokenStoreContractTests(fixture.Client);

/// <summary><see cref="DynamoDbTokenStoreContractTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbTokenStoreContractTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbTokenStoreContractTests(fixture.BlockingClient);

/// <summary><see cref="DynamoDbUserStoreContractTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreContractTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbUserStoreContractTests(fixture.Client);

/// <summary><see cref="DynamoDbUserStoreContractTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreContractTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbUserStoreContractTests(fixture.BlockingClient);
