using System.Collections.Immutable;
using System.Text.Json;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Templates;

/// <summary>
/// An HTTP API of a template as the gateway's <see cref="HttpApiDefinition"/>: its stage, its
/// Lambda REQUEST authorizers (payload 2.0 with simple or IAM answers, or 1.0 with IAM answers)
/// and routes with Lambda proxy integrations (payload 2.0 or 1.0).
/// </summary>
internal static class HttpApiModel
{
    public static (ApiDefinition?, HttpApiDefinition?, IReadOnlyCollection<string>) Read(
        CloudFormationTemplate template, TemplateResource api, TemplateValues values, TemplateFindings findings)
    {
        IEnumerable<TemplateResource> Own(string type) => template.OfType(type).Where(r => Intrinsics.Target(r.Property("ApiId")) == api.LogicalId);

        string protocol = api.Text("ProtocolType") ?? "HTTP";
        if (protocol != "HTTP")
        {
            findings.Refuse(api.LogicalId, "ProtocolType", $"a {protocol} API; the local gateway emulates HTTP APIs");
        }

        foreach (string property in new[] { "Body", "BodyS3Location", "Target" })
        {
            if (api.Property(property).ValueKind != JsonValueKind.Undefined)
            {
                findings.Refuse(api.LogicalId, property, "routes defined this way are not read, so their authorization is unknown");
            }
        }

        string stage = Own("AWS::ApiGatewayV2::Stage").Select(s => s.Text("StageName")).FirstOrDefault(s => s is not null) ?? "$default";
        var functions = new HashSet<string>(StringComparer.Ordinal);
        var usedAuthorizers = new SortedSet<string>(StringComparer.Ordinal);
        var routes = new List<HttpRouteDefinition>();
        foreach (TemplateResource route in Own("AWS::ApiGatewayV2::Route"))
        {
            if (Route(template, route, findings, usedAuthorizers) is { } definition)
            {
                routes.Add(definition);
                if (definition.FunctionName != TemplateDeployment.UnavailableIntegration)
                {
                    functions.Add(definition.FunctionName);
                }
            }
        }

        (HttpAuthorizerDefinition authorizer, ImmutableArray<HttpAuthorizerDefinition> others) = Authorizers(template, usedAuthorizers, findings);
        functions.UnionWith(others.Prepend(authorizer).Select(a => a.FunctionName).Where(f => f.Length > 0));
        return (null, new HttpApiDefinition(stage, authorizer, [.. routes]) { OtherAuthorizers = others }, functions);
    }

    private static HttpRouteDefinition? Route(CloudFormationTemplate template, TemplateResource route, TemplateFindings findings, SortedSet<string> usedAuthorizers)
    {
        string id = route.LogicalId;
        string key = route.Text("RouteKey") ?? "?";
        if (key != HttpRouteDefinition.DefaultRouteKey && key.IndexOf(' ', StringComparison.Ordinal) <= 0)
        {
            findings.NotEmulatedFeature(id, "RouteKey", $"'{key}' is not a route key ({{METHOD}} {{path}} or $default): not served");
            return null;
        }

        string? authorizerName = RouteAuthorization.AuthorizerName(template, route, findings, usedAuthorizers);

        TemplateResource? integration = Intrinsics.References(route.Property("Target"))
            .Select(target => template.Resources.GetValueOrDefault(target))
            .FirstOrDefault(r => r?.Type == "AWS::ApiGatewayV2::Integration");
        string? function = integration is null ? null : template.FunctionAmong(Intrinsics.References(integration.Property("IntegrationUri")));
        string type = integration?.Text("IntegrationType") ?? "none";
        string payload = integration?.Text("PayloadFormatVersion") ?? HttpAuthorizerDefinition.PayloadFormatVersion1;
        if (type != "AWS_PROXY" || function is null || payload is not (HttpAuthorizerDefinition.PayloadFormatVersion or HttpAuthorizerDefinition.PayloadFormatVersion1))
        {
            string what = type != "AWS_PROXY" ? $"a {type} integration"
                : function is null ? "a Lambda function outside this template"
                : $"payload format {payload}";
            findings.NotEmulatedFeature(integration?.LogicalId ?? id, integration is null ? "Target" : "IntegrationType", $"{what}: {key} answers 502 after authorization");
            function = TemplateDeployment.UnavailableIntegration;
        }

        return new HttpRouteDefinition(key, function, authorizerName) { PayloadFormat = payload };
    }

    /// <summary>The authorizers the routes use, the first as the model's <c>Authorizer</c>; none yields an unused placeholder.</summary>
    private static (HttpAuthorizerDefinition First, ImmutableArray<HttpAuthorizerDefinition> Others) Authorizers(CloudFormationTemplate template, SortedSet<string> used, TemplateFindings findings)
    {
        HttpAuthorizerDefinition[] all = [.. used.Select(id => Authorizer(template.Resources[id], template, findings))];
        foreach (var name in all.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            findings.Refuse(string.Join(", ", used), "Name", $"two authorizers are named '{name.Key}'");
        }

        return all.Length == 0 ? (new HttpAuthorizerDefinition("(none)", string.Empty, true, [], 0), []) : (all[0], [.. all[1..]]);
    }

    private static HttpAuthorizerDefinition Authorizer(TemplateResource resource, CloudFormationTemplate template, TemplateFindings findings)
    {
        string type = resource.Text("AuthorizerType") ?? "?";
        string payload = resource.Text("AuthorizerPayloadFormatVersion") ?? "?";
        string? function = template.FunctionAmong(Intrinsics.References(resource.Property("AuthorizerUri")));
        if (type != "REQUEST")
        {
            findings.Refuse(resource.LogicalId, "AuthorizerType", $"a {type} authorizer; the local gateway emulates Lambda (REQUEST) authorizers");
        }
        else if (payload is not (HttpAuthorizerDefinition.PayloadFormatVersion or HttpAuthorizerDefinition.PayloadFormatVersion1))
        {
            findings.Refuse(resource.LogicalId, "AuthorizerPayloadFormatVersion", $"payload format {payload}; the local gateway emulates 1.0 and 2.0");
        }

        if (function is null)
        {
            findings.Refuse(resource.LogicalId, "AuthorizerUri", "its function is not a Lambda function of this template");
        }

        ImmutableArray<string> identity = resource.Property("IdentitySource") is { ValueKind: JsonValueKind.Array } sources
            ? [.. sources.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
            : [];
        int ttl = resource.Property("AuthorizerResultTtlInSeconds") is { ValueKind: JsonValueKind.Number } t ? t.GetInt32() : 0;
        if (ttl > 0 && identity.IsEmpty)
        {
            findings.Refuse(resource.LogicalId, "IdentitySource", "caching needs an identity source");
        }

        bool simple = resource.Property("EnableSimpleResponses") is { ValueKind: JsonValueKind.True };
        if (simple && payload == HttpAuthorizerDefinition.PayloadFormatVersion1)
        {
            findings.Refuse(resource.LogicalId, "EnableSimpleResponses", "simple responses need payload format 2.0");
        }

        return new HttpAuthorizerDefinition(resource.Text("Name") ?? resource.LogicalId, function ?? string.Empty, simple, identity, ttl) { PayloadFormat = payload };
    }
}
