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
        string endpoint = Environment.GetEnvironmentVariable("AOTAUTH_DYNAMODB_ENDPOINT") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("AOTAUTH_DYNAMODB_ENDPOINT is not set: run scripts/test.sh, or scripts/dynamodb-local.sh start PORT and export it");
        Lean = new Storage.DynamoDbClient(new Storage.DynamoDbClientOptions
        {
            Endpoint = new Uri(endpoint),
            Region = "us-east-1",
            Credentials = Storage.AwsCredentials.LocalDummy,
            RequestTimeout = TimeSpan.FromSeconds(15),
        });
        Sdk = new AmazonDynamoDBClient(
            new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1" });
    }

    public Storage.DynamoDbClient Lean { get; }

    public AmazonDynamoDBClient Sdk { get; }

    public string TokenTable { get; } = "interop-token-" + Guid.NewGuid().ToString("N");

    public string UserTable { get; } = "interop-user-" + Guid.NewGuid().ToString("N");

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
