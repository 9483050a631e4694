namespace AotAuth.Gateway.Templates;

/// <summary>How a REST method or an HTTP API route is authorized, read the same way for both API kinds.</summary>
internal static class RouteAuthorization
{
    /// <summary>
    /// The name of the Lambda authorizer guarding <paramref name="route"/> (null for <c>NONE</c>),
    /// adding its logical id to <paramref name="used"/>; any other authorization, or an authorizer
    /// that is not in the template, refuses to start.
    /// </summary>
    public static string? AuthorizerName(CloudFormationTemplate template, TemplateResource route, TemplateFindings findings, SortedSet<string> used)
    {
        string authorization = route.Text("AuthorizationType") ?? "NONE";
        if (authorization == "NONE")
        {
            return null;
        }

        if (authorization != "CUSTOM")
        {
            findings.Refuse(route.LogicalId, "AuthorizationType", $"{authorization} authorization is not emulated (only NONE and CUSTOM Lambda authorizers)");
            return null;
        }

        if (Intrinsics.Target(route.Property("AuthorizerId")) is not { } id || !template.Resources.TryGetValue(id, out TemplateResource? authorizer))
        {
            findings.Refuse(route.LogicalId, "AuthorizerId", "CUSTOM authorization without an authorizer of this template");
            return null;
        }

        used.Add(id);
        return authorizer.Text("Name") ?? id;
    }
}
