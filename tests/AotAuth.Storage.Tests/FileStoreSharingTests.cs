namespace AotAuth.Storage.Tests;

/// <summary>File stores shared by several store instances (standing in for processes) and restarts.</summary>
public sealed class FileStoreSharingTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Users => Path.Combine(_directory.Data, "users");

    private static User NewUser(string id, string name = "Name") => new(id, name, "admin", "2025-01-02T03:04:05Z");

    [Fact]
    public async Task Data_SurvivesANewStoreInstance()
    {
        var hash = DynamoDbLocalFixture.NewTokenHash();
        var token = new TokenRecord(hash, "user-1", ["read"], 42);
        await new FileTokenStore(_directory.Data).PutAsync(token, None);
        await new FileUserStore(_directory.Data).PutAsync(NewUser("u-1"), None);

        var tokens = new FileTokenStore(_directory.Data);
        Assert.Equal(TokenStoreContract.Describe(token), TokenStoreContract.Describe((await tokens.GetAsync(hash, None))!));
        Assert.Equal(NewUser("u-1"), await new FileUserStore(_directory.Data).GetAsync("u-1", None));
        Assert.True(await tokens.DeleteAsync(hash, None));
        Assert.Null(await new FileTokenStore(_directory.Data).GetAsync(hash, None));
    }

    [Fact]
    public async Task EightConcurrentWriters_OfTwoHundredUsersEach_AllLand()
    {
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var store = new FileUserStore(_directory.Data); // One instance per writer, like separate processes.
            for (var i = 0; i < 200; i++)
            {
                await store.PutAsync(NewUser($"w{w}/u{i}", $"writer {w} user {i}"), None);
            }
        }));
        await Task.WhenAll(writers);

        var reader = new FileUserStore(_directory.Data);
        for (var w = 0; w < 8; w++)
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal($"writer {w} user {i}", (await reader.GetAsync($"w{w}/u{i}", None))!.Name);
            }
        }

        Assert.Equal(1600, Directory.GetFiles(Users).Length);
    }

    [Fact]
    public async Task ConcurrentWriters_OfOneUser_NeverExposeAPartialFile()
    {
        var store = new FileUserStore(_directory.Data);
        await store.PutAsync(NewUser("hot", "start"), None);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var user = await store.GetAsync("hot", None); // Throws CorruptItemException on a torn read.
                Assert.StartsWith("writer", user!.Name.Replace("start", "writer", StringComparison.Ordinal), StringComparison.Ordinal);
                reads++;
            }
        });
        var payload = new string('x', 20_000);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var own = new FileUserStore(_directory.Data);
            for (var i = 0; i < 100; i++)
            {
                await own.PutAsync(NewUser("hot", $"writer {w} {i} {payload}"), None);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await reader;

        Assert.True(reads > 0);
        Assert.Single(Directory.GetFiles(Users));
    }

    [Fact]
    public async Task ConcurrentDeletes_OfOneToken_ReportTrueExactlyOnce()
    {
        var store = new FileTokenStore(_directory.Data);
        for (var round = 0; round < 20; round++)
        {
            var hash = DynamoDbLocalFixture.NewTokenHash();
            await store.PutAsync(new TokenRecord(hash, "user-1", [], null), None);

            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.DeleteAsync(hash, None))));

            Assert.Equal(1, results.Count(deleted => deleted));
        }
    }
}
