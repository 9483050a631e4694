using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using AotAuth.Core.Contracts;
using AotAuth.Storage;
using Lean = AotAuth.Storage.AttributeValue;
using Sdk = Amazon.DynamoDBv2.Model.AttributeValue;

namespace AotAuth.Interop.Tests;

/// <summary>
/// Items written by the project's client read back by AWSSDK.DynamoDBv2 and the other way round:
/// token and user items through their stores, and every attribute type the project uses
/// (S, N, SS, L, BOOL, NULL) through the raw item calls.
/// </summary>
public sealed class ItemInteropTests(InteropFixture db) : IClassFixture<InteropFixture>
{
    [Fact]
    public async Task TokenItem_WrittenByTheLeanStore_ReadsBackInTheSdk()
    {
        string hash = NewHash();
        long expiresAt = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        await new DynamoDbTokenStore(db.Lean, db.TokenTable).PutAsync(new TokenRecord(hash, "alice", ["PUT /user", "GET /user/*"], expiresAt), CancellationToken.None);

        var item = (await db.Sdk.GetItemAsync(new GetItemRequest { TableName = db.TokenTable, Key = new() { [TableSchema.TokenKey] = new Sdk { S = hash } }, ConsistentRead = true })).Item;

        Assert.Equal(hash, item[TableSchema.TokenKey].S);
        Assert.Equal("alice", item[TableSchema.TokenPrincipalId].S);
        Assert.Equal(["GET /user/*", "PUT /user"], item[TableSchema.TokenScopes].SS.Order(StringComparer.Ordinal));
        Assert.Equal(expiresAt.ToString(System.Globalization.CultureInfo.InvariantCulture), item[TableSchema.TokenExpiresAt].N);
        Assert.Equal(4, item.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TokenItem_WrittenByTheSdk_ReadsBackInTheLeanStore(bool scopesAsList)
    {
        string hash = NewHash();
        Sdk scopes = scopesAsList
            ? new Sdk { L = [new Sdk { S = "GET /user/*" }, new Sdk { S = "* /*" }] }
            : new Sdk { SS = ["GET /user/*", "* /*"] };
        await db.Sdk.PutItemAsync(new PutItemRequest
        {
            TableName = db.TokenTable,
            Item = new()
            {
                [TableSchema.TokenKey] = new Sdk { S = hash },
                [TableSchema.TokenPrincipalId] = new Sdk { S = "bob" },
                [TableSchema.TokenScopes] = scopes,
                [TableSchema.TokenExpiresAt] = new Sdk { N = "4102444800" },
            },
        });

        TokenRecord? record = await new DynamoDbTokenStore(db.Lean, db.TokenTable).GetAsync(hash, CancellationToken.None);

        Assert.NotNull(record);
        Assert.Equal("bob", record.PrincipalId);
        Assert.Equal(["* /*", "GET /user/*"], record.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(4102444800, record.ExpiresAt);
    }

    [Fact]
    public async Task UserItem_RoundTripsBetweenTheLeanStoreAndTheSdk_BothWays()
    {
        var users = new DynamoDbUserStore(db.Lean, db.UserTable);
        await users.PutAsync(new User("u-1", "Ada Lovelace \u00e9\u1234", "alice", "2026-11-29T11:00:00.000Z"), CancellationToken.None);
        var item = (await db.Sdk.GetItemAsync(new GetItemRequest { TableName = db.UserTable, Key = new() { [TableSchema.UserKey] = new Sdk { S = "u-1" } }, ConsistentRead = true })).Item;
        Assert.Equal("Ada Lovelace \u00e9\u1234", item[TableSchema.UserName].S);
        Assert.Equal("alice", item[TableSchema.UserUpdatedBy].S);
        Assert.Equal("2026-11-29T11:00:00.000Z", item[TableSchema.UserUpdatedAt].S);

        await db.Sdk.PutItemAsync(new PutItemRequest
        {
            TableName = db.UserTable,
            Item = new()
            {
                [TableSchema.UserKey] = new Sdk { S = "u-2" },
                [TableSchema.UserName] = new Sdk { S = "Grace \"Hopper\"\n" },
                [TableSchema.UserUpdatedBy] = new Sdk { S = "bob" },
                [TableSchema.UserUpdatedAt] = new Sdk { S = "2026-11-29T11:01:00.000Z" },
            },
        });
        Assert.Equal(new User("u-2", "Grace \"Hopper\"\n", "bob", "2026-11-29T11:01:00.000Z"), await users.GetAsync("u-2", CancellationToken.None));
    }

    [Fact]
    public async Task EveryAttributeType_WrittenByTheLeanClient_ReadsBackInTheSdk()
    {
        string key = NewHash();
        await db.Lean.PutItemAsync(db.TokenTable, new Dictionary<string, Lean>
        {
            [TableSchema.TokenKey] = Lean.FromString(key),
            ["s"] = Lean.FromString("x \u00e9 \"q\""),
            ["n"] = Lean.FromNumberText("-12.5"),
            ["ss"] = Lean.FromStringSet(["a", "b"]),
            ["l"] = Lean.FromList([Lean.FromString("one"), Lean.FromNumber(2), Lean.FromBool(true), Lean.Null]),
            ["bool"] = Lean.FromBool(false),
            ["null"] = Lean.Null,
        }, condition: null, CancellationToken.None);

        var item = (await db.Sdk.GetItemAsync(new GetItemRequest { TableName = db.TokenTable, Key = new() { [TableSchema.TokenKey] = new Sdk { S = key } }, ConsistentRead = true })).Item;

        Assert.Equal("x \u00e9 \"q\"", item["s"].S);
        Assert.Equal("-12.5", item["n"].N);
        Assert.Equal(["a", "b"], item["ss"].SS.Order(StringComparer.Ordinal));
        Assert.Equal("one", item["l"].L[0].S);
        Assert.Equal("2", item["l"].L[1].N);
        Assert.True(item["l"].L[2].BOOL);
        Assert.True(item["l"].L[3].NULL);
        Assert.False(item["bool"].BOOL);
        Assert.True(item["null"].NULL);
    }

    [Fact]
    public async Task EveryAttributeType_WrittenByTheSdk_ReadsBackInTheLeanClient()
    {
        string key = NewHash();
        await db.Sdk.PutItemAsync(new PutItemRequest
        {
            TableName = db.TokenTable,
            Item = new()
            {
                [TableSchema.TokenKey] = new Sdk { S = key },
                ["s"] = new Sdk { S = "x \u00e9 \"q\"" },
                ["n"] = new Sdk { N = "42" },
                ["ss"] = new Sdk { SS = ["a", "b"] },
                ["l"] = new Sdk { L = [new Sdk { S = "one" }, new Sdk { N = "2" }, new Sdk { BOOL = true }, new Sdk { NULL = true }] },
                ["bool"] = new Sdk { BOOL = true },
                ["null"] = new Sdk { NULL = true },
            },
        });

        var item = await db.Lean.GetItemAsync(db.TokenTable, new Dictionary<string, Lean> { [TableSchema.TokenKey] = Lean.FromString(key) }, consistentRead: true, CancellationToken.None);

        Assert.NotNull(item);
        Assert.Equal("x \u00e9 \"q\"", item["s"].AsString());
        Assert.Equal(42, item["n"].AsInt64());
        Assert.Equal(["a", "b"], item["ss"].StringSet!.Order(StringComparer.Ordinal));
        Assert.Equal([AttributeValueKind.S, AttributeValueKind.N, AttributeValueKind.Bool, AttributeValueKind.Null], item["l"].List!.Select(v => v.Kind));
        Assert.True(item["bool"].BoolValue);
        Assert.Equal(AttributeValueKind.Null, item["null"].Kind);
    }

    private static string NewHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
}
