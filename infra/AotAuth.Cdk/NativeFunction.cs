using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Cdk;

/// <summary>Settings of a <see cref="NativeFunction"/>.</summary>
public sealed class NativeFunctionProps
{
    /// <summary>Folder holding the Native AOT <c>bootstrap</c> and <c>aws-root-cas.pem</c> (only these two are deployed).</summary>
    public required string CodeDirectory { get; init; }

    /// <summary>The architecture <see cref="CodeDirectory"/> was published for.</summary>
    public required FunctionArchitecture Architecture { get; init; }

    /// <summary>Memory in MB (128-10240); Lambda's CPU share grows with it.</summary>
    public required int MemorySize { get; init; }

    /// <summary>The invocation timeout.</summary>
    public required Duration Timeout { get; init; }

    /// <summary>The function's environment (the trust store's variables are added).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>What the function does, for the console and the role.</summary>
    public required string Description { get; init; }

    /// <summary>How long the function's log group keeps its logs. Default: one month.</summary>
    public RetentionDays LogRetention { get; init; } = NativeFunction.DefaultLogRetention;

    /// <summary>Lambda's log format (<c>AWS_LAMBDA_LOG_FORMAT</c>); null leaves Lambda's default (Text).</summary>
    public LoggingFormat? LogFormat { get; init; }

    /// <summary>The application log level (<c>AWS_LAMBDA_LOG_LEVEL</c>); needs <see cref="LogFormat"/> JSON. Null: Lambda's default.</summary>
    public ApplicationLogLevel? LogLevel { get; init; }

    /// <summary>Concurrency reserved for (and capping) the function; null reserves none.</summary>
    public int? ReservedConcurrentExecutions { get; init; }
}

/// <summary>
/// A Native AOT <c>bootstrap</c> on <c>provided.al2023</c> with its own role and log group,
/// trusting exactly the certificates of the trust store shipped beside it (<see cref="TrustStore"/>).
/// The role starts empty: no AWSLambdaBasicExecutionRole (whose <c>logs:CreateLogGroup</c> on
/// <c>*</c> is not needed, the log group is this construct's), only write access to its log group,
/// the X-Ray actions active tracing adds, and whatever its table grants add.
/// </summary>
public sealed class NativeFunction : Construct
{
    /// <summary>How long function logs are kept by default: long enough to investigate an incident, short enough to cost little.</summary>
    public static readonly RetentionDays DefaultLogRetention = RetentionDays.ONE_MONTH;

    /// <summary>Creates the function.</summary>
    /// <exception cref="InvalidOperationException"><see cref="NativeFunctionProps.CodeDirectory"/> lacks a file.</exception>
    /// <exception cref="ArgumentException">A prop out of range (the message names it).</exception>
    public NativeFunction(Construct scope, string id, NativeFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.MemorySize is < 128 or > 10240)
        {
            throw new ArgumentException($"MemorySize must be 128-10240 MB; it is {props.MemorySize}", nameof(props));
        }

        if (props.LogLevel is not null && props.LogFormat != LoggingFormat.JSON)
        {
            throw new ArgumentException("LogLevel needs LogFormat = LoggingFormat.JSON (Lambda sets AWS_LAMBDA_LOG_LEVEL only for JSON logs)", nameof(props));
        }

        if (props.ReservedConcurrentExecutions is < 0)
        {
            throw new ArgumentException($"ReservedConcurrentExecutions must be 0 or more; it is {props.ReservedConcurrentExecutions}", nameof(props));
        }

        PackagedCode.Prepare(props.CodeDirectory, props.Architecture, "CodeDirectory");

        // An explicit log group instead of logRetention: the latter deploys a helper function
        // whose policy allows logs:PutRetentionPolicy on every log group.
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = props.LogRetention,
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
                // A publish folder also holds bootstrap.dbg, .pdb and .xml files: ship the executable
                // and its trust store only.
                Exclude = ["*", .. PackagedCode.DeployedFiles.Select(f => "!" + f)],
            }),
            MemorySize = props.MemorySize,
            Timeout = props.Timeout,
            Environment = props.Environment
                .Concat(TrustStore.Environment(TrustStore.LambdaTaskRoot))
                // Every function's connect budget, stated in its configuration (init primes the
                // connection, so this is the fallback); each function's timeout covers its request budget plus this.
                .Append(new(FunctionVariables.StoreConnectTimeoutMs, FunctionVariables.DefaultStoreConnectTimeoutMs.ToString(CultureInfo.InvariantCulture)))
                .ToDictionary(kv => kv.Key, kv => kv.Value),
            Tracing = Tracing.ACTIVE,
            Role = Role,
            LogGroup = LogGroup,
            Description = props.Description,
            LoggingFormat = props.LogFormat,
            ApplicationLogLevelV2 = props.LogLevel,
            ReservedConcurrentExecutions = props.ReservedConcurrentExecutions,
        });
    }

    /// <summary>The function.</summary>
    public Function Function { get; }

    /// <summary>The function's execution role.</summary>
    public Role Role { get; }

    /// <summary>The function's log group.</summary>
    public LogGroup LogGroup { get; }
}
