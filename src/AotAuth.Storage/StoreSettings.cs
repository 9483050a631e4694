using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// How a function talks to its store, read once at init: <see cref="RequestTimeout"/> for one
/// call with its retries, plus <see cref="ConnectTimeout"/> while the DynamoDB client has no
/// open connection (TCP and TLS), and whether init opens that connection ahead of the first
/// call (<see cref="PrimeConnection"/>, see <see cref="DynamoDbClient.PrimeAsync"/>). The two
/// budgets are apart because the first handshake of a cold instance at a small CPU share costs
/// far more than a request on an open connection.
/// </summary>
/// <param name="RequestTimeout">One call including retries (<c>DYNAMODB_TIMEOUT_MS</c>).</param>
/// <param name="ConnectTimeout">The extra budget for opening the connection (<c>DYNAMODB_CONNECT_TIMEOUT_MS</c>).</param>
/// <param name="PrimeConnection">Open the connection during init (<c>DYNAMODB_PRIME</c>, default true).</param>
public readonly record struct StoreSettings(TimeSpan RequestTimeout, TimeSpan ConnectTimeout, bool PrimeConnection)
{
    /// <summary>The variable holding <see cref="RequestTimeout"/> in milliseconds.</summary>
    public const string RequestTimeoutVariable = FunctionVariables.StoreTimeoutMs;

    /// <summary>The variable holding <see cref="ConnectTimeout"/> in milliseconds.</summary>
    public const string ConnectTimeoutVariable = FunctionVariables.StoreConnectTimeoutMs;

    /// <summary>The variable holding <see cref="PrimeConnection"/>.</summary>
    public const string PrimeConnectionVariable = FunctionVariables.PrimeStoreConnection;

    /// <summary>
    /// <see cref="ConnectTimeout"/> when unset: 1 s covers a handshake with the shipped trust store
    /// at 128 MB's CPU share many times over (docs/performance.md, "Cold start on AWS") and keeps a function's
    /// whole budget inside its timeout.
    /// </summary>
    public const int DefaultConnectTimeoutMs = FunctionVariables.DefaultStoreConnectTimeoutMs;

    /// <summary>The longest one call can take: a cold client's request plus connect budget.</summary>
    public TimeSpan LongestCall => RequestTimeout + ConnectTimeout;

    /// <summary>Reads the three variables; <paramref name="defaultRequestTimeoutMs"/> is the function's own default.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to something out of range.</exception>
    public static StoreSettings FromEnvironment(int defaultRequestTimeoutMs) => new(
        TimeSpan.FromMilliseconds(EnvironmentSettings.WholeNumber(RequestTimeoutVariable, defaultRequestTimeoutMs, min: 50, max: 30_000)),
        TimeSpan.FromMilliseconds(EnvironmentSettings.WholeNumber(ConnectTimeoutVariable, DefaultConnectTimeoutMs, min: 50, max: 10_000)),
        EnvironmentSettings.Switch(PrimeConnectionVariable, fallback: true));

    /// <summary>
    /// A function's client options: the environment's (<see cref="DynamoDbClientOptions.FromEnvironment"/>)
    /// with these budgets and synchronous I/O (an invocation makes one call at a time; see
    /// <see cref="DynamoDbClientOptions.SynchronousIo"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint or credentials are unusable.</exception>
    public DynamoDbClientOptions ClientOptions() => ClientOptions(DynamoDbClientOptions.FromEnvironment());

    /// <summary>As <see cref="ClientOptions()"/>, on <paramref name="endpointAndCredentials"/> instead of the environment's (benchmarks).</summary>
    /// <param name="endpointAndCredentials">Where to connect and how to sign.</param>
    public DynamoDbClientOptions ClientOptions(DynamoDbClientOptions endpointAndCredentials)
    {
        ArgumentNullException.ThrowIfNull(endpointAndCredentials);
        return endpointAndCredentials with { RequestTimeout = RequestTimeout, ConnectTimeout = ConnectTimeout, SynchronousIo = true };
    }
}
