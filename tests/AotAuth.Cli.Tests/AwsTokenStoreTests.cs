using Amazon.DynamoDBv2;
using Amazon.Runtime;
using AotAuth.Cli.Aws;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary>The CLI's SDK token store on DynamoDB Local: the ITokenStore contract, and create never overwrites.</summary>
public sealed class AwsTokenStoreTests : IAsyncLifetime, IDisposable
{
    private readonly string _table = DynamoDbLocal.UniqueTableName("aws-store");
    private readonly AmazonDynamoDBClient _sdk;
    private readonly DynamoDbClient _lean;

    public AwsTokenStoreTests()
    {
        string endpoint = DynamoDbLocal.Endpoint;
        _sdk = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
        _lean = DynamoDbLocal.CreateClient();
    }

    private AwsTokenStore Store => new(_sdk, _table);

    public Task InitializeAsync() => DynamoDbTables.EnsureTokenTableAsync(_lean, _table, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _sdk.Dispose();
        _lean.Dispose();
    }

    [Fact]
    public async Task Create_OfAnExistingHash_FailsAndLeavesTheTokenAsItWas()
    {
        var original = new TokenRecord(new string('d', 64), "owner", ["GET /user/*"], 4102444800);
        await Store.CreateAsync(original, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store.CreateAsync(original with { PrincipalId = "intruder", Scopes = ["* /*"] }, CancellationToken.None));

        Assert.Contains("already exists", ex.Message, StringComparison.Ordinal);
        TokenRecord? stored = await new DynamoDbTokenStore(_lean, _table).GetAsync(original.TokenHash, CancellationToken.None);
        Assert.Equal("owner", stored!.PrincipalId);
        Assert.Equal(["GET /user/*"], stored.Scopes);
    }

    [Fact]
    public async Task PutGetListDelete_RoundTrip_AsTheLeanStoreSeesIt()
    {
        var record = new TokenRecord(new string('e', 64), "lister", ["PUT /user", "GET /user/*"], null);
        await Store.PutAsync(record, CancellationToken.None);

        TokenRecord? viaLean = await new DynamoDbTokenStore(_lean, _table).GetAsync(record.TokenHash, CancellationToken.None);
        Assert.Equal(record.Scopes.Order(StringComparer.Ordinal), viaLean!.Scopes.Order(StringComparer.Ordinal));
        Assert.Null(viaLean.ExpiresAt);
        Assert.Equal("lister", (await Store.GetAsync(record.TokenHash, CancellationToken.None))!.PrincipalId);
        Assert.Contains(await ToListAsync(Store.ListAsync(CancellationToken.None)), r => r.TokenHash == record.TokenHash);
        Assert.True(await Store.DeleteAsync(record.TokenHash, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(record.TokenHash, CancellationToken.None));
        Assert.Null(await Store.GetAsync(record.TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Put_RejectsWhatTheLeanStoreRejects_WithoutACall()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(new TokenRecord("not-a-hash", "x", [], null), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(new TokenRecord(new string('f', 64), "", [], null), CancellationToken.None));
    }

    [Fact]
    public async Task ListEntries_ReportsADamagedItemAndGoesOn_AsTheLeanStoreDoes()
    {
        var good = new TokenRecord(new string('1', 64), "fine", ["GET /user/*"], null);
        await Store.PutAsync(good, CancellationToken.None);
        await _sdk.PutItemAsync(new Amazon.DynamoDBv2.Model.PutItemRequest
        {
            TableName = _table,
            Item = new()
            {
                ["token"] = new() { S = new string('2', 64) },
                ["principalId"] = new() { B = new MemoryStream([1, 2, 3]) },
            },
        });

        var entries = new List<TokenListEntry>();
        await foreach (TokenListEntry entry in Store.ListEntriesAsync(CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Contains(entries, e => e.Record?.TokenHash == good.TokenHash);
        DamagedItem damaged = Assert.Single(entries, e => e.Damaged is not null).Damaged!;
        Assert.Equal(new string('2', 64), damaged.Hash);
        Assert.Contains("principalId", damaged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('2', 64), damaged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingTable_IsAOneLineErrorNamingTheDynamoDbCode()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => new AwsTokenStore(_sdk, "no-such-table-" + Guid.NewGuid().ToString("N")).GetAsync(new string('a', 64), CancellationToken.None));

        Assert.StartsWith("DynamoDB: ResourceNotFoundException", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<TokenRecord>> ToListAsync(IAsyncEnumerable<TokenRecord> records)
    {
        var list = new List<TokenRecord>();
        await foreach (TokenRecord record in records)
        {
            list.Add(record);
        }

        return list;
    }
}
