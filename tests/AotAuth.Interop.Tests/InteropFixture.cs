using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace AotAuth.Interop.Tests;

/// <summary>
/// Both clients on the DynamoDB Local named by AOTAUTH_DYNAMODB_ENDPOINT (fails, never skips,
/// without it), and a token and a user table created by the project's client.
/// </summary>
public sealed class InteropFixture : IAsyncLifetime, IDisposable
{
    public InteropFixture()
    {
        string endpoint = Testing.DynamoDbLocal.Endpoint;
        Lean = Testing.DynamoDbLocal.CreateClient();
        Sdk = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
    }

    public Storage.DynamoDbClient Lean { get; }

    public AmazonDynamoDBClient Sdk { get; }

    public string TokenTable { get; } = Testing.DynamoDbLocal.UniqueTableName("interop-token");

    public string UserTable { get; } = Testing.DynamoDbLocal.UniqueTableName("interop-user");

    public async Task InitializeAsync()
    {
        await Storage.DynamoDbTables.EnsureTokenTableAsync(Lean, TokenTable, CancellationToken.None);
        await Storage.DynamoDbTables.EnsureUserTableAsync(Lean, UserTable, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Lean.Dispose();
        Sdk.Dispose();
    }
}
