using AotAuth.Storage;

namespace AotAuth.Testing;

/// <summary>
/// The DynamoDB Local server that scripts/test.sh starts, named by AOTAUTH_DYNAMODB_ENDPOINT.
/// A missing variable fails the test (never skips it), so a run without the emulator cannot look green.
/// </summary>
public static class DynamoDbLocal
{
    /// <summary>The variable holding the emulator's endpoint.</summary>
    public const string EndpointVariable = "AOTAUTH_DYNAMODB_ENDPOINT";

    /// <summary>The emulator's endpoint, e.g. <c>http://127.0.0.1:8000</c>.</summary>
    public static string Endpoint =>
        Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException(
                $"{EndpointVariable} is not set: run scripts/test.sh, or scripts/dynamodb-local.sh start and export {EndpointVariable}=http://127.0.0.1:8000");

    /// <summary>A client for the emulator with its dummy credentials.</summary>
    public static DynamoDbClient CreateClient() => new(new DynamoDbClientOptions
    {
        Endpoint = new Uri(Endpoint),
        Region = "us-east-1",
        Credentials = AwsCredentials.LocalDummy,
    });

    /// <summary>A table name no other test (or concurrent test run) uses.</summary>
    public static string UniqueTableName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
