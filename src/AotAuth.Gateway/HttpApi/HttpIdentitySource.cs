using System.Collections.Immutable;
using AotAuth.Core.Api;

namespace AotAuth.Gateway;

/// <summary>
/// An HTTP API authorizer's identity source: the selection expressions whose values must all be
/// present and non-empty before the authorizer is invoked (otherwise 401 without invoking it),
/// and which together are the key of the authorizer result cache.
/// </summary>
/// <remarks>
/// Supported here: <c>$request.header.{name}</c> (names case-insensitive) and
/// <c>$context.routeKey</c>, what the API definition uses. Another expression is refused when the
/// gateway starts, not guessed at.
/// </remarks>
public sealed class HttpIdentitySource
{
    private const string HeaderPrefix = "$request.header.";
    private const string RouteKeyExpression = "$context.routeKey";
    private readonly ImmutableArray<string> _expressions;

    /// <summary>Checks <paramref name="expressions"/>; throws for one this gateway cannot evaluate.</summary>
    public HttpIdentitySource(ImmutableArray<string> expressions)
    {
        foreach (string expression in expressions)
        {
            if (!(expression == RouteKeyExpression || (expression.StartsWith(HeaderPrefix, StringComparison.Ordinal) && expression.Length > HeaderPrefix.Length)))
            {
                throw new ArgumentException($"identity source '{expression}' is not supported by the local gateway", nameof(expressions));
            }
        }

        _expressions = expressions;
    }

    /// <summary>
    /// The values in order, or false when one is missing or empty (401, no invocation). With no
    /// expressions at all there is nothing to check and nothing to cache by: an empty list.
    /// </summary>
    public bool TryResolve(HttpApiRequest request, RouteMatch<HttpRouteDefinition> match, out ImmutableArray<string> values)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(match);
        var builder = ImmutableArray.CreateBuilder<string>(_expressions.Length);
        foreach (string expression in _expressions)
        {
            string? value = expression == RouteKeyExpression ? match.Route.RouteKey : request.Header(expression[HeaderPrefix.Length..]);
            if (string.IsNullOrEmpty(value))
            {
                values = [];
                return false;
            }

            builder.Add(value);
        }

        values = builder.MoveToImmutable();
        return true;
    }

    /// <summary>The result cache key of <paramref name="values"/> (length-prefixed, so values cannot run into each other).</summary>
    public static string CacheKey(ImmutableArray<string> values) =>
        string.Concat(values.Select(v => v.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + v));
}
