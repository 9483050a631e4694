using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// A REST API of a template as the gateway's <see cref="ApiDefinition"/>: its stage, its TOKEN or
/// REQUEST authorizer, models, methods with Lambda (<c>AWS</c>, <c>AWS_PROXY</c>) integrations, request validators and
/// gateway responses (AWS's defaults where the template has none).
/// </summary>
internal static class RestApiModel
{
    /// <summary>API Gateway's body of a default gateway response.</summary>
    public const string DefaultResponseTemplate = "{\"message\":$context.error.messageString}";

    private const string Json = AotAuthApi.JsonContentType;

    public static (ApiDefinition?, HttpApiDefinition?, IReadOnlyCollection<string>) Read(
        CloudFormationTemplate template, TemplateResource api, TemplateValues values, TemplateFindings findings)
    {
        var functions = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<TemplateResource> Own(string type) => template.OfType(type).Where(r => Intrinsics.Target(r.Property("RestApiId")) == api.LogicalId);

        foreach (string property in new[] { "Body", "BodyS3Location" })
        {
            if (api.Property(property).ValueKind != JsonValueKind.Undefined)
            {
                findings.Refuse(api.LogicalId, property, "methods defined by an OpenAPI body are not read, so their authorization is unknown");
            }
        }

        string stage = Own("AWS::ApiGateway::Stage").Select(s => s.Text("StageName")).FirstOrDefault(s => s is not null)
            ?? Own("AWS::ApiGateway::Deployment").Select(d => d.Text("StageName")).FirstOrDefault(s => s is not null)
            ?? "local";
        var models = Own("AWS::ApiGateway::Model").ToDictionary(
            m => m.LogicalId,
            m => new ModelDefinition(m.Text("Name") ?? m.LogicalId, m.Text("ContentType") ?? Json, m.Property("Schema") is { ValueKind: JsonValueKind.Object } s ? s.GetRawText() : m.Text("Schema") ?? "{}"),
            StringComparer.Ordinal);
        var validators = Own("AWS::ApiGateway::RequestValidator").ToDictionary(v => v.LogicalId, v => v, StringComparer.Ordinal);

        var routes = new List<RouteDefinition>();
        var usedAuthorizers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (TemplateResource method in Own("AWS::ApiGateway::Method"))
        {
            if (Method(template, api, method, models, validators, findings, usedAuthorizers) is { } route)
            {
                routes.Add(route);
                if (route.FunctionName != TemplateDeployment.UnavailableIntegration)
                {
                    functions.Add(route.FunctionName);
                }
            }
        }

        (AuthorizerDefinition authorizer, ImmutableArray<AuthorizerDefinition> others) = Authorizers(template, usedAuthorizers, findings);
        functions.UnionWith(others.Prepend(authorizer).Select(a => a.FunctionName).Where(f => f.Length > 0));
        var definition = new ApiDefinition(stage, authorizer, [.. models.Values], [.. routes], GatewayResponses(api, Own("AWS::ApiGateway::GatewayResponse"), findings))
        {
            OtherAuthorizers = others,
        };
        return (definition, null, functions);
    }

    /// <summary>The one authorizer the methods use (the model emulates one per API); none yields an unused placeholder.</summary>
    /// <summary>The authorizers the routes use, the first as the model's <c>Authorizer</c>; none yields an unused placeholder.</summary>
    private static (AuthorizerDefinition First, ImmutableArray<AuthorizerDefinition> Others) Authorizers(CloudFormationTemplate template, SortedSet<string> used, TemplateFindings findings)
    {
        AuthorizerDefinition[] all = [.. used.Select(id => Authorizer(template.Resources[id], template, findings))];
        foreach (var name in all.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Refuse(string.Join(", ", used), "Name", $"two authorizers are named '{name.Key}'");
        }

        return all.Length == 0 ? (new AuthorizerDefinition("(none)", string.Empty, "Authorization", string.Empty, 0), []) : (all[0], [.. all[1..]]);
    }

