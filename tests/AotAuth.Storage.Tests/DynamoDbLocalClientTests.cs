namespace AotAuth.Storage.Tests;

public abstract class DynamoDbLocalClientTests(DynamoDbClient client)
{
    [Fact]
    public async Task EnsureTokenTable_IsIdempotent_AndEnablesTtlOnExpiresAt()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("tokens");

        await DynamoDbTables.EnsureTokenTableAsync(client, table);
        await DynamoDbTables.EnsureTokenTableAsync(client, table);

        var description = await client.DescribeTableAsync(table, CancellationToken.None);
        var (ttlStatus, ttlAttribute) = await client.DescribeTimeToLiveAsync(table, CancellationToken.None);
        Assert.Equal("ACTIVE", description.TableStatus);
        Assert.Equal("ENABLED", ttlStatus);
        Assert.Equal("expiresAt", ttlAttribute);
    }

    [Fact]
    public async Task EnsureUserTable_IsIdempotent()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");

        await DynamoDbTables.EnsureUserTableAsync(client, table);
        await DynamoDbTables.EnsureUserTableAsync(client, table);

        Assert.Equal("ACTIVE", (await client.DescribeTableAsync(table, CancellationToken.None)).TableStatus);
    }

    [Fact]
    public async Task EnsureTable_CreatesTheGivenKeySchema_PartitionAndSortKey()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("orders");

        await DynamoDbTables.EnsureTableAsync(client, table, [("pk", "HASH", "S"), ("sk", "RANGE", "N")]);
        await DynamoDbTables.EnsureTableAsync(client, table, [("pk", "HASH", "S"), ("sk", "RANGE", "N")]);
        await client.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = AttributeValue.FromString("a"), ["sk"] = AttributeValue.FromNumber(7) }, null, CancellationToken.None);

        var found = await client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = AttributeValue.FromString("a"), ["sk"] = AttributeValue.FromNumber(7) }, true, CancellationToken.None);
        var partOfTheKey = await Assert.ThrowsAsync<DynamoDbException>(() =>
            client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = AttributeValue.FromString("a") }, true, CancellationToken.None));
        Assert.NotNull(found);
        Assert.Equal("ValidationException", partOfTheKey.ErrorCode);
    }

    [Fact]
    public async Task DescribeTable_ThrowsResourceNotFound_ForAMissingTable()
    {
        var ex = await Assert.ThrowsAsync<DynamoDbException>(() =>
            client.DescribeTableAsync(DynamoDbLocalFixture.UniqueTableName("missing"), CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task PutItem_WithAFailedCondition_ThrowsConditionalCheckFailed()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");
        await DynamoDbTables.EnsureUserTableAsync(client, table);
        var item = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1") };
        var onlyIfNew = new ConditionExpression("attribute_not_exists(#id)", new Dictionary<string, string> { ["#id"] = "id" });

        await client.PutItemAsync(table, item, onlyIfNew, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => client.PutItemAsync(table, item, onlyIfNew, CancellationToken.None));

        Assert.Equal("ConditionalCheckFailedException", ex.ErrorCode);
        Assert.DoesNotContain("u-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutItem_WithAConditionOnAValue_WritesOnlyWhenItHolds()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");
        await DynamoDbTables.EnsureUserTableAsync(client, table);
        var v1 = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1"), ["v"] = AttributeValue.FromNumber(1) };
        var v2 = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1"), ["v"] = AttributeValue.FromNumber(2) };
        var ifVersion1 = new ConditionExpression("v = :v", Values: new Dictionary<string, AttributeValue> { [":v"] = AttributeValue.FromNumber(1) });
        await client.PutItemAsync(table, v1, null, CancellationToken.None);

        await client.PutItemAsync(table, v2, ifVersion1, CancellationToken.None);

        var stored = await client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1") }, true, CancellationToken.None);
        Assert.Equal(2, stored!["v"].AsInt64());
    }
}

/// <summary><see cref="DynamoDbLocalClientTests"/> on the pooled HttpClient transport.</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbLocalClientTestsOnHttpClient(DynamoDbLocalFixture fixture) : DynamoDbLocalClientTests(fixture.Client);

/// <summary><see cref="DynamoDbLocalClientTests"/> on the functions' transport: the client's own blocking connection (SynchronousIo).</summary>
[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbLocalClientTestsOnBlockingConnection(DynamoDbLocalFixture fixture) : DynamoDbLocalClientTests(fixture.BlockingClient);
