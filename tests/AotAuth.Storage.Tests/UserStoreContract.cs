namespace AotAuth.Storage.Tests;

/// <summary>The behaviour every <see cref="IUserStore"/> must share.</summary>
public abstract class UserStoreContract : StoreContract<IUserStore>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Zoë Ñandú 🚀")]
    [InlineData("O'Brien \"the quoted\" \\ back\\slash")]
    [InlineData("<script>alert('x')</script> &amp; \u00e9\u0301 中文 עברית")]
    [InlineData("")]
    public async Task Put_ThenGet_RoundTripsTheUser(string name)
    {
        var user = new User("u-1", name, "admin-1 \"Ü\"", "2025-01-02T03:04:05Z");
        await Store.PutAsync(user, None);

        Assert.Equal(user, await Store.GetAsync("u-1", None));
    }

    [Fact]
    public async Task Get_ReturnsNull_WhenTheUserIsUnknown()
    {
        Assert.Null(await Store.GetAsync("nobody", None));
    }

    [Fact]
    public async Task Put_ReplacesTheWholeRecord_LastWriteWins()
    {
        await Store.PutAsync(new User("u-2", "Old", "a", "2025-01-01T00:00:00Z"), None);
        var updated = new User("u-2", "New", "b", "2025-02-01T00:00:00Z");
        await Store.PutAsync(updated, None);

        Assert.Equal(updated, await Store.GetAsync("u-2", None));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("../../escape")]
    [InlineData("..")]
    [InlineData("ü🚀 with space")]
    [InlineData("C:\\windows\\x")]
    [InlineData("quote\"and'apostrophe")]
    public async Task Ids_WithAnyCharacter_RoundTrip(string id)
    {
        var user = new User(id, "Name", "admin", "2025-01-02T03:04:05Z");
        await Store.PutAsync(user, None);

        Assert.Equal(user, await Store.GetAsync(id, None));
    }

    [Fact]
    public async Task Get_RejectsAnEmptyId_BeforeAnyCall()
    {
        Assert.Equal("id", (await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(string.Empty, None))).ParamName);
    }

    [Fact]
    public async Task Ids_AreCaseSensitive()
    {
        await Store.PutAsync(new User("Alice", "Upper", "admin", "2025-01-02T03:04:05Z"), None);
        await Store.PutAsync(new User("alice", "Lower", "admin", "2025-01-02T03:04:05Z"), None);

        Assert.Equal("Upper", (await Store.GetAsync("Alice", None))!.Name);
        Assert.Equal("Lower", (await Store.GetAsync("alice", None))!.Name);
        Assert.Null(await Store.GetAsync("ALICE", None));
    }
}
