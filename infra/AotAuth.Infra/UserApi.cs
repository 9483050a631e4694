using System.Globalization;
using AotAuth.Core.Api;
using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Logs;
using AotAuth.Cdk;
using Constructs;
using ApiDefinition = AotAuth.Core.Api.ApiDefinition;

namespace AotAuth.Infra;

/// <summary>Settings of the <see cref="UserApi"/>.</summary>
public sealed class UserApiProps : UserApiPropsBase
{
    /// <summary>The API to build: routes, authorizer, models, templates, gateway responses.</summary>
    public required ApiDefinition Definition { get; init; }

    /// <summary>
    /// Whether to create the account's API Gateway CloudWatch role (AWS::ApiGateway::Account),
    /// which access logging needs once per account and region. Turn off when the account has one.
    /// </summary>
    public bool CreateCloudWatchRole { get; init; } = true;
}

/// <summary>The REST API, built entirely from an <see cref="ApiDefinition"/>.</summary>
public sealed class UserApi : Construct
{
    /// <summary>One JSON line per request. Never the Authorization header: tokens stay out of logs.</summary>
    public const string AccessLogFormatJson =
        "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\"," +
        "\"method\":\"$context.httpMethod\",\"path\":\"$context.resourcePath\",\"status\":\"$context.status\"," +
        "\"latencyMs\":\"$context.responseLatency\",\"principalId\":\"$context.authorizer.principalId\"," +
        "\"authorizerStatus\":\"$context.authorizer.status\",\"error\":\"$context.error.message\"}";

    // The request validators by whether they check the body; see Validator.
    private readonly Dictionary<bool, IRequestValidator> _validators = [];

