using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.Lambda;
using AotAuth.Core.Contracts;
using Constructs;

namespace AotAuth.Cdk;

/// <summary>
/// The AotAuth authorizer function, as AotAuth's own stack deploys it: the Native AOT bootstrap and
/// its trust store on <c>provided.al2023</c>, <c>dynamodb:GetItem</c> on the token table and nothing
/// else, its own log group, X-Ray. Put it in front of an API with <see cref="NewTokenAuthorizer"/> or
/// <see cref="NewRequestAuthorizer"/> (REST API methods) or <see cref="NewHttpApiAuthorizer(Construct, string, string, string?)"/>
/// (HTTP API routes).
/// </summary>
public sealed class AotAuthorizer : Construct
{
    /// <summary>The id of the <see cref="NativeFunction"/> inside this construct; with the construct's id it names the logical ids.</summary>
    private const string FunctionId = "Native";

    private int _httpApis;

    /// <summary>Creates the function, its role and its log group.</summary>
    /// <exception cref="ArgumentException">A prop out of range; the message names it.</exception>
    /// <exception cref="InvalidOperationException">No bootstrap for the architecture (<see cref="AotAuthorizerProps.CodeDirectory"/>).</exception>
    public AotAuthorizer(Construct scope, string id, AotAuthorizerProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ArgumentNullException.ThrowIfNull(props.Tokens, "Tokens");
        Props = props;
        Validate(props);
        double timeoutSeconds = props.Timeout?.ToSeconds() ?? AuthorizerCaching.AuthorizerTimeoutSeconds;
        string code = props.CodeDirectory ?? PackagedCode.AuthorizerDirectory(props.Architecture);
        NativeFunction = new NativeFunction(this, FunctionId, new NativeFunctionProps
        {
            CodeDirectory = code,
            Architecture = props.Architecture,
            MemorySize = props.MemorySize,
            Timeout = props.Timeout ?? Duration.Seconds(timeoutSeconds),
            Description = props.Description,
            LogRetention = props.LogRetention,
            LogFormat = props.LogFormat,
            LogLevel = props.LogLevel,
            ReservedConcurrentExecutions = props.ReservedConcurrentExecutions,
            Environment = new Dictionary<string, string>
            {
                [FunctionVariables.TokenTable] = props.Tokens.Table.TableName,

                // How long a warm instance remembers a decision; set even at the function's default,
                // so the deployed value is visible (it adds to the revocation bound).
                [AuthorizerCaching.DecisionCacheTtlVariable] = Text(props.DecisionCacheTtlSeconds),
                [FunctionVariables.CacheMaxEntries] = Text(props.DecisionCacheMaxEntries),

                // The DynamoDB budget of one lookup, retries included.
                [FunctionVariables.StoreTimeoutMs] = Text(FunctionVariables.DefaultAuthorizerStoreTimeoutMs),
            },
        });
        props.Tokens.GrantLookup(NativeFunction.Role);
    }

    /// <summary>The settings it was created with.</summary>
    public AotAuthorizerProps Props { get; }

    /// <summary>The function with its role and log group.</summary>
    public NativeFunction NativeFunction { get; }

    /// <summary>The Lambda function.</summary>
    public Function Function => NativeFunction.Function;

    /// <summary>
    /// A REST API TOKEN authorizer on this function: the token from <see cref="AotAuthorizerProps.IdentityHeader"/>,
    /// refused without an invocation unless it matches <see cref="AotAuthorizerProps.ValidationRegex"/>, answers
    /// cached <see cref="AotAuthorizerProps.ResultTtlSeconds"/>. Use it as <see cref="MethodOptions.Authorizer"/>
    /// (with <see cref="AuthorizationType.CUSTOM"/>) of methods of one RestApi; API Gateway may invoke the function
    /// only as that API's authorizer.
    /// </summary>
    /// <param name="scope">Where the authorizer resource goes (e.g. the stack or the API's construct).</param>
    /// <param name="id">Its construct id.</param>
    /// <param name="authorizerName">Its name in API Gateway; null: the construct's unique id.</param>
    public TokenAuthorizer NewTokenAuthorizer(Construct scope, string id, string? authorizerName = null) =>
        new(scope, id, new TokenAuthorizerProps
        {
            AuthorizerName = authorizerName,
            Handler = Function,
            IdentitySource = Amazon.CDK.AWS.APIGateway.IdentitySource.Header(Props.IdentityHeader),
            ValidationRegex = Props.ValidationRegex,
            ResultsCacheTtl = Duration.Seconds(Props.ResultTtlSeconds),
        });

    /// <summary>
    /// A REST API REQUEST authorizer on this function: the token from the <c>Authorization</c> header,
    /// answered with a policy that covers every scope of the token, cached per token
    /// <see cref="AotAuthorizerProps.ResultTtlSeconds"/>. REQUEST authorizers have no validation regex:
    /// prefer <see cref="NewTokenAuthorizer"/> unless you need REQUEST (e.g. more identity sources).
    /// </summary>
    /// <param name="scope">Where the authorizer resource goes.</param>
    /// <param name="id">Its construct id.</param>
    /// <param name="authorizerName">Its name in API Gateway; null: the construct's unique id.</param>
    /// <param name="identitySources">
    /// The cache key; null: the token header alone (<c>method.request.header.Authorization</c>). A request
    /// missing one of them is refused with 401 without an invocation.
    /// </param>
    /// <exception cref="ArgumentException"><see cref="AotAuthorizerProps.IdentityHeader"/> is not <c>Authorization</c>.</exception>
    public RequestAuthorizer NewRequestAuthorizer(Construct scope, string id, string? authorizerName = null, IReadOnlyList<string>? identitySources = null)
    {
        RequireAuthorizationHeader("a REST REQUEST authorizer");
        return new RequestAuthorizer(scope, id, new RequestAuthorizerProps
        {
            AuthorizerName = authorizerName,
            Handler = Function,
            IdentitySources = identitySources is { Count: > 0 } ? [.. identitySources] : [Amazon.CDK.AWS.APIGateway.IdentitySource.Header(Props.IdentityHeader)],
            ResultsCacheTtl = Duration.Seconds(Props.ResultTtlSeconds),
        });
    }

