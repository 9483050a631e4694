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
    public const string EndpointVariable = "AOTAUTH_DYNAMODB_ENDPOINT";

    public DynamoDbLocalFixture()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            throw new InvalidOperationException(
                $"{EndpointVariable} is not set. Run `scripts/dynamodb-local.sh start 8765` and " +
                $"`export {EndpointVariable}=$(scripts/dynamodb-local.sh endpoint 8765)` before running these tests.");
        }

        Client = new DynamoDbClient(new DynamoDbClientOptions
        {
            Endpoint = new Uri(endpoint),
            Region = "us-east-1",
            Credentials = AwsCredentials.LocalDummy,
            // The emulator's JVM is slow on its first requests (JIT); production keeps the 2 s default.
            RequestTimeout = TimeSpan.FromSeconds(15),
        });
    }

    public DynamoDbClient Client { get; }

    /// <summary>A table name no other test (or concurrent test run) uses.</summary>
    public static string UniqueTableName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A realistic token hash: lowercase hex SHA-256 of a random token.</summary>
    public static string NewTokenHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));

    public void Dispose() => Client.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DynamoDbLocalTests : ICollectionFixture<DynamoDbLocalFixture>
{
    public const string Name = "DynamoDB Local";
}
