using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Infra;

/// <summary>Settings of the <see cref="AuthorizerFunction"/>.</summary>
public sealed class AuthorizerFunctionProps
{
    /// <summary>Folder holding the published authorizer <c>bootstrap</c>.</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>The architecture it was published for.</summary>
    public required FunctionArchitecture Architecture { get; init; }

    /// <summary>The token table; the function may only GetItem on it.</summary>
    public required TokenStore Tokens { get; init; }

    /// <summary>
    /// <c>CACHE_TTL_SECONDS</c>: how long a warm instance remembers a decision. It adds to how long a
    /// revoked token keeps working on top of API Gateway's own result cache
    /// (<see cref="AuthorizerCaching.RevocationBound"/>); the function's default (60 s, set here so it
    /// is visible, and what <c>aotauth token revoke</c> states) keeps repeated DynamoDB reads rare.
    /// </summary>
    public int DecisionCacheSeconds { get; init; } = AuthorizerCaching.DefaultDecisionCacheTtlSeconds;
}

/// <summary>The TOKEN authorizer function.</summary>
public sealed class AuthorizerFunction : Construct
{
    /// <summary>
    /// Memory: the process peaks near 12 MB, so memory only buys CPU. 256 MB gives twice
    /// 128 MB's CPU share, which halves the cold start's TLS handshake and SigV4 work; at
    /// roughly half the duration the cost per request stays about the same.
    /// </summary>
    public const int MemorySize = 256;

    /// <summary>
    /// Timeout: one DynamoDB call is budgeted 1500 ms (<c>DYNAMODB_TIMEOUT_MS</c>) and the function
    /// stops 100 ms before its deadline; 3 s leaves room for a cold start and fails fast otherwise.
    /// </summary>
    public const int TimeoutSeconds = 3;

    /// <summary>The DynamoDB budget of one lookup, retries included.</summary>
    public const int DynamoDbTimeoutMs = 1500;

    /// <summary>Creates the function and grants it GetItem on the token table.</summary>
    public AuthorizerFunction(Construct scope, string id, AuthorizerFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Native = new NativeFunction(this, "Native", new NativeFunctionProps
        {
            CodeDirectory = props.CodeDirectory,
            Architecture = props.Architecture,
            MemorySize = MemorySize,
            Timeout = Duration.Seconds(TimeoutSeconds),
            Description = "AotAuth TOKEN authorizer (Native AOT)",
            Environment = new Dictionary<string, string>
            {
                ["TOKEN_TABLE"] = props.Tokens.Table.TableName,
                [AuthorizerCaching.DecisionCacheTtlVariable] = props.DecisionCacheSeconds.ToString(CultureInfo.InvariantCulture),
                // Bounds the warm instance's memory: 10,000 entries are well under 2 MB.
                ["CACHE_MAX_ENTRIES"] = "10000",
                ["DYNAMODB_TIMEOUT_MS"] = DynamoDbTimeoutMs.ToString(CultureInfo.InvariantCulture),
            },
        });
        props.Tokens.GrantLookup(Native.Role);
    }

    /// <summary>The function with its role and log group.</summary>
    public NativeFunction Native { get; }

    /// <summary>The function.</summary>
    public IFunction Function => Native.Function;
}

/// <summary>Settings of the <see cref="UserFunction"/>.</summary>
public sealed class UserFunctionProps
{
    /// <summary>Folder holding the published user function <c>bootstrap</c>.</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>The architecture it was published for.</summary>
    public required FunctionArchitecture Architecture { get; init; }

    /// <summary>The user table; the function may only GetItem and PutItem on it.</summary>
    public required UserStore Users { get; init; }
}

/// <summary>The user function behind <c>PUT /user</c> and <c>GET /user/{id}</c>.</summary>
public sealed class UserFunction : Construct
{
    /// <summary>Memory: as for the authorizer, memory only buys CPU for a 12 MB process.</summary>
    public const int MemorySize = 256;

    /// <summary>Timeout: 3000 ms DynamoDB budget (<c>DYNAMODB_TIMEOUT_MS</c>) plus a cold start, well under API Gateway's 29 s.</summary>
    public const int TimeoutSeconds = 5;

    /// <summary>The DynamoDB budget of one call, retries included.</summary>
    public const int DynamoDbTimeoutMs = 3000;

    /// <summary>Creates the function and grants it GetItem/PutItem on the user table.</summary>
    public UserFunction(Construct scope, string id, UserFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Native = new NativeFunction(this, "Native", new NativeFunctionProps
        {
            CodeDirectory = props.CodeDirectory,
            Architecture = props.Architecture,
            MemorySize = MemorySize,
            Timeout = Duration.Seconds(TimeoutSeconds),
            Description = "AotAuth user function (Native AOT)",
            Environment = new Dictionary<string, string>
            {
                ["USER_TABLE"] = props.Users.Table.TableName,
                ["DYNAMODB_TIMEOUT_MS"] = DynamoDbTimeoutMs.ToString(CultureInfo.InvariantCulture),
            },
        });
        props.Users.GrantReadWrite(Native.Role);
    }

    /// <summary>The function with its role and log group.</summary>
    public NativeFunction Native { get; }

    /// <summary>The function.</summary>
    public IFunction Function => Native.Function;
}
