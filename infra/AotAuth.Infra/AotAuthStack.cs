using System.Diagnostics.CodeAnalysis;
using AotAuth.Core.Api;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
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
        Tokens = new TokenStore(this, "TokenStore");
        Users = new UserStore(this, "UserStore");
        Authorizer = new AuthorizerFunction(this, "AuthorizerFunction", new AuthorizerFunctionProps
        {
            CodeDirectory = props.AuthorizerCodeDirectory,
            Architecture = props.Architecture,
            Tokens = Tokens,
        });
        UserFunction = new UserFunction(this, "UserFunction", new UserFunctionProps
        {
            CodeDirectory = props.UserFunctionCodeDirectory,
            Architecture = props.Architecture,
            Users = Users,
        });
        Api = new UserApi(this, "UserApi", new UserApiProps
        {
            Definition = props.Definition,
            CreateCloudWatchRole = props.CreateApiGatewayCloudWatchRole,
            Functions = new Dictionary<string, IFunction>(StringComparer.Ordinal)
            {
                [AotAuthApi.AuthorizerFunction] = Authorizer.Function,
                [AotAuthApi.UserFunction] = UserFunction.Function,
            },
        });

        _ = new CfnOutput(this, "ApiUrl", new CfnOutputProps { Value = Api.RestApi.Url, Description = "Base URL of the API (stage included)" });
        _ = new CfnOutput(this, "TokenTableName", new CfnOutputProps
        {
            Value = Tokens.Table.TableName,
            Description = "Token table: aotauth token create --table <this>",
        });
        _ = new CfnOutput(this, "UserTableName", new CfnOutputProps { Value = Users.Table.TableName, Description = "User table" });
    }

    /// <summary>The token table.</summary>
    public TokenStore Tokens { get; }

    /// <summary>The user table.</summary>
    public UserStore Users { get; }

    /// <summary>The authorizer function.</summary>
    public AuthorizerFunction Authorizer { get; }

    /// <summary>The user function.</summary>
    public UserFunction UserFunction { get; }

    /// <summary>The REST API.</summary>
    public UserApi Api { get; }

    /// <summary>
    /// Builds the stack from the app's context: <c>arch</c> (<c>arm64</c> | <c>x86_64</c>),
    /// <c>publishDir</c> (default: the repository's <c>artifacts/publish</c>) and
    /// <c>apiGatewayCloudWatchRole</c> (<c>true</c> | <c>false</c>).
    /// </summary>
    public static AotAuthStack FromContext(App app, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(app);
        FunctionArchitecture arch = Architectures.Parse(app.Node.TryGetContext("arch")?.ToString());
        string publishRoot = app.Node.TryGetContext("publishDir")?.ToString() is { Length: > 0 } dir
            ? Path.GetFullPath(dir, workingDirectory)
            : PublishedCode.DefaultPublishRoot(workingDirectory);
        bool cloudWatchRole = app.Node.TryGetContext("apiGatewayCloudWatchRole")?.ToString() is not ("false" or "False");
        return new AotAuthStack(app, Name, new AotAuthStackProps
        {
            Architecture = arch,
            AuthorizerCodeDirectory = PublishedCode.Directory(publishRoot, PublishedCode.AuthorizerProject, arch),
            UserFunctionCodeDirectory = PublishedCode.Directory(publishRoot, PublishedCode.UserFunctionProject, arch),
            CreateApiGatewayCloudWatchRole = cloudWatchRole,
            Description = $"AotAuth: Native AOT TOKEN authorizer, user API and tables ({arch.RuntimeIdentifier()})",
        });
    }
}