    /// <summary>
    /// An HTTP API Lambda authorizer on this function (payload format 2.0, <see cref="AotAuthorizerProps.ResponseMode"/>),
    /// for the API <paramref name="httpApiId"/> (<c>HttpApi.ApiId</c> or <c>CfnApi.Ref</c>). Attach it with
    /// <see cref="HttpApiAuthorizer.Protect"/>.
    /// </summary>
    /// <param name="scope">Where the authorizer resource goes.</param>
    /// <param name="id">Its construct id.</param>
    /// <param name="httpApiId">The HTTP API's id.</param>
    /// <param name="authorizerName">Its name in API Gateway; null: <paramref name="id"/>.</param>
    /// <exception cref="ArgumentException"><see cref="AotAuthorizerProps.IdentityHeader"/> is not <c>Authorization</c>.</exception>
    public HttpApiAuthorizer NewHttpApiAuthorizer(Construct scope, string id, string httpApiId, string? authorizerName = null)
    {
        RequireAuthorizationHeader("an HTTP API authorizer");

        // The function answers payload 2.0 events as the authorizer's EnableSimpleResponses expects.
        Function.AddEnvironment(FunctionVariables.AuthorizerResponse, Props.ResponseMode == AuthorizerResponseMode.Simple
            ? FunctionVariables.SimpleAuthorizerResponse
            : FunctionVariables.IamAuthorizerResponse);

        // The first API's permission keeps the id AotAuth's own stack has always deployed; others are numbered.
        string permissionId = "HttpApiAuthorizerInvoke" + (_httpApis++ == 0 ? string.Empty : Text(_httpApis));
        return new HttpApiAuthorizer(scope, id, this, httpApiId, authorizerName ?? id, permissionId);
    }

    /// <summary>An HTTP API authorizer for <paramref name="httpApi"/>; see <see cref="NewHttpApiAuthorizer(Construct, string, string, string?)"/>.</summary>
    public HttpApiAuthorizer NewHttpApiAuthorizer(Construct scope, string id, IHttpApi httpApi, string? authorizerName = null)
    {
        ArgumentNullException.ThrowIfNull(httpApi);
        return NewHttpApiAuthorizer(scope, id, httpApi.ApiId, authorizerName);
    }

    private void RequireAuthorizationHeader(string what)
    {
        if (!string.Equals(Props.IdentityHeader, AotAuthorizerProps.DefaultIdentityHeader, StringComparison.OrdinalIgnoreCase))
        {
            throw PropError("IdentityHeader", $"it is '{Props.IdentityHeader}', but {what} hands the function the request's headers and it reads the token " +
                "from Authorization: keep IdentityHeader = \"Authorization\", or use NewTokenAuthorizer");
        }
    }

    private static void Validate(AotAuthorizerProps props)
    {
        double timeout = props.Timeout?.ToSeconds() ?? AuthorizerCaching.AuthorizerTimeoutSeconds;
        if (timeout < AuthorizerCaching.AuthorizerTimeoutSeconds)
        {
            throw PropError("Timeout", $"must be at least {AuthorizerCaching.AuthorizerTimeoutSeconds} s (a lookup's budget: 1500 ms, plus 1000 ms to connect, " +
                $"plus 100 ms kept before the deadline); it is {timeout} s");
        }

        if (props.ResultTtlSeconds is < 0 or > 3600)
        {
            throw PropError("ResultTtlSeconds", $"must be 0-3600 (API Gateway's range); it is {props.ResultTtlSeconds}");
        }

        if (props.DecisionCacheTtlSeconds is < 0 or > AuthorizerCaching.MaxDecisionCacheTtlSeconds)
        {
            throw PropError("DecisionCacheTtlSeconds", $"must be 0-{AuthorizerCaching.MaxDecisionCacheTtlSeconds}; it is {props.DecisionCacheTtlSeconds}");
        }

        if (props.DecisionCacheMaxEntries < 1)
        {
            throw PropError("DecisionCacheMaxEntries", $"must be 1 or more; it is {props.DecisionCacheMaxEntries}");
        }

        if (string.IsNullOrWhiteSpace(props.IdentityHeader) || props.IdentityHeader.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw PropError("IdentityHeader", $"must be a header name; it is '{props.IdentityHeader}'");
        }

        if (string.IsNullOrEmpty(props.ValidationRegex))
        {
            throw PropError("ValidationRegex", "must not be empty");
        }
    }

    /// <summary>An error about one prop, named as the caller wrote it.</summary>
    private static ArgumentException PropError(string prop, string message) => new($"AotAuthorizerProps.{prop}: {message}");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
