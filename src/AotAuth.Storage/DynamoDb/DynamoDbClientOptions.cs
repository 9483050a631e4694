using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>Settings of a <see cref="DynamoDbClient"/>.</summary>
public sealed record DynamoDbClientOptions
{
    /// <summary>The endpoint, e.g. https://dynamodb.us-east-1.amazonaws.com or http://127.0.0.1:8000.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The region used in the signature's credential scope.</summary>
    public required string Region { get; init; }

    /// <summary>The credentials to sign with.</summary>
    public required AwsCredentials Credentials { get; init; }

    /// <summary>
    /// The time budget of one call, covering every attempt and the backoff between them.
    /// Default 2 s: an authorizer answering within its own limit must not wait longer.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The extra time a call gets while the client has no connection yet (TCP connect plus TLS
    /// handshake), on top of <see cref="RequestTimeout"/>; also the bound of <see cref="DynamoDbClient.PrimeAsync"/>
    /// and of any single connection attempt. Default 1 s. Kept apart from the request budget because a
    /// first handshake under a small CPU share costs far more than a request on an open connection.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a call is retried after a transient failure. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>
    /// Sends over the client's own keep-alive HTTP/1.1 connection on a blocking socket
    /// (<c>SslStream</c> over it for https) and blocks the calling thread until the answer is
    /// read, instead of a pooled HttpClient. For a caller with one call in flight and nothing
    /// else for the thread to do meanwhile: a Lambda function's invocation. It saves every
    /// hand-over between threads (the socket engine's thread, pool workers, HttpClient's
    /// read-ahead after each answer), which Lambda's small CPU share pays for, and the timer of
    /// each call: the budgets bound each socket operation instead, and cancellation shuts the
    /// socket down under a blocked read. Calls are serialised. Cannot be combined with
    /// <see cref="HttpMessageHandler"/>. Default false.
    /// </summary>
    public bool SynchronousIo { get; init; }

    /// <summary>
    /// A handler to send requests with instead of the client's own SocketsHttpHandler (for tests).
    /// The client does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; init; }

    /// <summary>
    /// Builds options from the environment: <c>AWS_REGION</c> (default us-east-1), the endpoint
    /// (<see cref="DynamoDbEndpoints.FromEnvironment"/>: <c>DYNAMODB_ENDPOINT</c>, then
    /// <c>AWS_ENDPOINT_URL_DYNAMODB</c>, then <c>AWS_ENDPOINT_URL</c>, else the region's endpoint
    /// in its partition, FIPS with <c>AWS_USE_FIPS_ENDPOINT=true</c>) and the AWS_* credential
    /// variables. With an endpoint override whose host is not AWS's (an emulator), missing
    /// credentials fall back to <see cref="AwsCredentials.LocalDummy"/>; an override to an AWS host
    /// (a VPC endpoint, say) needs real ones like the default endpoint does.
    /// The time budgets keep their defaults: each function sets its own from its settings (<c>with</c>).
    /// </summary>
    /// <param name="environment">Where variables are read (<see cref="EnvironmentSettings"/>).</param>
    /// <exception cref="InvalidOperationException">A variable is set to something unusable (the message names it), or credentials are missing.</exception>
    public static DynamoDbClientOptions FromEnvironment(Func<string, string?> environment)
    {
        string region = DynamoDbEndpoints.RegionFromEnvironment(environment);
        (Uri endpoint, string? overriddenBy) = DynamoDbEndpoints.FromEnvironment(environment, region);
        return new DynamoDbClientOptions
        {
            Endpoint = endpoint,
            Region = region,
            Credentials = AwsCredentials.FromEnvironment(environment, useLocalDummyWhenMissing: overriddenBy is not null && !DynamoDbEndpoints.IsAwsHost(endpoint.Host)),
        };
    }
}
