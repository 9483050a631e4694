using AotAuth.Storage;

namespace AotAuth.IntegrationTests;

/// <summary>The DynamoDB Local server that scripts/test.sh starts.</summary>
internal static class DynamoDbLocal
{
    public static string Endpoint { get; } = Environment.GetEnvironmentVariable("AOTAUTH_DYNAMODB_ENDPOINT")
        ?? throw new InvalidOperationException(
            "AOTAUTH_DYNAMODB_ENDPOINT is not set: run scripts/test.sh, or scripts/dynamodb-local.sh start and export AOTAUTH_DYNAMODB_ENDPOINT=http://127.0.0.1:8000");

    public static DynamoDbClient CreateClient() => new(new DynamoDbClientOptions
    {
        Endpoint = new Uri(Endpoint),
        Region = "us-east-1",
        Credentials = new AwsCredentials("local", "local", null),
    });

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTableName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
