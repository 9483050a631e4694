using System.Collections.Immutable;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A route matched by <see cref="RouteTable"/>, with its URL-decoded path parameters.</summary>
/// <param name="Route">The matched route.</param>
/// <param name="PathParameters">Path parameter values by name, URL-decoded.</param>
public sealed record RouteMatch(RouteDefinition Route, ImmutableDictionary<string, string> PathParameters);

/// <summary>
/// Matches a request's method and path against the API's routes as API Gateway does, the most
/// specific route first (<see cref="RouteOrder"/>): each route's <see cref="PathTemplate"/> binds the path (literal segments exactly,
/// a <c>{name}</c> one non-empty segment, a trailing slash a different path: <c>/user/</c> is not
/// <c>/user</c>). No match, including a known path with another method, is answered with
/// MISSING_AUTHENTICATION_TOKEN (403) by the caller.
/// </summary>
public sealed class RouteTable
{
    private readonly ImmutableArray<(RouteDefinition Route, PathTemplate Template)> _routes;

    /// <summary>A table over the routes of <paramref name="api"/>.</summary>
    public RouteTable(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _routes = RouteOrder.Sorted(api.Routes.Select(r => (r, r.Template)), r => r.HttpMethod);
    }

    /// <summary>
    /// Finds the route for <paramref name="httpMethod"/> and the raw (still percent-encoded)
    /// <paramref name="path"/>, without a query string. False when no route matches.
    /// </summary>
    public bool TryMatch(string httpMethod, string path, out RouteMatch? match)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (route, template) in _routes)
        {
            if (RouteOrder.MethodMatches(route.HttpMethod, httpMethod) && template.TryBind(path, out var parameters))
            {
                match = new RouteMatch(route, parameters);
                return true;
            }
        }

        match = null;
        return false;
    }
}
