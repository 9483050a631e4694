using System.Collections.Immutable;
using AotAuth.Core;

namespace AotAuth.Gateway;

/// <summary>
/// The order both route tables try routes in, as API Gateway chooses among several that match:
/// the most specific path first (<see cref="PathTemplate.CompareSpecificity"/>), and on one path
/// a route for the request's method before an <c>ANY</c> route.
/// </summary>
internal static class RouteOrder
{
    /// <summary>The method of a route that serves every method.</summary>
    public const string AnyMethod = "ANY";

    private static readonly Comparer<PathTemplate> BySpecificity = Comparer<PathTemplate>.Create(PathTemplate.CompareSpecificity);

    /// <summary>True when a route for <paramref name="routeMethod"/> serves a request with <paramref name="requestMethod"/>.</summary>
    public static bool MethodMatches(string routeMethod, string requestMethod) => routeMethod == requestMethod || routeMethod == AnyMethod;

    /// <summary><paramref name="routes"/> in the order to try them.</summary>
    public static ImmutableArray<(T Route, string HttpMethod, PathTemplate Template)> Sorted<T>(IEnumerable<(T Route, string HttpMethod, PathTemplate Template)> routes) =>
        [.. routes.OrderBy(r => r.Template, BySpecificity).ThenBy(r => r.HttpMethod == AnyMethod)];
}
