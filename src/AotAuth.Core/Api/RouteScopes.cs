namespace AotAuth.Core.Api;

/// <summary>
/// Which routes of an API a token scope reaches, by the scope's meaning (<see cref="RouteScope"/>):
/// the request's method equals the verb (or the verb is <c>*</c>, or the route's method is
/// <c>ANY</c>), and its path matches the path as an IAM glob (<c>*</c> any characters, <c>/</c>
/// included; <c>?</c> one character), where a path parameter is one non-empty segment. A scope
/// that reaches no route allows nothing.
/// </summary>
public static class RouteScopes
{
    /// <summary>The scope that allows exactly <paramref name="route"/>: <c>GET /user/{id}</c> gives <c>GET /user/*</c>.</summary>
    public static string ScopeOf(RouteDefinition route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return ScopeOf(route.HttpMethod, route.Path);
    }

    /// <summary>
    /// The scope that allows exactly the route <paramref name="httpMethod"/> <paramref name="path"/>
    /// of any API: each <c>{parameter}</c> (or greedy <c>{proxy+}</c>) segment becomes <c>*</c>, and
    /// the method <c>ANY</c> becomes the verb <c>*</c>.
    /// </summary>
    public static string ScopeOf(string httpMethod, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/').Select(s => s.Length > 2 && s[0] == '{' && s[^1] == '}' ? "*" : s);
        return (httpMethod == AnyMethod ? "*" : httpMethod) + " " + string.Join('/', segments);
    }

    /// <summary>The routes of <paramref name="api"/> some request to which <paramref name="scope"/> allows.</summary>
    /// <param name="scope">A well-formed scope (<see cref="RouteScope.TryParse"/>).</param>
    /// <param name="api">The API.</param>
    public static IReadOnlyList<RouteDefinition> Reached(string scope, ApiDefinition api)
    {
        ArgumentNullException.ThrowIfNull(api);
        return Reached(scope, api.Routes, r => (r.HttpMethod, r.Path));
    }

    /// <summary>
    /// The routes among <paramref name="routes"/> (of any API, e.g. read from a CloudFormation
    /// template) some request to which <paramref name="scope"/> allows. A route with the method
    /// <c>ANY</c> answers every verb, so any verb reaches it.
    /// </summary>
    /// <param name="scope">A well-formed scope (<see cref="RouteScope.TryParse"/>).</param>
    /// <param name="routes">The routes.</param>
    /// <param name="route">A route's method and resource path (<c>/orders/{id}</c>).</param>
    public static IReadOnlyList<T> Reached<T>(string scope, IEnumerable<T> routes, Func<T, (string HttpMethod, string Path)> route)
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

    /// <summary>The method of an API Gateway route that answers every verb.</summary>
    public const string AnyMethod = "ANY";

    /// <summary>
    /// True when some path matches both the IAM pattern <paramref name="pattern"/> and the route
    /// template <paramref name="template"/>: a search over pairs of positions in the two, where
    /// <c>*</c> and the tail of a <c>{parameter}</c> may repeat and every step consumes one
    /// character both accept.
    /// </summary>
    internal static bool CanMatch(string pattern, string template)
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

            if (j < right.Length && right[j].Kind == Kind.SegmentRun)
            {
                pending.Push((i, j + 1));
            }

            // Or both consume one character they both accept (a run stays where it is).
            if (i < left.Length && j < right.Length && Overlap(left[i], right[j]))
            {
                pending.Push((left[i].Kind == Kind.AnyRun ? i : i + 1, right[j].Kind == Kind.SegmentRun ? j : j + 1));
            }
        }

        return false;
    }

    /// <summary>A template as tokens: <c>{name}</c> is one non-slash character followed by a run of them.</summary>
    private static Token[] TemplateTokens(string template)
    {
        var tokens = new List<Token>();
        for (int k = 0; k < template.Length; k++)
        {
            int close = template[k] == '{' ? template.IndexOf('}', k) : -1;
            if (close > k + 1)
            {
                tokens.Add(new Token(Kind.SegmentOne, '\0'));
                tokens.Add(new Token(Kind.SegmentRun, '\0'));
                k = close;
            }
            else
            {
                tokens.Add(new Token(Kind.Literal, template[k]));
            }
        }

        return [.. tokens];
    }

    private static bool Overlap(Token a, Token b) => (a.Kind, b.Kind) switch
    {
        (Kind.Literal, Kind.Literal) => a.Char == b.Char,
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
    }

    private readonly record struct Token(Kind Kind, char Char);
}
