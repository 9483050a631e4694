namespace AotAuth.Storage.Tests;

/// <summary>DynamoDB clients for the tests that run without the emulator.</summary>
internal static class TestClients
{
    /// <summary>
    /// A client whose every request goes to <paramref name="handler"/>: AWS's endpoint and session
    /// credentials, so a request carries every signed header. The connect budget keeps its default
    /// unless <paramref name="connectTimeout"/> is given.
    /// </summary>
    public static DynamoDbClient OnHandler(HttpMessageHandler handler, TimeSpan? requestTimeout = null, TimeSpan? connectTimeout = null, int maxRetries = 2)
    {
        var options = new DynamoDbClientOptions
        {
            Endpoint = new Uri("https://dynamodb.us-east-1.amazonaws.com"),
            Region = "us-east-1",
            Credentials = new AwsCredentials("AKIDTEST", "secret", "session"),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5),
            MaxRetries = maxRetries,
            HttpMessageHandler = handler,
        };
        return new DynamoDbClient(connectTimeout is { } connect ? options with { ConnectTimeout = connect } : options);
    }

    /// <summary>
    /// The functions' transport (<see cref="DynamoDbClientOptions.SynchronousIo"/>: the client's own
    /// blocking connection) to <paramref name="endpoint"/>. A call before any answer gets both budgets,
    /// so both are <paramref name="timeout"/>.
    /// </summary>
    public static DynamoDbClient Blocking(Uri endpoint, TimeSpan timeout, int maxRetries = 0) => new(new DynamoDbClientOptions
    {
        Endpoint = endpoint,
        Region = "us-east-1",
        Credentials = AwsCredentials.LocalDummy,
        RequestTimeout = timeout,
        ConnectTimeout = timeout,
        MaxRetries = maxRetries,
        SynchronousIo = true,
    });

    /// <summary>
    /// A client for 127.0.0.1:1, where nothing listens, so every connect is refused at once; its
    /// request and connect budgets are minutes, so a test can tell a refusal from a wait, and a
    /// loaded machine that is slow to run the first connect is not mistaken for a connect timeout.
    /// </summary>
    public static DynamoDbClient Refused() => new(new DynamoDbClientOptions
    {
        Endpoint = new Uri("http://127.0.0.1:1"),
        Region = "us-east-1",
        Credentials = AwsCredentials.LocalDummy,
        RequestTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromMinutes(1),
    });
}
