using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using AotAuth.Core.Api;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using AotAuth.Cdk;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Infra;

/// <summary>Settings of the <see cref="AotAuthStack"/>.</summary>
public sealed class AotAuthStackProps : StackProps
{
    /// <summary>The architecture both functions run on.</summary>
    public FunctionArchitecture Architecture { get; init; } = FunctionArchitecture.Arm64;

    /// <summary>Folder with the published authorizer <c>bootstrap</c>.</summary>
    public required string AuthorizerCodeDirectory { get; init; }

    /// <summary>Folder with the published user function <c>bootstrap</c>.</summary>
    public required string UserFunctionCodeDirectory { get; init; }

    /// <summary>See <see cref="UserApiProps.CreateCloudWatchRole"/>.</summary>
    public bool CreateApiGatewayCloudWatchRole { get; init; } = true;

    /// <summary>The API to deploy; the one the local gateway serves unless a test says otherwise.</summary>
    public ApiDefinition Definition { get; init; } = AotAuthApi.Definition;

    /// <summary>
    /// Set, an HTTP API built from this definition is deployed instead of the REST API
    /// (<c>-c api=http</c>); null (the default) deploys the REST API of <see cref="Definition"/>.
    /// </summary>
    public HttpApiDefinition? HttpDefinition { get; init; }
}

/// <summary>AotAuth on AWS: two tables, two Native AOT functions and the REST API.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A CDK Stack subclass; the issue names the stack AotAuthStack.")]
public sealed class AotAuthStack : Stack
{
    /// <summary>The stack's name and construct id.</summary>
    public const string Name = "AotAuthStack";

    /// <summary>Creates the stack.</summary>
    public AotAuthStack(Construct scope, string id, AotAuthStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);

        // The construct ids predate the names TokenTable/UserTable and stay: they make the tables'
        // logical ids, and CloudFormation answers a new logical id of a retained table with a new,
        // empty table, orphaning the old one with its tokens and users (TableTests pins them).
        Tokens = new TokenTable(this, "TokenStore");
        Users = new UserTable(this, "UserStore");

        // The authorizer as AotAuth.Cdk builds it for any team (memory, timeout, caches and the
        // GetItem-only grant are its defaults, chosen for this stack: infra/README.md), with this
        // API's authorizer settings and this repository's freshly published bootstrap. Its id
        // "AuthorizerFunction" and the library's inner "Native" keep the path the function has
        // always had (AuthorizerFunction/Native/...), so its logical ids stay (FunctionTests pins them).
        PublishedCode.EnsureBootstrap(props.AuthorizerCodeDirectory, props.Architecture);
        AuthorizerDefinition authorizer = props.Definition.Authorizer;
        Authorizer = new AotAuthorizer(this, "AuthorizerFunction", new AotAuthorizerProps
        {
            Tokens = Tokens,
            Architecture = props.Architecture,
            CodeDirectory = props.AuthorizerCodeDirectory,
            IdentityHeader = authorizer.IdentityHeader,
            ValidationRegex = authorizer.ValidationExpression,
            ResultTtlSeconds = props.HttpDefinition?.Authorizer.ResultTtlSeconds ?? authorizer.ResultTtlSeconds,
            ResponseMode = props.HttpDefinition is { Authorizer.EnableSimpleResponses: false } ? AuthorizerResponseMode.Iam : AuthorizerResponseMode.Simple,
        });

        // The user function may only GetItem and PutItem on the user table. Its timeout: the
        // 3000 ms DynamoDB budget of one call, retries included (DYNAMODB_TIMEOUT_MS), plus 1000 ms
        // to connect, well under API Gateway's 29 s. Built in a scope named "UserFunction" under the
        // id "Native", the path it had when it had a wrapper construct of its own
        // (UserFunction/Native/...): another would replace the function, its role and its log group.
        PublishedCode.EnsureBootstrap(props.UserFunctionCodeDirectory, props.Architecture);
        UserFunction = new NativeFunction(new Construct(this, "UserFunction"), "Native", new NativeFunctionProps
        {
            CodeDirectory = props.UserFunctionCodeDirectory,
            Architecture = props.Architecture,
            MemorySize = AotAuthorizerProps.DefaultMemorySize,
            Timeout = Duration.Seconds(5),
            Description = "AotAuth user function (Native AOT)",
            Environment = new Dictionary<string, string>
            {
                [FunctionVariables.UserTable] = Users.Table.TableName,
                [FunctionVariables.StoreTimeoutMs] = FunctionVariables.DefaultUserStoreTimeoutMs.ToString(CultureInfo.InvariantCulture),
            },
        });
        Users.GrantReadWrite(UserFunction.Role);

        var functions = new Dictionary<string, IFunction>(StringComparer.Ordinal)
        {
            [AotAuthApi.UserFunction] = UserFunction.Function,
        };
        string url;
        if (props.HttpDefinition is HttpApiDefinition http)
        {
            HttpApi = new UserHttpApi(this, "UserHttpApi", new UserHttpApiProps { Definition = http, Authorizer = Authorizer, Functions = functions });
            url = HttpApi.Url;
        }
        else
        {
            Api = new UserApi(this, "UserApi", new UserApiProps
            {
                Definition = props.Definition,
                Authorizer = Authorizer,
                CreateCloudWatchRole = props.CreateApiGatewayCloudWatchRole,
                Functions = functions,
            });
            url = Api.RestApi.Url;
        }

