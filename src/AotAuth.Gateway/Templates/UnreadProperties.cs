using System.Text.Json;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// The properties of the served API's resources and functions that the gateway neither reads nor
/// can leave out without a difference a caller could see: one not-emulated line each, or a refusal
/// for the ones that decide who is let in (a REST API's resource policy).
/// </summary>
internal static class UnreadProperties
{
    /// <summary>Per resource type, the properties read by the model or without effect on a local request (names, descriptions, logging, tracing, deployment plumbing).</summary>
    private static readonly Dictionary<string, HashSet<string>> Known = new(StringComparer.Ordinal)
    {
        ["AWS::ApiGateway::RestApi"] = ["Name", "Description", "EndpointConfiguration", "Tags", "Body", "BodyS3Location", "CloneFrom", "FailOnWarnings", "Mode", "Parameters", "DisableExecuteApiEndpoint"],
        ["AWS::ApiGateway::Resource"] = ["RestApiId", "ParentId", "PathPart"],
        ["AWS::ApiGateway::Method"] = ["RestApiId", "ResourceId", "HttpMethod", "AuthorizationType", "AuthorizerId", "ApiKeyRequired", "Integration", "MethodResponses", "RequestModels", "RequestParameters", "RequestValidatorId", "OperationName"],
        ["AWS::ApiGateway::Authorizer"] = ["RestApiId", "Name", "Type", "AuthorizerUri", "IdentitySource", "IdentityValidationExpression", "AuthorizerResultTtlInSeconds", "AuthorizerCredentials"],
        ["AWS::ApiGateway::Model"] = ["RestApiId", "Name", "ContentType", "Schema", "Description"],
        ["AWS::ApiGateway::RequestValidator"] = ["RestApiId", "Name", "ValidateRequestBody", "ValidateRequestParameters"],
        ["AWS::ApiGateway::GatewayResponse"] = ["RestApiId", "ResponseType", "StatusCode", "ResponseTemplates", "ResponseParameters"],
        ["AWS::ApiGateway::Deployment"] = ["RestApiId", "Description", "StageName"],
        ["AWS::ApiGateway::Stage"] = ["RestApiId", "StageName", "DeploymentId", "Description", "AccessLogSetting", "TracingEnabled", "Tags"],
        ["AWS::ApiGatewayV2::Api"] = ["Name", "Description", "ProtocolType", "Tags", "DisableExecuteApiEndpoint", "Body", "BodyS3Location", "Target", "RouteKey"],
        ["AWS::ApiGatewayV2::Route"] = ["ApiId", "RouteKey", "Target", "AuthorizationType", "AuthorizerId", "OperationName"],
        ["AWS::ApiGatewayV2::Integration"] = ["ApiId", "IntegrationType", "IntegrationUri", "PayloadFormatVersion", "IntegrationMethod", "Description"],
        ["AWS::ApiGatewayV2::Authorizer"] = ["ApiId", "Name", "AuthorizerType", "AuthorizerUri", "AuthorizerPayloadFormatVersion", "AuthorizerResultTtlInSeconds", "EnableSimpleResponses", "IdentitySource", "AuthorizerCredentialsArn"],
        ["AWS::ApiGatewayV2::Stage"] = ["ApiId", "StageName", "AutoDeploy", "AccessLogSettings", "Description", "Tags", "DeploymentId"],
        ["AWS::Lambda::Function"] = ["Runtime", "Handler", "Code", "Environment", "MemorySize", "Timeout", "Role", "Architectures", "Description", "FunctionName", "LoggingConfig", "TracingConfig", "PackageType", "Tags", "KmsKeyArn", "RuntimeManagementConfig"],
    };

    /// <summary>Properties that decide who is let in: the gateway refuses to start rather than serve without them.</summary>
    private static readonly Dictionary<string, string> Deciding = new(StringComparer.Ordinal)
    {
        ["AWS::ApiGateway::RestApi.Policy"] = "a resource policy decides who may call the API; it is not evaluated here",
    };

    public static void Report(CloudFormationTemplate template, TemplateResource api, IEnumerable<string> functions, TemplateFindings findings)
    {
        string idProperty = api.Type == "AWS::ApiGateway::RestApi" ? "RestApiId" : "ApiId";
        IEnumerable<TemplateResource> own = template.Resources.Values
            .Where(r => r.Type.StartsWith("AWS::ApiGateway", StringComparison.Ordinal) && Intrinsics.Target(r.Property(idProperty)) == api.LogicalId);
        IEnumerable<TemplateResource> served = own.Prepend(api).Concat(functions.Select(f => template.Resources[f])).OrderBy(r => r.LogicalId, StringComparer.Ordinal);
        foreach (TemplateResource resource in served)
        {
            if (resource.Properties.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            HashSet<string>? known = Known.GetValueOrDefault(resource.Type);
            foreach (JsonProperty property in resource.Properties.EnumerateObject())
            {
                if (Deciding.TryGetValue($"{resource.Type}.{property.Name}", out string? reason))
                {
                    findings.Refuse(resource.LogicalId, property.Name, reason);
                }
                else if (known is null)
                {
                    findings.NotEmulatedFeature(resource.LogicalId, property.Name, $"a {resource.Type} is not emulated");
                    break;
                }
                else if (!known.Contains(property.Name))
                {
                    findings.NotEmulatedFeature(resource.LogicalId, property.Name, "not applied by the local gateway");
                }
            }
        }
    }
}
