using System.Collections.Immutable;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A route matched by a <see cref="RouteTable{TRoute}"/>, with its URL-decoded path parameters.</summary>
/// <typeparam name="TRoute">The API kind's route (<see cref="RouteDefinition"/>, <see cref="HttpRouteDefinition"/>).</typeparam>
/// <param name="Route">The matched route.</param>
/// <param name="PathParameters">Path parameter values by name, URL-decoded.</param>
public sealed record RouteMatch<TRoute>(TRoute Route, ImmutableDictionary<string, string> PathParameters);

/// <summary>
/// Matches a request's method and path against an API's routes as API Gateway does, for both API
/// kinds, the most specific route first (<see cref="RouteOrder"/>): the method exactly or an
/// <c>ANY</c> route, the path by each route's <see cref="PathTemplate"/> (literal segments exactly,
/// a <c>{name}</c> one non-empty segment, a trailing slash a different path: <c>/user/</c> is not
/// <c>/user</c>), then the HTTP API's <c>$default</c> route if it has one. What no match is answered
/// with is the flavour's (REST: 403 MISSING_AUTHENTICATION_TOKEN, HTTP API: 404 Not Found).
/// </summary>
/// <typeparam name="TRoute">The API kind's route.</typeparam>
public sealed class RouteTable<TRoute>
    where TRoute : class
{
    private readonly ImmutableArray<(TRoute Route, string HttpMethod, PathTemplate Template)> _routes;
    private readonly TRoute? _fallback;

    /// <summary>A table over <paramref name="routes"/>, each with its method and path template, and the route for anything else.</summary>
    internal RouteTable(IEnumerable<(TRoute Route, string HttpMethod, PathTemplate Template)> routes, TRoute? fallback = null)
    {
        _routes = RouteOrder.Sorted(routes);
        _fallback = fallback;
    }

    /// <summary>
    /// Finds the route for <paramref name="httpMethod"/> and the raw (still percent-encoded)
    /// <paramref name="path"/>, without a query string. False when no route matches.
    /// </summary>
    public bool TryMatch(string httpMethod, string path, out RouteMatch<TRoute>? match)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        foreach (var (route, method, template) in _routes)
        {
            if (RouteOrder.MethodMatches(method, httpMethod) && template.TryBind(path, out var parameters))
            {
                match = new RouteMatch<TRoute>(route, parameters);
                return true;
            }
        }

        match = _fallback is null ? null : new RouteMatch<TRoute>(_fallback, ImmutableDictionary<string, string>.Empty);
        return match is not null;
    }
}

/// <summary>The route tables of the two API kinds.</summary>
public static class RouteTable
{
    /// <summary>A table over the routes of a REST API.</summary>
    public static RouteTable<RouteDefinition> For(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new(api.Routes.Select(r => (r, r.HttpMethod, r.Template)));
    }

    /// <summary>A table over the routes of an HTTP API, its <c>$default</c> route taking what no other route matches.</summary>
    public static RouteTable<HttpRouteDefinition> For(HttpApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return new(api.Routes.Where(r => !r.IsDefault).Select(r => (r, r.HttpMethod, PathTemplate.Parse(r.Path))), api.Routes.FirstOrDefault(r => r.IsDefault));
    }
}
