using System.Net;

namespace AotAuth.Storage.Tests;

// Drives the factory's internal overloads with a dictionary for the environment, so no test
// changes process environment variables (other test classes run in parallel).
public sealed class StoreFactoryTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static DynamoDbClient NoClient() => throw new InvalidOperationException("The file store must not create a DynamoDB client.");

    [Fact]
    public async Task DataDir_ChoosesTheFileStores_WithoutCreatingAClient()
    {
        var environment = Environment(("AOTAUTH_DATA_DIR", $"  {_directory.Data}  "), ("TOKEN_TABLE", "ignored"));

        var tokens = Assert.IsType<FileTokenStore>(StoreFactory.CreateTokenStore(environment, NoClient));
        var users = Assert.IsType<FileUserStore>(StoreFactory.CreateUserStore(environment, NoClient));
        await users.PutAsync(new User("u-1", "n", "a", "t"), CancellationToken.None);

        Assert.True(Directory.Exists(Path.Combine(_directory.Data, "tokens")));
        Assert.True(File.Exists(Path.Combine(_directory.Data, "users", FileUserStore.FileNameOf("u-1"))));
        Assert.Empty(await tokens.ListAsync(CancellationToken.None).ToListAsync());
    }

    [Theory]
    [InlineData(null, null, "auth-token", "user")]
    [InlineData(" ", "", "auth-token", "user")]
    [InlineData(" my-tokens ", "my-users", "my-tokens", "my-users")]
    public async Task NoDataDir_ChoosesDynamoDb_WithTheConfiguredTables(string? tokenTable, string? userTable, string expectedTokens, string expectedUsers)
    {
        using var handler = FakeHttpHandler.Sequence(() => FakeHttpHandler.Json(HttpStatusCode.OK, "{}"));
        using var client = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1:1"),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
            HttpMessageHandler = handler,
        });
        var clientCalls = 0;
        var environment = Environment(("AOTAUTH_DATA_DIR", " "), ("TOKEN_TABLE", tokenTable!), ("USER_TABLE", userTable!));

        var tokens = Assert.IsType<DynamoDbTokenStore>(StoreFactory.CreateTokenStore(environment, () => { clientCalls++; return client; }));
        var users = Assert.IsType<DynamoDbUserStore>(StoreFactory.CreateUserStore(environment, () => { clientCalls++; return client; }));
        await tokens.GetAsync(DynamoDbLocalFixture.NewTokenHash(), CancellationToken.None);
        await users.GetAsync("u-1", CancellationToken.None);

        Assert.Equal(2, clientCalls);
        Assert.Contains($"\"TableName\":\"{expectedTokens}\"", handler.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains($"\"TableName\":\"{expectedUsers}\"", handler.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenForFunction_ReportsAPrimeThatCouldNotConnect_AsAWarning()
    {
        var environment = Environment(("DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
        var settings = new StoreSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), PrimeConnection: true);
        List<string> infos = [], warnings = [];

        var store = await StoreFactory.OpenForFunctionAsync(environment, settings, StoreFactory.CreateTokenStore, infos.Add, warnings.Add, CancellationToken.None);

        Assert.IsType<DynamoDbTokenStore>(store);
        Assert.Empty(infos);
        Assert.StartsWith("could not open the DynamoDB connection in init", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)] // the file store has no connection to open, priming on or not
    [InlineData(false, false)] // DynamoDB with priming off
    public async Task OpenForFunction_ReportsNothing_WhenNothingIsPrimed(bool fileStore, bool prime)
    {
        var environment = fileStore
            ? Environment(("AOTAUTH_DATA_DIR", _directory.Data))
            : Environment(("DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
        var settings = new StoreSettings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), PrimeConnection: prime);
        List<string> reports = [];

        var store = await StoreFactory.OpenForFunctionAsync(environment, settings, StoreFactory.CreateUserStore, reports.Add, reports.Add, CancellationToken.None);

        Assert.IsType(fileStore ? typeof(FileUserStore) : typeof(DynamoDbUserStore), store);
        Assert.Empty(reports);
    }
}
