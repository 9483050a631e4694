using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Storage.Tests;

/// <summary>
/// A client for the DynamoDB Local instance named by AOTAUTH_DYNAMODB_ENDPOINT, shared by the
/// integration test classes. Fails (never skips) when the variable is missing, so a run without
/// the emulator cannot look green.
/// </summary>
public sealed class DynamoDbLocalFixture : IDisposable
{
    public const string EndpointVariable = DynamoDbLocal.EndpointVariable;

    public DynamoDbLocalFixture()
    {
        Client = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri(DynamoDbLocal.Endpoint),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
            // The emulator's JVM is slow on its first requests (JIT); production keeps the 2 s default.
            RequestTimeout = TimeSpan.FromSeconds(15),
        });
        BlockingClient = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri(DynamoDbLocal.Endpoint),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
            RequestTimeout = TimeSpan.FromSeconds(15),
            SynchronousIo = true,
        });
    }

    public DynamoDbClient Client { get; }

    /// <summary>The same emulator through the functions' transport (<see cref="DynamoDbClientOptions.SynchronousIo"/>).</summary>
    public DynamoDbClient BlockingClient { get; }

    /// <summary>A table name no other test (or concurrent test run) uses.</summary>
    public static string UniqueTableName(string prefix) => DynamoDbLocal.UniqueTableName(prefix);

    /// <summary>A realistic token hash: lowercase hex SHA-256 of a random token.</summary>
    public static string NewTokenHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));

    public void Dispose()
    {
        Client.Dispose();
        BlockingClient.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DynamoDbLocalTests : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
