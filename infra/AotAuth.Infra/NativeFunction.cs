using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Infra;

/// <summary>Settings of a <see cref="NativeFunction"/>.</summary>
public sealed class NativeFunctionProps
{
    /// <summary>Folder holding the published <c>bootstrap</c> (only it and the trust store are deployed).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>The architecture <see cref="CodeDirectory"/> was published for.</summary>
    public required FunctionArchitecture Architecture { get; init; }

    /// <summary>Memory in MB; Lambda's CPU share grows with it.</summary>
    public required int MemorySize { get; init; }

    /// <summary>The invocation timeout.</summary>
    public required Duration Timeout { get; init; }

    /// <summary>The function's environment.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>What the function does, for the console.</summary>
    public required string Description { get; init; }
}

/// <summary>
/// A Native AOT <c>bootstrap</c> on <c>provided.al2023</c> with its own role and log group,
/// trusting exactly the certificates of the trust store shipped beside it (<see cref="TrustStore"/>).
/// The role starts empty: no AWSLambdaBasicExecutionRole (whose <c>logs:CreateLogGroup</c> on
/// <c>*</c> we do not need, the log group is ours), only write access to its log group, the
/// X-Ray actions tracing adds, and whatever its table grants (<see cref="TokenTable.GrantLookup"/>,
/// <see cref="UserTable.GrantReadWrite"/>).
/// </summary>
public sealed class NativeFunction : Construct
{
    /// <summary>
    /// <c>DYNAMODB_CONNECT_TIMEOUT_MS</c> of every function: the extra budget of a call while no
    /// connection is open (init primes it, so this is the fallback). A TLS handshake with the
    /// shipped trust store takes well under 200 ms even at 128 MB's CPU share (README, "Cold
    /// start on AWS"); each function's timeout covers its request budget plus this.
    /// </summary>
    public const int DynamoDbConnectTimeoutMs = FunctionVariables.DefaultStoreConnectTimeoutMs;

    /// <summary>How long function logs are kept: long enough to investigate an incident, short enough to cost little.</summary>
    public static readonly RetentionDays LogRetention = RetentionDays.ONE_MONTH;

    /// <summary>Creates the function.</summary>
    public NativeFunction(Construct scope, string id, NativeFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        PublishedCode.EnsureBootstrap(props.CodeDirectory, props.Architecture);

        // An explicit log group instead of logRetention: the latter deploys a helper function
        // whose policy allows logs:PutRetentionPolicy on every log group.
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = props.Description,
        });
        LogGroup.GrantWrite(Role);

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Handler = "bootstrap",
            Architecture = props.Architecture.ToLambda(),
            Code = Code.FromAsset(props.CodeDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions
            {
                // The publish folder also holds bootstrap.dbg, .pdb and .xml files: ship the executable
                // and its trust store only.
                Exclude = ["*", .. PublishedCode.DeployedFiles.Select(f => "!" + f)],
            }),
            MemorySize = props.MemorySize,
            Timeout = props.Timeout,
            Environment = props.Environment
                .Concat(TrustStore.Environment(TrustStore.LambdaTaskRoot))
                .Append(new(FunctionVariables.StoreConnectTimeoutMs, DynamoDbConnectTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToDictionary(kv => kv.Key, kv => kv.Value),
            Tracing = Tracing.ACTIVE,
            Role = Role,
            LogGroup = LogGroup,
            Description = props.Description,
        });
    }

    /// <summary>The function.</summary>
    public Function Function { get; }

    /// <summary>The function's execution role.</summary>
    public Role Role { get; }

    /// <summary>The function's log group.</summary>
    public LogGroup LogGroup { get; }
}
