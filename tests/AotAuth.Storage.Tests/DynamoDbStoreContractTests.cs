namespace AotAuth.Storage.Tests;

/// <summary>The token store contract on DynamoDB Local: a fresh table per test.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbTokenStoreContractTests(DynamoDbLocalFixture fixture) : TokenStoreContract
{
    protected override async Task<ITokenStore> CreateStoreAsync()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("contract-tokens");
        await DynamoDbTables.EnsureTokenTableAsync(fixture.Client, table);
        // Small Scan pages, so listing 40 tokens crosses several pages.
        return new DynamoDbTokenStore(fixture.Client, table, scanPageSize: 10);
    }
}

/// <summary>The user store contract on DynamoDB Local: a fresh table per test.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbUserStoreContractTests(DynamoDbLocalFixture fixture) : UserStoreContract
{
    protected override async Task<IUserStore> CreateStoreAsync()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("contract-users");
        await DynamoDbTables.EnsureUserTableAsync(fixture.Client, table);
        return new DynamoDbUserStore(fixture.Client, table);
    }
}