    /// <summary>Creates the API, its authorizer, models, methods, gateway responses and stage.</summary>
    public UserApi(Construct scope, string id, UserApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ApiDefinition api = props.Definition;
        AccessLogs = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            Retention = NativeFunction.DefaultLogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        RestApi = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = "AotAuth",
            Description = "AotAuth user API behind the Native AOT TOKEN authorizer",
            EndpointTypes = [EndpointType.REGIONAL],
            CloudWatchRole = props.CreateCloudWatchRole,
            CloudWatchRoleRemovalPolicy = RemovalPolicy.RETAIN,
            DeployOptions = new StageOptions
            {
                StageName = api.StageName,
                TracingEnabled = true,
                ThrottlingRateLimit = props.ThrottlingRateLimit,
                ThrottlingBurstLimit = props.ThrottlingBurstLimit,
                AccessLogDestination = new LogGroupLogDestination(AccessLogs),
                AccessLogFormat = AccessLogFormat.Custom(AccessLogFormatJson),
                // Execution logs with data tracing would write request headers, tokens included.
                DataTraceEnabled = false,
                LoggingLevel = MethodLoggingLevel.OFF,
            },
        });

        // RestApi adds its own "Endpoint" output; the stack's ApiUrl output replaces it.
        RestApi.Node.TryRemoveChild("Endpoint");

        // Header, regex and result TTL come from the definition through the authorizer's props.
        Authorizer = props.Authorizer.NewTokenAuthorizer(this, "Authorizer", api.Authorizer.Name);

        var models = api.Models.ToDictionary(m => m.Name, AddModel, StringComparer.Ordinal);
        foreach (RouteDefinition route in api.Routes)
        {
            AddRoute(props, route, models);
        }

        foreach (GatewayResponseDefinition response in api.GatewayResponses)
        {
            RestApi.AddGatewayResponse(response.AwsName, new GatewayResponseOptions
            {
                Type = ResponseType_.Of(response.AwsName),
                StatusCode = response.StatusCode.ToString(CultureInfo.InvariantCulture),
                Templates = new Dictionary<string, string> { [AotAuthApi.JsonContentType] = response.BodyTemplate },
            });
        }
    }

    /// <summary>The REST API.</summary>
    public RestApi RestApi { get; }

    /// <summary>The TOKEN authorizer.</summary>
    public TokenAuthorizer Authorizer { get; }

    /// <summary>The stage's access log group.</summary>
    public LogGroup AccessLogs { get; }

    private IModel AddModel(ModelDefinition model)
    {
        // The definition keeps the schema as text; CfnModel takes it as a JSON object unchanged
        // (the typed JsonSchema class would mean restating every keyword).
        var cfn = new CfnModel(this, "Model" + model.Name, new CfnModelProps
        {
            RestApiId = RestApi.RestApiId,
            Name = model.Name,
            ContentType = model.ContentType,
            Schema = JsonObjects.Parse(model.Schema),
        });
        // A schema change must reach the stage: it becomes part of the deployment's identity.
        RestApi.LatestDeployment?.AddToLogicalId(model.Schema);
        RestApi.LatestDeployment?.Node.AddDependency(cfn);
        return Model.FromModelName(this, "ModelRef" + model.Name, cfn.Ref);
    }

    /// <summary>
    /// The validator of a route: every method has its parameters validated (cdk-nag
    /// AwsSolutions-APIG2), and its body too where the definition says so. One validator per
    /// kind, created when the first route needs it.
    /// </summary>
    private IRequestValidator Validator(bool body)
    {
        if (!_validators.TryGetValue(body, out IRequestValidator? validator))
        {
            validator = RestApi.AddRequestValidator(body ? "BodyAndParametersValidator" : "ParametersValidator", new RequestValidatorOptions
            {
                RequestValidatorName = body ? "body-and-parameters" : "parameters",
                ValidateRequestBody = body,
                ValidateRequestParameters = true,
            });
            _validators.Add(body, validator);
        }

        return validator;
    }

    private void AddRoute(UserApiProps props, RouteDefinition route, Dictionary<string, IModel> models)
    {
        var integration = new LambdaIntegration(props.Function(route.FunctionName), new LambdaIntegrationOptions
        {
            Proxy = false,
            // Permissions are scoped to this API, stage, method and path; no console test-invoke grant.
            AllowTestInvoke = false,
            // A body of a content type without a template gets 415 instead of reaching the function raw.
            PassthroughBehavior = PassthroughBehavior.NEVER,
            RequestTemplates = new Dictionary<string, string> { [AotAuthApi.JsonContentType] = route.RequestTemplate },
            IntegrationResponses = route.IntegrationResponses.Select(r => (IIntegrationResponse)new IntegrationResponse
            {
                StatusCode = r.StatusCode.ToString(CultureInfo.InvariantCulture),
                SelectionPattern = r.SelectionPattern,
                ResponseTemplates = r.ResponseTemplate is null
                    ? null
                    : new Dictionary<string, string> { [AotAuthApi.JsonContentType] = r.ResponseTemplate },
            }).ToArray(),
        });

        var options = new MethodOptions
        {
            MethodResponses = route.IntegrationResponses
                .Select(r => (IMethodResponse)new MethodResponse { StatusCode = r.StatusCode.ToString(CultureInfo.InvariantCulture) })
                .ToArray(),
            RequestParameters = route.RequiredRequestParameters.ToDictionary(p => p, _ => true, StringComparer.Ordinal),
            RequestValidator = Validator(route.ValidateRequestBody),
        };
        if (route.AuthorizerName is not null)
        {
            if (route.AuthorizerName != props.Definition.Authorizer.Name)
            {
                throw new ArgumentException($"route {route} names authorizer '{route.AuthorizerName}', which the definition does not have", nameof(route));
            }

            options.AuthorizationType = AuthorizationType.CUSTOM;
            options.Authorizer = Authorizer;
        }

        if (route.RequestModelName is not null)
        {
            options.RequestModels = new Dictionary<string, IModel> { [AotAuthApi.JsonContentType] = models[route.RequestModelName] };
        }

        RestApi.Root.ResourceForPath(route.Path).AddMethod(route.HttpMethod, integration, options);
    }
}
