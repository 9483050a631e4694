namespace AotAuth.Core.Api;

/// <summary>
/// Which routes of an API a token scope reaches, by the scope's meaning (<see cref="RouteScope"/>):
/// the request's method equals the verb (or the verb is <c>*</c>, or the route's method is
/// <c>ANY</c>), and its path matches the path as an IAM glob (<c>*</c> any characters, <c>/</c>
/// included; <c>?</c> one character), where a path parameter is one non-empty segment and a
/// greedy <c>{proxy+}</c> one or more. A scope that reaches no route allows nothing.
/// </summary>
public static class RouteScopes
{
    /// <summary>The method of an API Gateway route that answers every verb.</summary>
    public const string AnyMethod = "ANY";

    /// <summary>
    /// The scope that allows exactly <paramref name="route"/>: <c>GET /user/{id}</c> gives
    /// <c>GET /user/*</c>; a route of any method (<c>ANY</c>) gets the verb <c>*</c>.
    /// </summary>
    public static string ScopeOf(RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return ScopeOf(route.HttpMethod, route.Template);
    }

    /// <summary>The scope that allows exactly the route <paramref name="httpMethod"/> <paramref name="template"/> of any API.</summary>
    public static string ScopeOf(string httpMethod, PathTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return (httpMethod == AnyMethod ? "*" : httpMethod) + " " + template.ScopePath();
    }

    /// <summary>The routes of <paramref name="api"/> some request to which <paramref name="scope"/> allows.</summary>
    /// <param name="scope">A well-formed scope (<see cref="RouteScope.TryParse"/>).</param>
    /// <param name="api">The API.</param>
    public static IReadOnlyList<RouteDefinition> Reached(string scope, ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Reached(scope, api.Routes, r => (r.HttpMethod, r.Template));
    }

    /// <summary>
    /// The routes among <paramref name="routes"/> (of any API, e.g. read from a CloudFormation
    /// template) some request to which <paramref name="scope"/> allows.
    /// </summary>
    /// <param name="scope">A well-formed scope (<see cref="RouteScope.TryParse"/>).</param>
    /// <param name="routes">The routes.</param>
    /// <param name="route">A route's method and resource path.</param>
    public static IReadOnlyList<T> Reached<T>(string scope, IEnumerable<T> routes, Func<T, (string HttpMethod, PathTemplate Path)> route)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(route);
        if (!RouteScope.TryParse(scope, out _))
        {
            return [];
        }

        int space = scope.IndexOf(' ', StringComparison.Ordinal);
        string verb = scope[..space];
        string path = scope[(space + 1)..];
        return [.. routes.Where(r => route(r) is var (method, template) && (verb == "*" || verb == method || method == AnyMethod) && CanMatch(path, template))];
    }

    /// <summary>
    /// True when some path matches both the IAM pattern <paramref name="pattern"/> and the route
    /// template <paramref name="template"/>: a search over pairs of positions in the two, where
    /// <c>*</c> and the tail of a <c>{parameter}</c> may repeat and every step consumes one
    /// character both accept.
    /// </summary>
    internal static bool CanMatch(string pattern, PathTemplate template)
    {
        Token[] left = [.. pattern.Select(c => c switch { '*' => new Token(Kind.AnyRun, c), '?' => new Token(Kind.AnyOne, c), _ => new Token(Kind.Literal, c) })];
        Token[] right = TemplateTokens(template);
        var seen = new HashSet<(int, int)>();
        var pending = new Stack<(int I, int J)>();
        pending.Push((0, 0));
        while (pending.Count > 0)
        {
            (int i, int j) = pending.Pop();
            if (!seen.Add((i, j)))
            {
                continue;
            }

            if (i == left.Length && j == right.Length)
            {
                return true;
            }

            // A run may end without consuming anything.
            if (i < left.Length && left[i].Kind == Kind.AnyRun)
            {
                pending.Push((i + 1, j));
            }

            if (j < right.Length && right[j].Kind is Kind.SegmentRun or Kind.GreedyRun)
            {
                pending.Push((i, j + 1));
            }

            // Or both consume one character they both accept (a run stays where it is).
            if (i < left.Length && j < right.Length && Overlap(left[i], right[j]))
            {
                pending.Push((left[i].Kind == Kind.AnyRun ? i : i + 1, right[j].Kind is Kind.SegmentRun or Kind.GreedyRun ? j : j + 1));
            }
        }

        return false;
    }

    /// <summary>
    /// A template as tokens: <c>{name}</c> is one non-slash character followed by a run of them;
    /// <c>{name+}</c> one non-slash character followed by a run of any (one or more segments).
    /// </summary>
    private static Token[] TemplateTokens(PathTemplate template)
    {
        var tokens = new List<Token>();
        foreach (PathSegment segment in template.Segments)
        {
            tokens.Add(new Token(Kind.Literal, '/'));
            switch (segment.Kind)
            {
                case PathSegmentKind.Literal:
                    tokens.AddRange(segment.Text.Select(c => new Token(Kind.Literal, c)));
                    break;
                case PathSegmentKind.Parameter:
                    tokens.Add(new Token(Kind.SegmentOne, '\0'));
                    tokens.Add(new Token(Kind.SegmentRun, '\0'));
                    break;
                default:
                    tokens.Add(new Token(Kind.SegmentOne, '\0'));
                    tokens.Add(new Token(Kind.GreedyRun, '\0'));
                    break;
            }
        }

        return [.. tokens];
    }

    private static bool Overlap(Token a, Token b) => (a.Kind, b.Kind) switch
    {
        (Kind.Literal, Kind.Literal) => a.Char == b.Char,
        (Kind.Literal, Kind.GreedyRun) => true,
        (Kind.Literal, _) => a.Char != '/',
        _ => true, // * and ? accept any character, a segment any but '/': they share many.
    };

    private enum Kind
    {
        Literal,
        AnyOne,
        AnyRun,
        SegmentOne,
        SegmentRun,
        GreedyRun,
    }

    private readonly record struct Token(Kind Kind, char Char);
}
