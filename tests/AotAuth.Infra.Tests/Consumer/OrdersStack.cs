using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Apigatewayv2;
using CfnStage = Amazon.CDK.AWS.Apigatewayv2.CfnStage;
using Resource = Amazon.CDK.AWS.APIGateway.Resource;
using StageOptions = Amazon.CDK.AWS.APIGateway.StageOptions;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;

namespace AotAuth.Infra.Tests.Consumer;

/// <summary>
/// The second consumer of AotAuth.Cdk: a team's stack whose APIs are not ours. A REST API with
/// <c>GET /orders/{id}</c> (MOCK, TOKEN authorizer), <c>DELETE /orders/{id}</c> (MOCK, REQUEST
/// authorizer) and a public <c>GET /health</c>, and an HTTP API with <c>GET /orders/{id}</c>
/// (protected) and <c>GET /health</c> (public), written as a team adopting the package would,
/// including what cdk-nag asks of any API (access logs, validators, tracing, throttling).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A CDK Stack subclass, named as CDK apps name them.")]
public sealed class OrdersStack : Stack
{
    public OrdersStack(Construct scope, string id, string authorizerCode)
        : base(scope, id)
    {
        Tokens = new TokenTable(this, "Tokens");
        Authorizer = new AotAuthorizer(this, "Authorizer", new AotAuthorizerProps
        {
            Tokens = Tokens,
            CodeDirectory = authorizerCode,
            ReservedConcurrentExecutions = 50,
            LogFormat = Amazon.CDK.AWS.Lambda.LoggingFormat.JSON,
            LogLevel = Amazon.CDK.AWS.Lambda.ApplicationLogLevel.WARN,
        });

        var accessLogs = new LogGroup(this, "RestAccessLogs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        Rest = new RestApi(this, "OrdersApi", new RestApiProps
        {
            RestApiName = "orders",
            CloudWatchRole = false,
            DeployOptions = new StageOptions
            {
                StageName = "v1",
                TracingEnabled = true,
                ThrottlingRateLimit = 50,
                ThrottlingBurstLimit = 100,
                AccessLogDestination = new LogGroupLogDestination(accessLogs),
                AccessLogFormat = AccessLogFormat.JsonWithStandardFields(),
            },
        });
        TokenAuthorizer token = Authorizer.NewTokenAuthorizer(this, "OrdersTokenAuthorizer");
        RequestAuthorizer request = Authorizer.NewRequestAuthorizer(this, "OrdersRequestAuthorizer");
        var validator = Rest.AddRequestValidator("Validator", new RequestValidatorOptions { ValidateRequestParameters = true, ValidateRequestBody = true });
        var mock = new MockIntegration(new IntegrationOptions
        {
            RequestTemplates = new Dictionary<string, string> { ["application/json"] = "{\"statusCode\": 200}" },
            IntegrationResponses = [new IntegrationResponse { StatusCode = "200" }],
        });
        var ok = new[] { new MethodResponse { StatusCode = "200" } };
        Resource order = Rest.Root.AddResource("orders").AddResource("{id}");
        order.AddMethod("GET", mock, new MethodOptions
        {
            AuthorizationType = AuthorizationType.CUSTOM, Authorizer = token, RequestValidator = validator, MethodResponses = ok,
            RequestParameters = new Dictionary<string, bool> { ["method.request.path.id"] = true },
        });
        order.AddMethod("DELETE", mock, new MethodOptions
        {
            AuthorizationType = AuthorizationType.CUSTOM, Authorizer = request, RequestValidator = validator, MethodResponses = ok,
            RequestParameters = new Dictionary<string, bool> { ["method.request.path.id"] = true },
        });
        Rest.Root.AddResource("health").AddMethod("GET", mock, new MethodOptions { RequestValidator = validator, MethodResponses = ok });

        Http = new HttpApi(this, "OrdersHttpApi", new HttpApiProps { ApiName = "orders-http" });
        var backend = new HttpUrlIntegration("Backend", "https://orders.example.com/{proxy}");
        Http.AddRoutes(new AddRoutesOptions { Path = "/orders/{id}", Methods = [HttpMethod.GET, HttpMethod.DELETE], Integration = backend });
        Http.AddRoutes(new AddRoutesOptions { Path = "/health", Methods = [HttpMethod.GET], Integration = backend });
        HttpAuthorizer = Authorizer.NewHttpApiAuthorizer(this, "OrdersHttpAuthorizer", Http);
        HttpAuthorizer.Protect("GET /orders/{id}", "DELETE /orders/{id}");

        // The L2 stage has no access log or throttling props in CDK 2.160: set them on the resource.
        var httpLogs = new LogGroup(this, "HttpAccessLogs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        var stage = (CfnStage)Http.DefaultStage!.Node.DefaultChild!;
        stage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = httpLogs.LogGroupArn,
            Format = "{\"requestId\":\"$context.requestId\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\",\"authorizerError\":\"$context.authorizer.error\"}",
        };
        stage.DefaultRouteSettings = new CfnStage.RouteSettingsProperty { ThrottlingRateLimit = 50, ThrottlingBurstLimit = 100 };
    }

    public TokenTable Tokens { get; }

    public AotAuthorizer Authorizer { get; }

    public RestApi Rest { get; }

    public HttpApi Http { get; }

    public HttpApiAuthorizer HttpAuthorizer { get; }
}