        // The outputs `cdk deploy --outputs-file cdk-outputs.json` writes and `aotauth token`
        // reads (names in StackOutputNames): the table to write tokens to, and, for a REST API,
        // the API and stage whose authorizer cache `token revoke` flushes (an HTTP API has no
        // such flush, so it has no such outputs).
        Output(StackOutputNames.ApiUrl, url, "Base URL of the API (stage included)");
        Output(StackOutputNames.TokenTableName, Tokens.Table.TableName, "Token table: aotauth token create --table <this>");
        Output(StackOutputNames.UserTableName, Users.Table.TableName, "User table");
        Output(StackOutputNames.Region, Region, "Region of the stack");
        if (Api is not null)
        {
            Output(StackOutputNames.ApiId, Api.RestApi.RestApiId, "REST API id: aotauth token revoke flushes its stage's authorizer cache");
            Output(StackOutputNames.ApiStage, Api.RestApi.DeploymentStage.StageName, "Stage of the REST API");
        }
    }

    /// <summary>The token table.</summary>
    public TokenTable Tokens { get; }

    /// <summary>The user table.</summary>
    public UserTable Users { get; }

    /// <summary>The authorizer function.</summary>
    public AotAuthorizer Authorizer { get; }

    /// <summary>The user function behind <c>PUT /user</c> and <c>GET /user/{id}</c>.</summary>
    public NativeFunction UserFunction { get; }

    /// <summary>The REST API (null when the HTTP API is deployed instead).</summary>
    public UserApi? Api { get; }

    /// <summary>The HTTP API (<c>-c api=http</c>; null otherwise).</summary>
    public UserHttpApi? HttpApi { get; }

    /// <summary>
    /// Builds the stack from the app's context: <c>arch</c> (<c>arm64</c> | <c>x86_64</c>),
    /// <c>publishDir</c> (default: the repository's <c>artifacts/publish</c>),
    /// <c>apiGatewayCloudWatchRole</c> (<c>true</c> | <c>false</c>), <c>api</c> (<c>rest</c>, the
    /// default, | <c>http</c>) and, with <c>api=http</c>, <c>authorizerResponse</c> (<c>simple</c>,
    /// the default, | <c>iam</c>).
    /// </summary>
    public static AotAuthStack FromContext(App app, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(app);
        FunctionArchitecture arch = Architectures.Parse(app.Node.TryGetContext("arch")?.ToString());
        string publishRoot = app.Node.TryGetContext("publishDir")?.ToString() is { Length: > 0 } dir
            ? Path.GetFullPath(dir, workingDirectory)
            : PublishedCode.DefaultPublishRoot(workingDirectory);
        bool cloudWatchRole = app.Node.TryGetContext("apiGatewayCloudWatchRole")?.ToString() is not ("false" or "False");
        HttpApiDefinition? http = HttpDefinitionFromContext(app);
        return new AotAuthStack(app, Name, new AotAuthStackProps
        {
            Architecture = arch,
            AuthorizerCodeDirectory = PublishedCode.Directory(publishRoot, PublishedCode.AuthorizerProject, arch),
            UserFunctionCodeDirectory = PublishedCode.Directory(publishRoot, PublishedCode.UserFunctionProject, arch),
            CreateApiGatewayCloudWatchRole = cloudWatchRole,
            HttpDefinition = http,
            Description = http is null
                ? $"AotAuth: Native AOT TOKEN authorizer, user API and tables ({arch.RuntimeIdentifier()})"
                : $"AotAuth: Native AOT Lambda authorizer, user HTTP API and tables ({arch.RuntimeIdentifier()})",
        });
    }

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });

    /// <summary>The HTTP API of the <c>api</c> and <c>authorizerResponse</c> context values, or null for the REST API.</summary>
    /// <exception cref="InvalidOperationException">A value other than those documented.</exception>
    private static HttpApiDefinition? HttpDefinitionFromContext(App app)
    {
        string api = app.Node.TryGetContext("api")?.ToString() ?? "rest";
        string response = app.Node.TryGetContext("authorizerResponse")?.ToString() ?? FunctionVariables.SimpleAuthorizerResponse;
        if (api is not ("rest" or "http"))
        {
            throw new InvalidOperationException($"-c api must be rest or http; it is '{api}'");
        }

        if (response is not (FunctionVariables.SimpleAuthorizerResponse or FunctionVariables.IamAuthorizerResponse))
        {
            throw new InvalidOperationException($"-c authorizerResponse must be simple or iam; it is '{response}'");
        }

        return api == "http" ? AotAuthApi.HttpDefinition(simpleResponses: response == FunctionVariables.SimpleAuthorizerResponse) : null;
    }
}
