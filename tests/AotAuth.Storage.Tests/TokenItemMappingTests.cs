namespace AotAuth.Storage.Tests;

// Mapping rules of DynamoDbTokenStore that need no database: corrupt items and input checks.
public class TokenItemMappingTests
{
    private const string Hash = "0000000000000000000000000000000000000000000000000000000000000001";

    [Fact]
    public void FromItem_Throws_WhenPrincipalIdIsMissing()
    {
        var ex = Assert.Throws<CorruptItemException>(() => TokenItem.FromAttributes(Item()));

        Assert.Equal(CorruptItemException.CorruptItemCode, ex.ErrorCode);
        Assert.Contains("principalId", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromItem_Throws_WhenPrincipalIdIsNotAString()
    {
        Assert.Throws<CorruptItemException>(() => TokenItem.FromAttributes(Item(("principalId", AttributeValue.FromNumber(5)))));
    }

    [Fact]
    public void FromItem_Throws_WhenAListScopeIsNotAString()
    {
        var scopes = AttributeValue.FromList([AttributeValue.FromString("read"), AttributeValue.FromNumber(1)]);

        Assert.Throws<CorruptItemException>(() => TokenItem.FromAttributes(Item(("principalId", AttributeValue.FromString("p")), ("scopes", scopes))));
    }

    [Fact]
    public void FromItem_Throws_WhenExpiresAtIsNotAnIntegralNumber()
    {
        Assert.Throws<CorruptItemException>(() =>
            TokenItem.FromAttributes(Item(("principalId", AttributeValue.FromString("p")), ("expiresAt", AttributeValue.FromString("soon")))));
    }

    [Fact]
    public void FromItem_ReadsMissingScopesAsEmpty_AndMissingExpiryAsNull()
    {
        var record = TokenItem.FromAttributes(Item(("principalId", AttributeValue.FromString("p"))));

        Assert.Equal(new TokenRecord(Hash, "p", record.Scopes, null), record);
        Assert.Empty(record.Scopes);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000A")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000001x")]
    public async Task PutAsync_RejectsATokenHashThatIsNotLowercaseSha256Hex(string badHash)
    {
        using var client = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
        });
        var store = new DynamoDbTokenStore(client, "tokens");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(new TokenRecord(badHash, "p", [], null), CancellationToken.None));

        Assert.DoesNotContain(badHash, ex.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, AttributeValue> Item(params (string Name, AttributeValue Value)[] attributes)
    {
        var item = new Dictionary<string, AttributeValue> { ["token"] = AttributeValue.FromString(Hash) };
        foreach (var (name, value) in attributes)
        {
            item[name] = value;
        }

        return item;
    }
}
