namespace AotAuth.Storage.Tests;

[Collection(DynamoDbLocalTests.Name)]
public sealed class DynamoDbLocalClientTests(DynamoDbLocalFixture fixture)
{
    [Fact]
    public async Task EnsureTokenTable_IsIdempotent_AndEnablesTtlOnExpiresAt()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("tokens");

        await DynamoDbTables.EnsureTokenTableAsync(fixture.Client, table);
        await DynamoDbTables.EnsureTokenTableAsync(fixture.Client, table);

        var description = await fixture.Client.DescribeTableAsync(table, CancellationToken.None);
        var (ttlStatus, ttlAttribute) = await fixture.Client.DescribeTimeToLiveAsync(table, CancellationToken.None);
        Assert.Equal("ACTIVE", description.TableStatus);
        Assert.Equal("ENABLED", ttlStatus);
        Assert.Equal("expiresAt", ttlAttribute);
    }

    [Fact]
    public async Task EnsureUserTable_IsIdempotent()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");

        await DynamoDbTables.EnsureUserTableAsync(fixture.Client, table);
        await DynamoDbTables.EnsureUserTableAsync(fixture.Client, table);

        Assert.Equal("ACTIVE", (await fixture.Client.DescribeTableAsync(table, CancellationToken.None)).TableStatus);
    }

    [Fact]
    public async Task DescribeTable_ThrowsResourceNotFound_ForAMissingTable()
    {
        var ex = await Assert.ThrowsAsync<DynamoDbException>(() =>
            fixture.Client.DescribeTableAsync(DynamoDbLocalFixture.UniqueTableName("missing"), CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
        Assert.Equal(400, ex.StatusCode);
        Assert.False(ex.IsRetryable);
    }

    [Fact]
    public async Task PutItem_WithAFailedCondition_ThrowsConditionalCheckFailed()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");
        await DynamoDbTables.EnsureUserTableAsync(fixture.Client, table);
        var item = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1") };
        var onlyIfNew = new ConditionExpression("attribute_not_exists(#id)", new Dictionary<string, string> { ["#id"] = "id" });

        await fixture.Client.PutItemAsync(table, item, onlyIfNew, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<DynamoDbException>(() => fixture.Client.PutItemAsync(table, item, onlyIfNew, CancellationToken.None));

        Assert.Equal("ConditionalCheckFailedException", ex.ErrorCode);
        Assert.DoesNotContain("u-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutItem_WithAConditionOnAValue_WritesOnlyWhenItHolds()
    {
        var table = DynamoDbLocalFixture.UniqueTableName("users");
        await DynamoDbTables.EnsureUserTableAsync(fixture.Client, table);
        var v1 = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1"), ["v"] = AttributeValue.FromNumber(1) };
        var v2 = new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1"), ["v"] = AttributeValue.FromNumber(2) };
        var ifVersion1 = new ConditionExpression("v = :v", Values: new Dictionary<string, AttributeValue> { [":v"] = AttributeValue.FromNumber(1) });
        await fixture.Client.PutItemAsync(table, v1, null, CancellationToken.None);

        await fixture.Client.PutItemAsync(table, v2, ifVersion1, CancellationToken.None);

        var stored = await fixture.Client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = AttributeValue.FromString("u-1") }, true, CancellationToken.None);
        Assert.Equal(2, stored!["v"].AsInt64());
    }
}
