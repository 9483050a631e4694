namespace AotAuth.Gateway.Templates;

/// <summary>
/// The HTTP APIs of a template: <c>AWS::ApiGatewayV2::Api</c> (protocol HTTP), its <c>Route</c>s
/// (route keys <c>{METHOD} {path}</c>, <c>ANY</c>, greedy paths and <c>$default</c>) and
/// <c>Authorizer</c>s, linked by <c>ApiId</c> and <c>AuthorizerId</c> references.
/// </summary>
public static class HttpApiReader
{
    /// <summary>Every HTTP API of <paramref name="template"/> (a WebSocket API is listed with a note on each route).</summary>
    public static IEnumerable<TemplateApi> Read(CloudFormationTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (TemplateResource api in template.OfType("AWS::ApiGatewayV2::Api"))
        {
            string protocol = api.Text("ProtocolType") ?? "HTTP";
            var authorizers = template.OfType("AWS::ApiGatewayV2::Authorizer")
                .Where(a => Intrinsics.Target(a.Property("ApiId")) == api.LogicalId)
                .ToDictionary(a => a.LogicalId, a => new TemplateAuthorizer(
                    a.LogicalId, a.Text("Name") ?? a.LogicalId, a.Text("AuthorizerType") ?? "?",
                    template.FunctionAmong(Intrinsics.References(a.Property("AuthorizerUri")))), StringComparer.Ordinal);
            var routes = template.OfType("AWS::ApiGatewayV2::Route")
                .Where(r => Intrinsics.Target(r.Property("ApiId")) == api.LogicalId)
                .Select(r => Route(r, protocol, authorizers))
                .ToList();

            // Quick create: an Api with RouteKey/Target makes a route of its own.
            if (api.Text("RouteKey") is { } quickKey)
            {
                routes.Add(Route(api.LogicalId, quickKey, "NONE", null, protocol, ["a quick-create route (the Api's RouteKey and Target)"]));
            }

            yield return new TemplateApi(api.LogicalId, api.Text("Name") ?? api.LogicalId, ApiKind.Http,
                [.. routes.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.HttpMethod, StringComparer.Ordinal)], authorizers);
        }
    }

    private static TemplateRoute Route(TemplateResource route, string protocol, Dictionary<string, TemplateAuthorizer> authorizers)
    {
        var notes = new List<string>();
        string authorization = route.Text("AuthorizationType") ?? "NONE";
        TemplateAuthorizer? authorizer = null;
        if (Intrinsics.Target(route.Property("AuthorizerId")) is { } id && !authorizers.TryGetValue(id, out authorizer))
        {
            notes.Add($"AuthorizerId names {id}, not an authorizer of this API");
        }

        if (authorization is not ("NONE" or "CUSTOM"))
        {
            notes.Add($"AuthorizationType {authorization}: guarded by AWS, not by a token scope");
        }

        return Route(route.LogicalId, route.Text("RouteKey") ?? "?", authorization, authorizer, protocol, notes);
    }

    private static TemplateRoute Route(string logicalId, string routeKey, string authorization, TemplateAuthorizer? authorizer, string protocol, List<string> notes)
    {
        if (protocol != "HTTP")
        {
            notes.Add($"a {protocol} API route: messages, not HTTP requests");
        }

        if (routeKey == TemplateRoute.DefaultRouteKey)
        {
            notes.Add("$default: every request no other route matches; a scope cannot name it");
            return new TemplateRoute(logicalId, "", routeKey, authorization, authorizer, notes);
        }

        int space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            notes.Add($"route key '{routeKey}' is not '{{METHOD}} {{path}}'");
            return new TemplateRoute(logicalId, "?", routeKey, authorization, authorizer, notes);
        }

        return new TemplateRoute(logicalId, routeKey[..space], routeKey[(space + 1)..], authorization, authorizer, notes);
    }
}
