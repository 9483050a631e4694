namespace AotAuth.Gateway.Templates;

/// <summary>
/// The REST APIs of a template: <c>AWS::ApiGateway::RestApi</c>, its <c>Resource</c> tree (linked by
/// <c>ParentId</c>: a <c>Ref</c> to a parent resource, or the API's <c>RootResourceId</c>), its
/// <c>Method</c>s and <c>Authorizer</c>s.
/// </summary>
public static class RestApiReader
{
    /// <summary>Every REST API of <paramref name="template"/>.</summary>
    public static IEnumerable<TemplateApi> Read(CloudFormationTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (TemplateResource api in template.OfType("AWS::ApiGateway::RestApi"))
        {
            var authorizers = template.OfType("AWS::ApiGateway::Authorizer")
                .Where(a => Intrinsics.Target(a.Property("RestApiId")) == api.LogicalId)
                .ToDictionary(a => a.LogicalId, a => new TemplateAuthorizer(
                    a.LogicalId, a.Text("Name") ?? a.LogicalId, a.Text("Type") ?? "?",
                    template.FunctionAmong(Intrinsics.References(a.Property("AuthorizerUri")))), StringComparer.Ordinal);
            var routes = new List<TemplateRoute>();
            foreach (TemplateResource method in template.OfType("AWS::ApiGateway::Method").Where(m => Intrinsics.Target(m.Property("RestApiId")) == api.LogicalId))
            {
                routes.Add(Route(template, api, method, authorizers));
            }

            if (api.Property("Body").ValueKind != System.Text.Json.JsonValueKind.Undefined || api.Property("BodyS3Location").ValueKind != System.Text.Json.JsonValueKind.Undefined)
            {
                routes.Add(new TemplateRoute(api.LogicalId, "", "(OpenAPI body)", "?", null,
                    ["routes defined by an OpenAPI body (Body/BodyS3Location) are not read"]));
            }

            yield return new TemplateApi(api.LogicalId, api.Text("Name") ?? api.LogicalId, ApiKind.Rest,
                [.. routes.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.HttpMethod, StringComparer.Ordinal)], authorizers);
        }
    }

    private static TemplateRoute Route(
        CloudFormationTemplate template, TemplateResource api, TemplateResource method, Dictionary<string, TemplateAuthorizer> authorizers)
    {
        var notes = new List<string>();
        string? path = PathOf(template, api.LogicalId, method.Property("ResourceId"), notes);
        string verb = method.Text("HttpMethod")?.ToUpperInvariant() ?? "?";
        string authorization = method.Text("AuthorizationType") ?? "NONE";
        TemplateAuthorizer? authorizer = null;
        if (Intrinsics.Target(method.Property("AuthorizerId")) is { } authorizerId)
        {
            if (!authorizers.TryGetValue(authorizerId, out authorizer))
            {
                notes.Add($"AuthorizerId names {authorizerId}, not an authorizer of this API");
            }
        }

        if (authorization is not ("NONE" or "CUSTOM"))
        {
            notes.Add($"AuthorizationType {authorization}: guarded by AWS, not by a token scope");
        }
        else if (authorization == "CUSTOM" && authorizer is { IsLambda: false })
        {
            notes.Add($"authorizer type {authorizer.Type}: not a Lambda authorizer");
        }

        return new TemplateRoute(method.LogicalId, verb, path ?? "?", authorization, authorizer, notes);
    }

    /// <summary>
    /// The path of the resource <paramref name="resourceId"/> points at, walking up its <c>ParentId</c>s to the
    /// API's root; null (with a note when <paramref name="notes"/> is given) when the walk leaves the template.
    /// </summary>
    internal static string? PathOf(CloudFormationTemplate template, string apiId, System.Text.Json.JsonElement resourceId, List<string>? notes = null)
    {
        var segments = new Stack<string>();
        System.Text.Json.JsonElement current = resourceId;
        for (int depth = 0; depth < 100; depth++)
        {
            if (Intrinsics.Attribute(current) is (var id, "RootResourceId") && id == apiId)
            {
                return "/" + string.Join('/', segments);
            }

            if (Intrinsics.Target(current) is not { } target || !template.Resources.TryGetValue(target, out TemplateResource? resource)
                || resource.Type != "AWS::ApiGateway::Resource" || resource.Text("PathPart") is not { } part)
            {
                notes?.Add("its resource is not a Resource of this template (imported or built another way): path unknown");
                return null;
            }

            segments.Push(part);
            current = resource.Property("ParentId");
        }

        notes?.Add("its resource tree is deeper than 100 levels or loops");
        return null;
    }
}