    private static AuthorizerDefinition Authorizer(TemplateResource resource, CloudFormationTemplate template, TemplateFindings findings)
    {
        string type = resource.Text("Type") ?? "?";
        string? function = template.FunctionAmong(Intrinsics.References(resource.Property("AuthorizerUri")));
        int ttl = resource.Property("AuthorizerResultTtlInSeconds") is { ValueKind: JsonValueKind.Number } t ? t.GetInt32() : 300;
        string name = resource.Text("Name") ?? resource.LogicalId;
        const string HeaderSource = "method.request.header.", QuerySource = "method.request.querystring.";
        if (function is null)
        {
            findings.Refuse(resource.LogicalId, "AuthorizerUri", "its function is not a Lambda function of this template");
        }

        if (type == "REQUEST")
        {
            string[] sources = (resource.Text("IdentitySource") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (string source in sources.Where(s => !s.StartsWith(HeaderSource, StringComparison.Ordinal) && !s.StartsWith(QuerySource, StringComparison.Ordinal)))
            {
                findings.Refuse(resource.LogicalId, "IdentitySource", $"'{source}': the local gateway reads request headers and query strings only");
            }

            if (ttl > 0 && sources.Length == 0)
            {
                findings.Refuse(resource.LogicalId, "IdentitySource", "caching needs an identity source");
            }

            return new AuthorizerDefinition(name, function ?? string.Empty, "Authorization", string.Empty, ttl)
            {
                IsRequestAuthorizer = true,
                RequestIdentitySources = [.. sources],
            };
        }

        string identitySource = resource.Text("IdentitySource") ?? "method.request.header.Authorization";
        if (type != "TOKEN")
        {
            findings.Refuse(resource.LogicalId, "Type", $"a {type} authorizer; the local gateway emulates Lambda (TOKEN and REQUEST) authorizers");
        }
        else if (!identitySource.StartsWith(HeaderSource, StringComparison.Ordinal))
        {
            findings.Refuse(resource.LogicalId, "IdentitySource", $"'{identitySource}' is not a request header");
        }

        return new AuthorizerDefinition(name, function ?? string.Empty,
            identitySource.StartsWith(HeaderSource, StringComparison.Ordinal) ? identitySource[HeaderSource.Length..] : identitySource,
            resource.Text("IdentityValidationExpression") ?? string.Empty, ttl);
    }

    private static RouteDefinition? Method(
        CloudFormationTemplate template,
        TemplateResource api,
        TemplateResource method,
        Dictionary<string, ModelDefinition> models,
        Dictionary<string, TemplateResource> validators,
        TemplateFindings findings,
        SortedSet<string> usedAuthorizers)
    {
        string id = method.LogicalId;
        string? path = RestApiReader.PathOf(template, api.LogicalId, method.Property("ResourceId"));
        if (path is null)
        {
            findings.Refuse(id, "ResourceId", "its resource is not a Resource of this API in the template, so its path is unknown");
            return null;
        }

        string verb = method.Text("HttpMethod")?.ToUpperInvariant() ?? "?";
        string? authorizerName = RouteAuthorization.AuthorizerName(template, method, findings, usedAuthorizers);

        if (method.Property("ApiKeyRequired") is { ValueKind: JsonValueKind.True })
        {
            findings.Refuse(id, "ApiKeyRequired", "API keys are not emulated");
        }

        JsonElement integration = method.Property("Integration");
        string type = integration.TextMember("Type") ?? "none";
        string? function = template.FunctionAmong(Intrinsics.References(integration.Member("Uri")));
        string? model = Intrinsics.Target(method.Property("RequestModels").Member(Json)) is { } modelId && models.TryGetValue(modelId, out ModelDefinition? m) ? m.Name : null;
        bool validateBody = Intrinsics.Target(method.Property("RequestValidatorId")) is { } validatorId
            && validators.TryGetValue(validatorId, out TemplateResource? validator)
            && validator.Property("ValidateRequestBody") is { ValueKind: JsonValueKind.True };
        if (type is not ("AWS" or "AWS_PROXY") || function is null)
        {
            findings.NotEmulatedFeature(id, "Integration", $"{(function is null && type.StartsWith("AWS", StringComparison.Ordinal) ? "a Lambda function outside this template" : $"a {type} integration")}: {verb} {path} answers 502 after authorization");
            return new RouteDefinition(verb, path, TemplateDeployment.UnavailableIntegration, authorizerName, false, null, "", [new IntegrationResponseDefinition(200, null, null)]);
        }

        if (type == "AWS_PROXY")
        {
            return new RouteDefinition(verb, path, function, authorizerName, validateBody, model, "", [new IntegrationResponseDefinition(200, null, null)])
            {
                Integration = RestIntegration.LambdaProxy,
            };
        }

        JsonElement templates = integration.Member("RequestTemplates");
        string requestTemplate = templates.TextMember(Json) ?? "$input.body";
        foreach (JsonProperty other in Enumerate(templates).Where(p => p.Name != Json))
        {
            findings.NotEmulatedFeature(id, $"Integration.RequestTemplates.{other.Name}", "only application/json requests are served (others get 415)");
        }

        foreach (JsonProperty parameter in Enumerate(method.Property("RequestParameters")).Where(p => p.Value.ValueKind == JsonValueKind.True && !p.Name.StartsWith("method.request.path.", StringComparison.Ordinal)))
        {
            findings.NotEmulatedFeature(id, $"RequestParameters.{parameter.Name}", "required, but not checked by the local gateway");
        }

        var responses = new List<IntegrationResponseDefinition>();
        foreach (JsonElement response in integration.Member("IntegrationResponses") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [])
        {
            int status = int.TryParse(response.TextMember("StatusCode"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 200;
            responses.Add(new IntegrationResponseDefinition(status, response.TextMember("SelectionPattern"), response.Member("ResponseTemplates").TextMember(Json)));
        }

        if (responses.Count(r => r.SelectionPattern is null) != 1)
        {
            findings.NotEmulatedFeature(id, "Integration.IntegrationResponses", "not exactly one default response (without SelectionPattern): a 200 passing the answer through is used as the default");
            responses.RemoveAll(r => r.SelectionPattern is null);
            responses.Insert(0, new IntegrationResponseDefinition(200, null, null));
        }

        return new RouteDefinition(verb, path, function, authorizerName, validateBody, model, requestTemplate, [.. responses]);
    }

    private static ImmutableArray<GatewayResponseDefinition> GatewayResponses(TemplateResource api, IEnumerable<TemplateResource> declared, TemplateFindings findings)
    {
        var byType = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        foreach (TemplateResource response in declared)
        {
            byType[response.Text("ResponseType") ?? "?"] = response;
            if (response.Property("ResponseParameters").ValueKind == JsonValueKind.Object)
            {
                findings.NotEmulatedFeature(response.LogicalId, "ResponseParameters", "the headers it sets are not sent");
            }
        }

        return [.. Enum.GetValues<GatewayResponseType>().Select(type =>
        {
            var placeholder = new GatewayResponseDefinition(type, DefaultStatus(type), DefaultResponseTemplate);
            string family = placeholder.StatusCode < 500 ? "DEFAULT_4XX" : "DEFAULT_5XX";
            TemplateResource? resource = byType.GetValueOrDefault(placeholder.AwsName) ?? byType.GetValueOrDefault(family);
            if (resource is null)
            {
                return placeholder;
            }

            int status = resource.Text("StatusCode") is { } code && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : placeholder.StatusCode;
            return new GatewayResponseDefinition(type, status, resource.Property("ResponseTemplates").TextMember(Json) ?? DefaultResponseTemplate);
        })];
    }

    /// <summary>API Gateway's status of each gateway response type.</summary>
    private static int DefaultStatus(GatewayResponseType type) => type switch
    {
        GatewayResponseType.Unauthorized => 401,
        GatewayResponseType.AccessDenied or GatewayResponseType.MissingAuthenticationToken => 403,
        GatewayResponseType.BadRequestBody => 400,
        _ => 500,
    };

    private static JsonProperty[] Enumerate(JsonElement value) => value.ValueKind == JsonValueKind.Object ? [.. value.EnumerateObject()] : [];
}
