using AotAuth.Core;
using AotAuth.Core.Api;
using AotAuth.Gateway.Templates;

namespace AotAuth.Cli.Commands;

/// <summary>
/// The routes of a synthesized CloudFormation template as <c>aotauth routes --template</c> prints
/// them and <c>token create --template</c> checks scopes against them (AotAuth.Gateway.Templates
/// reads the template; <see cref="RouteScopes"/> decides what a scope reaches).
/// </summary>
internal static class TemplateRoutes
{
    /// <summary>The printed table: one row per route of every API, then a line per API's authorizers.</summary>
    public static IEnumerable<string> Lines(CloudFormationTemplate template)
    {
        IReadOnlyList<TemplateApi> apis = template.Apis();
        if (apis.Count == 0)
        {
            yield return $"{template.File} declares no REST or HTTP API.";
            yield break;
        }

        yield return $"{"API",-24}  {"ROUTE",-28}  {"AUTHORIZER",-36}  {"SCOPE",-22}  NOTE";
        foreach (TemplateApi api in apis)
        {
            string name = $"{api.Name} ({(api.Kind == ApiKind.Rest ? "REST" : "HTTP")})";
            foreach (TemplateRoute route in api.Routes)
            {
                yield return $"{name,-24}  {route,-28}  {Guard(route),-36}  {Scope(route),-22}  {string.Join("; ", route.Notes)}".TrimEnd();
            }
        }

        yield return string.Empty;
        foreach (TemplateApi api in apis)
        {
            foreach (TemplateAuthorizer authorizer in api.Authorizers.Values)
            {
                yield return $"Authorizer {authorizer} of {api.Name}: {(authorizer.FunctionLogicalId is { } fn ? "function " + fn : "a function outside the template")}.";
            }
        }

        yield return "A scope is a verb (or *) and a path with IAM wildcards (* spans '/', ? one character); a token may call every route its scopes reach.";
    }

    /// <summary>The routes a Lambda authorizer guards: those a token's scopes are checked against.</summary>
    public static IReadOnlyList<TemplateRoute> Guarded(CloudFormationTemplate template) =>
        [.. template.Apis().SelectMany(a => a.Routes).Where(r => r.Authorizer is { IsLambda: true } && !r.IsDefault && r.Notes.Count == 0)];

    /// <summary>Refuses <paramref name="scope"/> when it reaches no route a Lambda authorizer of <paramref name="template"/> guards, naming them.</summary>
    /// <exception cref="InvalidOperationException">It reaches none.</exception>
    public static void RequireReach(string scope, CloudFormationTemplate template)
    {
        IReadOnlyList<TemplateRoute> guarded = Guarded(template);
        if (RouteScopes.Reached(scope, guarded, r => (r.HttpMethod, PathTemplate.Parse(r.Path))).Count == 0)
        {
            string routes = guarded.Count == 0
                ? "none (no route of it has a Lambda authorizer)"
                : string.Join(", ", guarded.Select(r => $"{r} (scope {Scope(r)})"));
            throw new InvalidOperationException($"--scope '{scope}' reaches no route of {template.File}; the routes a Lambda authorizer guards are {routes}; --force stores it anyway");
        }
    }

    private static string Guard(TemplateRoute route) => route.Authorizer?.ToString() ?? (route.AuthorizationType == "NONE" ? "none" : route.AuthorizationType);

    /// <summary>The scope that reaches <paramref name="route"/>; "-" when no token is asked for, or none can name it.</summary>
    private static string Scope(TemplateRoute route) =>
        route.Authorizer is { IsLambda: true } && !route.IsDefault && route.HttpMethod is not ("" or "?") && route.Path != "?"
            ? RouteScopes.ScopeOf(route.HttpMethod, PathTemplate.Parse(route.Path))
            : "-";
}
