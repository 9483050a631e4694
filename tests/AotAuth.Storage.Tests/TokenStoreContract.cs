namespace AotAuth.Storage.Tests;

/// <summary>The behaviour every <see cref="ITokenStore"/> must share.</summary>
public abstract class TokenStoreContract : StoreContract<ITokenStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A record with scopes sorted, so records compare with scopes as sets.</summary>
    internal static TokenRecord Normalized(TokenRecord r) =>
        r with { Scopes = r.Scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() };

    internal static string Describe(TokenRecord r) =>
        $"{r.TokenHash}|{r.PrincipalId}|{string.Join(",", Normalized(r).Scopes)}|{r.ExpiresAt}";

    [Fact]
    public async Task Put_ThenGet_RoundTripsEveryField()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(hash, "user-1 Zoë \"q\"", ["write", "read", "admin:*"], 4102444800), None);

        var record = await Store.GetAsync(hash, None);

        Assert.NotNull(record);
        Assert.Equal(hash, record.TokenHash);
        Assert.Equal("user-1 Zoë \"q\"", record.PrincipalId);
        Assert.Equal(["admin:*", "read", "write"], record.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal(4102444800, record.ExpiresAt);
    }

    [Fact]
    public async Task Get_ReturnsNull_WhenTheTokenIsUnknown()
    {
        Assert.Null(await Store.GetAsync(DynamoDbLocalFixture.NewTokenHash(), None));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("not-a-hash")]
    public async Task Get_AndDelete_FindNothing_ForAKeyThatIsNotAStoredHash(string key)
    {
        Assert.Null(await Store.GetAsync(key, None));
        Assert.False(await Store.DeleteAsync(key, None));
    }

    [Fact]
    public async Task Get_IsCaseSensitive()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(hash, "user-1", ["read"], null), None);

        Assert.Null(await Store.GetAsync(hash.ToUpperInvariant(), None));
    }

    [Fact]
    public async Task GetAndDelete_RejectAnEmptyHash_BeforeAnyCall()
    {
        Assert.Equal("tokenHash", (await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(string.Empty, None))).ParamName);
        Assert.Equal("tokenHash", (await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(string.Empty, None))).ParamName);
    }

    [Theory]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    [InlineData("../../../../../../../../../../../../../../../../../../../tmp/evil")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Put_RejectsATokenHashThatIsNotLowercaseHexSha256(string hash)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(new TokenRecord(hash, "user-1", [], null), None));
    }

    [Fact]
    public async Task Put_ReplacesAnExistingRecord_LastWriteWins()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(hash, "user-1", ["read", "write"], 100), None);
        await Store.PutAsync(new TokenRecord(hash, "user-2", ["admin"], null), None);

        var record = await Store.GetAsync(hash, None);

        Assert.Equal("user-2", record!.PrincipalId);
        Assert.Equal(["admin"], record.Scopes);
        Assert.Null(record.ExpiresAt);
    }

    [Fact]
    public async Task Scopes_AreStoredAsASet_DuplicatesRemoved_EmptyReadsBackEmpty()
    {
        var withDuplicates = DynamoDbLocalFixture.NewTokenHash();
        var empty = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(withDuplicates, "user-1", ["read", "read", "admin"], null), None);
        await Store.PutAsync(new TokenRecord(empty, "user-1", [], null), None);

        Assert.Equal(["admin", "read"], (await Store.GetAsync(withDuplicates, None))!.Scopes.Order(StringComparer.Ordinal));
        Assert.Empty((await Store.GetAsync(empty, None))!.Scopes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(4102444800L)]
    [InlineData(long.MaxValue)]
    public async Task ExpiresAt_RoundTrips(long? expiresAt)
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(hash, "user-1", ["read"], expiresAt), None);

        Assert.Equal(expiresAt, (await Store.GetAsync(hash, None))!.ExpiresAt);
    }

    [Fact]
    public async Task Delete_ReturnsTrue_ThenFalse_AndTheTokenIsGone()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        await Store.PutAsync(new TokenRecord(hash, "user-1", ["read"], null), None);

        Assert.True(await Store.DeleteAsync(hash, None));
        Assert.Null(await Store.GetAsync(hash, None));
        Assert.False(await Store.DeleteAsync(hash, None));
    }

    [Fact]
    public async Task List_ReturnsExactlyWhatWasPut()
    {
        var expected = new List<TokenRecord>();
        for (var i = 0; i < 40; i++)
        {
            var record = new TokenRecord(
                DynamoDbLocalFixture.NewTokenHash(), $"user-{i % 7}", i % 3 == 0 ? [] : ["read", $"scope-{i}"], i % 2 == 0 ? null : 1_700_000_000 + i);
            await Store.PutAsync(record, None);
            expected.Add(record);
        }

        // An overwrite and a delete must show in the listing, too.
        expected[5] = expected[5] with { PrincipalId = "replaced", Scopes = ["x"] };
        await Store.PutAsync(expected[5], None);
        Assert.True(await Store.DeleteAsync(expected[6].TokenHash, None));
        expected.RemoveAt(6);

        var listed = new List<TokenRecord>();
        await foreach (var record in Store.ListAsync(None))
        {
            listed.Add(record);
        }

        Assert.Equal(expected.Count, listed.Count);
        Assert.Equal(expected.Select(Describe).Order(StringComparer.Ordinal), listed.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_ReturnsNothing_ForAnEmptyStore()
    {
        await foreach (var _ in Store.ListAsync(None))
        {
            Assert.Fail("An empty store listed a token.");
        }
    }
}
