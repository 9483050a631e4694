using System.Collections.Immutable;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A route of an HTTP API matched by <see cref="HttpRouteTable"/>, with its URL-decoded path parameters.</summary>
/// <param name="Route">The matched route.</param>
/// <param name="PathParameters">Path parameter values by name, URL-decoded.</param>
public sealed record HttpRouteMatch(HttpRouteDefinition Route, ImmutableDictionary<string, string> PathParameters);

/// <summary>
/// Matches a request against an HTTP API's routes: the method exactly, the path segment by
/// segment as <see cref="RouteTable"/> does for REST (a <c>{name}</c> segment takes one non-empty
/// segment). No match is answered 404 <c>{"message":"Not Found"}</c> by the caller.
/// </summary>
public sealed class HttpRouteTable
{
    private readonly ImmutableArray<(HttpRouteDefinition Route, RouteTable Table)> _routes;

    /// <summary>A table over the routes of <paramref name="api"/>.</summary>
    public HttpRouteTable(HttpApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);

        // One single-route REST table per route: the same path matching, not written twice.
        _routes = [.. api.Routes.Select(r => (r, new RouteTable(SingleRoute(r))))];
    }

    /// <summary>The route for <paramref name="httpMethod"/> and the raw <paramref name="path"/>; false when none matches.</summary>
    public bool TryMatch(string httpMethod, string path, out HttpRouteMatch? match)
    {
        foreach (var (route, table) in _routes)
        {
            if (table.TryMatch(httpMethod, path, out RouteMatch? found))
            {
                match = new HttpRouteMatch(route, found!.PathParameters);
                return true;
            }
        }

        match = null;
        return false;
    }

    private static ApiDefinition SingleRoute(HttpRouteDefinition route) => new(
        StageName: "match",
        Authorizer: new AuthorizerDefinition("none", "none", "none", string.Empty, 0),
        Models: [],
        Routes: [new RouteDefinition(route.HttpMethod, route.Path, route.FunctionName, null, ValidateRequestBody: false, null, string.Empty, [])],
        GatewayResponses: []);
}
