using System.Collections.Immutable;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>A route matched by <see cref="RouteTable"/>, with its URL-decoded path parameters.</summary>
/// <param name="Route">The matched route.</param>
/// <param name="PathParameters">Path parameter values by name, URL-decoded.</param>
public sealed record RouteMatch(RouteDefinition Route, ImmutableDictionary<string, string> PathParameters);

/// <summary>
/// Matches a request's method and path against the API's routes as API Gateway does:
/// literal segments compare exactly (case-sensitive), a <c>{name}</c> segment takes one
/// non-empty segment, and a trailing slash makes a different path (<c>/user/</c> is not
/// <c>/user</c>). No match, including a known path with another method, is answered with
/// MISSING_AUTHENTICATION_TOKEN (403) by the caller.
/// </summary>
public sealed class RouteTable
{
    private readonly ImmutableArray<(RouteDefinition Route, string[] Segments)> _routes;

    /// <summary>A table over the routes of <paramref name="api"/>.</summary>
    public RouteTable(ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        _routes = [.. api.Routes.Select(r => (r, Split(r.Path)))];
    }

    /// <summary>
    /// Finds the route for <paramref name="httpMethod"/> and the raw (still percent-encoded)
    /// <paramref name="path"/>, without a query string. False when no route matches.
    /// </summary>
    public bool TryMatch(string httpMethod, string path, out RouteMatch? match)
    {
        ArgumentNullException.ThrowIfNull(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        match = null;
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        string[] segments = Split(path);
        foreach (var (route, template) in _routes)
        {
            if (route.HttpMethod == httpMethod && TryBind(template, segments, out var parameters))
            {
                match = new RouteMatch(route, parameters);
                return true;
            }
        }

        return false;
    }

    private static bool TryBind(string[] template, string[] segments, out ImmutableDictionary<string, string> parameters)
    {
        parameters = ImmutableDictionary<string, string>.Empty;
        if (template.Length != segments.Length)
        {
            return false;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < template.Length; i++)
        {
            string expected = template[i];
            string actual;
            try
            {
                actual = Uri.UnescapeDataString(segments[i]);
            }
            catch (UriFormatException)
            {
                return false;
            }

            if (expected.Length > 2 && expected[0] == '{' && expected[^1] == '}')
            {
                if (actual.Length == 0)
                {
                    return false;
                }

                builder[expected[1..^1]] = actual;
            }
            else if (expected != actual)
            {
                return false;
            }
        }

        parameters = builder.ToImmutable();
        return true;
    }

    /// <summary>Segments after the leading slash; <c>/</c> is one empty segment, <c>/user/</c> ends with one.</summary>
    private static string[] Split(string path) => path[1..].Split('/');
}
