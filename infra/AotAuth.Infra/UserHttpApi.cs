using System.Globalization;
using AotAuth.Core.Api;
using Amazon.CDK;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using AotAuth.Cdk;
using Constructs;

namespace AotAuth.Infra;

/// <summary>Settings of the <see cref="UserHttpApi"/>.</summary>
public sealed class UserHttpApiProps : UserApiPropsBase
{
    /// <summary>The API to build: routes and authorizer.</summary>
    public required HttpApiDefinition Definition { get; init; }
}

/// <summary>
/// The HTTP API (<c>-c api=http</c>), built from an <see cref="HttpApiDefinition"/> with the
/// CloudFormation resources themselves (AWS::ApiGatewayV2::*), so every property the
/// definition decides (payload format 2.0 for the authorizer and the integrations, simple
/// responses, identity source, result TTL) is written exactly, whatever a higher-level
/// construct would default to.
/// </summary>
public sealed class UserHttpApi : Construct
{
    /// <summary>One JSON line per request. Never the Authorization header: tokens stay out of logs.</summary>
    public const string AccessLogFormatJson =
        "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\"," +
        "\"method\":\"$context.httpMethod\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\"," +
        "\"latencyMs\":\"$context.responseLatency\",\"principalId\":\"$context.authorizer.principalId\"," +
        "\"authorizerError\":\"$context.authorizer.error\",\"integrationError\":\"$context.integrationErrorMessage\"}";

    /// <summary>Creates the API, its authorizer, integrations, routes, stage and invoke permissions.</summary>
    public UserHttpApi(Construct scope, string id, UserHttpApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        HttpApiDefinition api = props.Definition;
        Stack stack = Stack.Of(this);
        Api = new CfnApi(this, "Api", new CfnApiProps
        {
            Name = "AotAuth",
            Description = "AotAuth user API (HTTP API) behind the Native AOT Lambda authorizer",
            ProtocolType = "HTTP",
        });

        // Payload 2.0, simple responses (with $context.routeKey in the identity source) or IAM, the
        // result TTL and the invoke permission scoped to this API's authorizer: AotAuth.Cdk's
        // HttpApiAuthorizer, from the authorizer's props, which must say what the definition says.
        if (props.Authorizer.Props.ResponseMode == AuthorizerResponseMode.Simple != api.Authorizer.EnableSimpleResponses
            || props.Authorizer.Props.ResultTtlSeconds != api.Authorizer.ResultTtlSeconds)
        {
            throw new ArgumentException("the authorizer's ResponseMode and ResultTtlSeconds must match the definition's authorizer", nameof(props));
        }

        Authorizer = props.Authorizer.NewHttpApiAuthorizer(this, "Authorizer", Api.Ref, api.Authorizer.Name);

        var integrations = new Dictionary<string, CfnIntegration>(StringComparer.Ordinal);
        foreach (HttpRouteDefinition route in api.Routes)
        {
            AddRoute(props, stack, route, integrations);
        }

        Authorizer.Protect([.. api.Routes.Where(r => r.AuthorizerName is not null).Select(r => r.RouteKey)]);

        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = NativeFunction.DefaultLogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        Stage = new CfnStage(this, "Stage", new CfnStageProps
        {
            ApiId = Api.Ref,
            StageName = api.StageName,
            AutoDeploy = true,
            DefaultRouteSettings = new CfnStage.RouteSettingsProperty
            {
                ThrottlingRateLimit = props.ThrottlingRateLimit,
                ThrottlingBurstLimit = props.ThrottlingBurstLimit,
                DetailedMetricsEnabled = true,
            },
            AccessLogSettings = new CfnStage.AccessLogSettingsProperty
            {
                DestinationArn = AccessLogs.LogGroupArn,
                Format = AccessLogFormatJson,
            },
        });
    }

    /// <summary>The HTTP API.</summary>
    public CfnApi Api { get; }

    /// <summary>The Lambda authorizer.</summary>
    public HttpApiAuthorizer Authorizer { get; }

    /// <summary>The <c>$default</c> stage.</summary>
    public CfnStage Stage { get; }

    /// <summary>The stage's access log group.</summary>
    public LogGroup AccessLogs { get; }

    /// <summary>The API's base URL (the <c>$default</c> stage is served at the root).</summary>
    public string Url => Api.AttrApiEndpoint + "/";

    /// <summary><c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{resource}</c>.</summary>
    private string ExecuteApiArn(Stack stack, string resource) =>
        $"arn:{stack.Partition}:execute-api:{stack.Region}:{stack.Account}:{Api.Ref}/{resource}";

    private void AddRoute(UserHttpApiProps props, Stack stack, HttpRouteDefinition route, Dictionary<string, CfnIntegration> integrations)
    {
        IFunction function = props.Function(route.FunctionName);
        if (!integrations.TryGetValue(route.FunctionName, out CfnIntegration? integration))
        {
            integration = new CfnIntegration(this, "Integration" + Name(route.FunctionName), new CfnIntegrationProps
            {
                ApiId = Api.Ref,
                IntegrationType = "AWS_PROXY",
                IntegrationUri = function.FunctionArn,
                PayloadFormatVersion = HttpAuthorizerDefinition.PayloadFormatVersion,
            });
            integrations.Add(route.FunctionName, integration);
        }

        string id = Name(route.HttpMethod.ToLowerInvariant()) + string.Concat(route.Path.Split('/', '{', '}').Select(Name));
        var routeProps = new CfnRouteProps
        {
            ApiId = Api.Ref,
            RouteKey = route.RouteKey,
            Target = "integrations/" + integration.Ref,
            // The constructor's Authorizer.Protect makes the definition's protected routes CUSTOM.
            AuthorizationType = "NONE",
        };
        if (route.AuthorizerName is not null && route.AuthorizerName != props.Definition.Authorizer.Name)
        {
            throw new ArgumentException($"route {route} names authorizer '{route.AuthorizerName}', which the definition does not have", nameof(route));
        }

        _ = new CfnRoute(this, "Route" + id, routeProps);

        // Least privilege: this route's method and path on any stage of this API ({id} -> *).
        string path = string.Join('/', route.Path.TrimStart('/').Split('/').Select(s => s.StartsWith('{') ? "*" : s));
        function.AddPermission("HttpApiInvoke" + id, new Permission
        {
            Principal = new ServicePrincipal("apigateway.amazonaws.com"),
            Action = "lambda:InvokeFunction",
            SourceArn = ExecuteApiArn(stack, $"*/{route.HttpMethod}/{path}"),
        });
    }

    private static string Name(string part) =>
        part.Length == 0 ? string.Empty : char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..];
}
