using System.Collections.Immutable;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A route of an HTTP API matched by <see cref="HttpRouteTable"/>, with its URL-decoded path parameters.</summary>
/// <param name="Route">The matched route.</param>
/// <param name="PathParameters">Path parameter values by name, URL-decoded.</param>
public sealed record HttpRouteMatch(HttpRouteDefinition Route, ImmutableDictionary<string, string> PathParameters);

/// <summary>
/// Matches a request against an HTTP API's routes, the most specific first (<see cref="RouteOrder"/>):
/// the method exactly (or <c>ANY</c>), the path by the route's
/// <see cref="PathTemplate"/> (a <c>{name}</c> segment takes one non-empty segment). No match is
/// answered by <c>$default</c> when the API has it, else 404 <c>{"message":"Not Found"}</c> by the caller.
/// </summary>
public sealed class HttpRouteTable
{
    private readonly ImmutableArray<(HttpRouteDefinition Route, PathTemplate Template)> _routes;
    private readonly HttpRouteDefinition? _default;

    /// <summary>A table over the routes of <paramref name="api"/>.</summary>
    public HttpRouteTable(HttpApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _routes = RouteOrder.Sorted(api.Routes.Where(r => !r.IsDefault).Select(r => (r, PathTemplate.Parse(r.Path))), r => r.HttpMethod);
        _default = api.Routes.FirstOrDefault(r => r.IsDefault);
    }

    /// <summary>The route for <paramref name="httpMethod"/> and the raw <paramref name="path"/>; false when none matches.</summary>
    public bool TryMatch(string httpMethod, string path, out HttpRouteMatch? match)
    {
        foreach (var (route, template) in _routes)
        {
            if (RouteOrder.MethodMatches(route.HttpMethod, httpMethod) && template.TryBind(path, out var parameters))
            {
                match = new HttpRouteMatch(route, parameters);
                return true;
            }
        }

        match = _default is null ? null : new HttpRouteMatch(_default, ImmutableDictionary<string, string>.Empty);
        return match is not null;
    }
}
