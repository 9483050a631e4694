namespace AotAuth.Core.Contracts;

/// <summary>
/// The environment variables the two functions read, with their defaults: the contract
/// between the functions and whatever starts them (the CDK stack, <c>aotauth serve</c>, the
/// cold-start harness, the arm64 smoke test). Each name is written here once; the readers
/// (Storage's settings, the functions' settings) and the writers use these constants.
/// <see cref="TrustStore"/> and <see cref="AuthorizerCaching"/> hold the variables of their own topics.
/// </summary>
public static class FunctionVariables
{
    /// <summary>The region of the DynamoDB endpoint (Lambda sets it).</summary>
    public const string Region = "AWS_REGION";

    /// <summary><see cref="Region"/> when unset.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Our DynamoDB endpoint override (e.g. DynamoDB Local).</summary>
    public const string DynamoDbEndpoint = "DYNAMODB_ENDPOINT";

    /// <summary>The folder of the embedded file store; set, it replaces DynamoDB (<c>aotauth serve</c>).</summary>
    public const string DataDirectory = "AOTAUTH_DATA_DIR";

    /// <summary>The authorizer's token table.</summary>
    public const string TokenTable = "TOKEN_TABLE";

    /// <summary><see cref="TokenTable"/> when unset (the seed's name).</summary>
    public const string DefaultTokenTable = "auth-token";

    /// <summary>The user function's table.</summary>
    public const string UserTable = "USER_TABLE";

    /// <summary><see cref="UserTable"/> when unset.</summary>
    public const string DefaultUserTable = "user";

    /// <summary>The budget of one store call with its retries, in milliseconds.</summary>
    public const string StoreTimeoutMs = "DYNAMODB_TIMEOUT_MS";

    /// <summary>The authorizer's <see cref="StoreTimeoutMs"/> when unset: well inside API Gateway's wait for an authorizer and the function's timeout.</summary>
    public const int DefaultAuthorizerStoreTimeoutMs = 1500;

    /// <summary>The user function's <see cref="StoreTimeoutMs"/> when unset: a write may wait longer than a lookup.</summary>
    public const int DefaultUserStoreTimeoutMs = 3000;

    /// <summary>The extra budget of a call while no connection is open (TCP and TLS), in milliseconds.</summary>
    public const string StoreConnectTimeoutMs = "DYNAMODB_CONNECT_TIMEOUT_MS";

    /// <summary>
    /// <see cref="StoreConnectTimeoutMs"/> when unset: 1 s covers a handshake with the shipped trust
    /// store at 128 MB's CPU share many times over (docs/performance.md, "Cold start on AWS").
    /// </summary>
    public const int DefaultStoreConnectTimeoutMs = 1000;

    /// <summary><c>true</c>/<c>false</c>: open the DynamoDB connection during init (default true).</summary>
    public const string PrimeStoreConnection = "DYNAMODB_PRIME";

    /// <summary>The authorizer's decision cache bound (entries).</summary>
    public const string CacheMaxEntries = "CACHE_MAX_ENTRIES";

    /// <summary><see cref="CacheMaxEntries"/> when unset: 10,000 entries are well under 2 MB.</summary>
    public const int DefaultCacheMaxEntries = 10_000;

    /// <summary>
    /// How the authorizer answers HTTP API (payload format 2.0) events: <see cref="SimpleAuthorizerResponse"/>
    /// (the default; the authorizer's <c>EnableSimpleResponses</c> must be on) or <see cref="IamAuthorizerResponse"/>.
    /// REST events (TOKEN, REQUEST) are always answered with an IAM policy.
    /// </summary>
    public const string AuthorizerResponse = "AUTHORIZER_RESPONSE";

    /// <summary><see cref="AuthorizerResponse"/>: <c>{"isAuthorized": ..., "context": {...}}</c>.</summary>
    public const string SimpleAuthorizerResponse = "simple";

    /// <summary><see cref="AuthorizerResponse"/>: an IAM policy covering every scope of the token, as on REST.</summary>
    public const string IamAuthorizerResponse = "iam";
}
