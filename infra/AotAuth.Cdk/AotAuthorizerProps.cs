using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using AotAuth.Core;
using AotAuth.Core.Contracts;

namespace AotAuth.Cdk;

/// <summary>How the authorizer answers an HTTP API (payload format 2.0) event: <c>AUTHORIZER_RESPONSE</c>.</summary>
public enum AuthorizerResponseMode
{
    /// <summary>
    /// <c>{"isAuthorized": ..., "context": {...}}</c>, with the HTTP API authorizer's simple responses
    /// enabled. The answer is for one route, so <c>$context.routeKey</c> joins the identity source and
    /// API Gateway caches it per route.
    /// </summary>
    Simple,

    /// <summary>An IAM policy covering every scope of the token (as on a REST API); the token alone is the identity source.</summary>
    Iam,
}

/// <summary>
/// Settings of an <see cref="AotAuthorizer"/>. Every default is what AotAuth's own stack deploys;
/// infra/README.md ("AotAuth.Cdk: the constructs, for your own API") gives the measurement behind each.
/// </summary>
public sealed class AotAuthorizerProps
{
    /// <summary>The default <see cref="MemorySize"/>: 256 MB (memory only buys CPU; 256 MB halves a cold start without a primed connection).</summary>
    public const int DefaultMemorySize = 256;

    /// <summary>The default <see cref="ResultTtlSeconds"/>: API Gateway caches an answer 300 s per identity source.</summary>
    public const int DefaultResultTtlSeconds = 300;

    /// <summary>The default <see cref="IdentityHeader"/>.</summary>
    public const string DefaultIdentityHeader = "Authorization";

    /// <summary>The token table the authorizer reads (it gets <c>dynamodb:GetItem</c> on it and nothing else).</summary>
    public required TokenTable Tokens { get; init; }

    /// <summary>Lambda architecture. Default: <see cref="FunctionArchitecture.Arm64"/> (Graviton, cheaper per GB-second).</summary>
    public FunctionArchitecture Architecture { get; init; } = FunctionArchitecture.Arm64;

    /// <summary>
    /// Folder with the authorizer's <c>bootstrap</c> and <c>aws-root-cas.pem</c> for <see cref="Architecture"/>.
    /// Null (the default): the bootstrap the AotAuth.Cdk package carries.
    /// </summary>
    public string? CodeDirectory { get; init; }

    /// <summary>Memory in MB (128-10240). Default: <see cref="DefaultMemorySize"/>.</summary>
    public int MemorySize { get; init; } = DefaultMemorySize;

    /// <summary>
    /// Invocation timeout. Default: <see cref="AuthorizerCaching.AuthorizerTimeoutSeconds"/> s. At least 3 s: less cuts into
    /// the DynamoDB lookup's own budget (1500 ms + 1000 ms to connect + 100 ms kept before the deadline).
    /// </summary>
    public Duration? Timeout { get; init; }

    /// <summary>
    /// API Gateway's authorizer result cache (<c>authorizerResultTtlInSeconds</c>), 0-3600 s; 0 turns it
    /// off. It bounds how long a revoked token keeps working, together with <see cref="DecisionCacheTtlSeconds"/>.
    /// Default: <see cref="DefaultResultTtlSeconds"/>.
    /// </summary>
    public int ResultTtlSeconds { get; init; } = DefaultResultTtlSeconds;

    /// <summary>
    /// The request header that carries the token. Default: <c>Authorization</c>. A REST TOKEN
    /// authorizer may name any header; REQUEST and HTTP API authorizers hand the function the
    /// headers, and the function reads <c>Authorization</c>, so there it must stay <c>Authorization</c>.
    /// </summary>
    public string IdentityHeader { get; init; } = DefaultIdentityHeader;

    /// <summary>
    /// REST TOKEN authorizers: a token that does not match is refused with 401 before the function is
    /// invoked (no cost). Default: the format <c>aotauth token create</c> writes, <c>^[a-zA-Z0-9]{3,32}$</c>.
    /// </summary>
    public string ValidationRegex { get; init; } = TokenFormat.ValidationExpression;

    /// <summary>
    /// How long a warm instance remembers a decision (<c>CACHE_TTL_SECONDS</c>), 0-3600 s; 0 turns it
    /// off. Default: 60 s: repeated DynamoDB reads stay rare, and it adds at most a minute to the
    /// revocation bound.
    /// </summary>
    public int DecisionCacheTtlSeconds { get; init; } = AuthorizerCaching.DefaultDecisionCacheTtlSeconds;

    /// <summary>The decision cache bound (<c>CACHE_MAX_ENTRIES</c>). Default: 10,000 entries, well under 2 MB.</summary>
    public int DecisionCacheMaxEntries { get; init; } = FunctionVariables.DefaultCacheMaxEntries;

    /// <summary>How HTTP API events are answered. Default: <see cref="AuthorizerResponseMode.Simple"/>. REST events are always answered with a policy.</summary>
    public AuthorizerResponseMode ResponseMode { get; init; } = AuthorizerResponseMode.Simple;

    /// <summary>Lambda's log format; null (the default) leaves Lambda's (Text).</summary>
    public LoggingFormat? LogFormat { get; init; }

    /// <summary>The log level; needs <see cref="LogFormat"/> JSON. Null (the default): Lambda's (INFO).</summary>
    public ApplicationLogLevel? LogLevel { get; init; }

    /// <summary>Concurrency reserved for (and capping) the authorizer; null (the default) reserves none.</summary>
    public int? ReservedConcurrentExecutions { get; init; }

    /// <summary>How long the function's logs are kept. Default: one month.</summary>
    public RetentionDays LogRetention { get; init; } = NativeFunction.DefaultLogRetention;

    /// <summary>The function's description.</summary>
    public string Description { get; init; } = "AotAuth TOKEN authorizer (Native AOT)";
}
