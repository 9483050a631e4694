using System.Text;

namespace AotAuth.Core;

/// <summary>
/// One route a token may call, written as in the token table: <c>PUT /user</c>,
/// <c>GET /user/*</c>, <c>* /*</c>. The verb is one of API Gateway's methods or <c>*</c> (any of
/// them); the path starts with <c>/</c> and may use IAM's <c>*</c> and <c>?</c> wildcards.
/// </summary>
/// <remarks>
/// The meaning: a request is allowed when its method equals the verb (or the verb is <c>*</c>)
/// and its path matches the path as an IAM glob. The verb never reaches into the path: the
/// resource <c>*/user</c> would also match <c>GET/user/user</c>, because IAM's <c>*</c> crosses
/// <c>/</c>, so a <c>*</c> verb is written as one resource per method (<see cref="ResourceVerbs"/>).
/// Only <c>* /*</c> stays one resource: with a path of any text, the leak cannot widen it.
/// </remarks>
public sealed class RouteScope
{
    /// <summary>The methods API Gateway routes (REST and HTTP APIs): what a <c>*</c> verb stands for.</summary>
    public static IReadOnlyList<string> Methods => MethodNames;

    private static readonly string[] MethodNames = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    private static readonly ReadOnlyMemory<byte>[] MethodVerbs = [.. MethodNames.Select(m => (ReadOnlyMemory<byte>)Encoding.ASCII.GetBytes(m))];
    private static readonly int LongestMethod = MethodNames.Max(m => m.Length);
    private static readonly ReadOnlyMemory<byte> AnyVerb = "*"u8.ToArray();

    private readonly ReadOnlyMemory<byte>[] _resourceVerbs;

    private RouteScope(string text, ReadOnlyMemory<byte> verb, byte[] pathWithoutSlash)
    {
        Text = text;
        Utf8Verb = verb;
        Utf8Path = pathWithoutSlash;
        bool everyMethod = verb.Span.SequenceEqual("*"u8) && !pathWithoutSlash.AsSpan().SequenceEqual("*"u8);
        _resourceVerbs = everyMethod ? MethodVerbs : [verb];
        LongestResourceVerb = everyMethod ? LongestMethod : verb.Length;
    }

    /// <summary>The scope as written, e.g. <c>GET /user/*</c>.</summary>
    public string Text { get; }

    /// <summary>The verb as written, as UTF-8: a method or <c>*</c>.</summary>
    public ReadOnlyMemory<byte> Utf8Verb { get; }

    /// <summary>The path without its leading slash, as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Path { get; }

    /// <summary>
    /// The verbs of this scope's policy resources, <c>{stage}/{verb}/{path}</c>: the verb, or for a
    /// <c>*</c> verb every one of <see cref="Methods"/> (except in <c>* /*</c>).
    /// </summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> ResourceVerbs => _resourceVerbs;

    /// <summary>The length of the longest of <see cref="ResourceVerbs"/>: what decides whether the scope fits in a policy.</summary>
    public int LongestResourceVerb { get; }

    /// <summary>
    /// True when this scope covers every request of the route whose <see cref="RouteKey"/> template
    /// is <paramref name="routeTemplate"/> on the API and stage of <paramref name="arn"/>: its Allow
    /// resources would match each of them in IAM's evaluation (and fit in a policy).
    /// </summary>
    public bool CoversRoute(scoped in MethodArn arn, ReadOnlySpan<byte> routeTemplate)
    {
        int slash = routeTemplate.IndexOf((byte)'/');
        if (slash < 0 || !PolicyResource.Fits(arn, this))
        {
            return false;
        }

        // A route of any method (ANY, a placeholder in the template) is covered only by a * verb.
        ReadOnlySpan<byte> verb = Utf8Verb.Span;
        bool verbCovers = verb.SequenceEqual("*"u8) || verb.SequenceEqual(routeTemplate[..slash]);
        return verbCovers && Utf8Wildcard.IsMatch(Utf8Path.Span, routeTemplate[(slash + 1)..], placeholders: true);
    }

    /// <summary>Parses one scope; false (and no scope) for anything malformed.</summary>
    public static bool TryParse(string? text, out RouteScope? scope)
    {
        scope = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            return false;
        }

        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return false;
        }

        string verb = text[..space];
        string path = text[(space + 1)..];
        int method = Array.IndexOf(MethodNames, verb);
        if ((method < 0 && verb != "*") || path.Length == 0 || path[0] != '/' || !IsPathPattern(path.AsSpan(1)))
        {
            return false;
        }

        scope = new RouteScope(text, method < 0 ? AnyVerb : MethodVerbs[method], Encoding.ASCII.GetBytes(path[1..]));
        return true;
    }

    /// <summary>
    /// Path characters a scope may hold: the RFC 3986 unreserved set, <c>/</c>, and the
    /// IAM wildcards. No <c>:</c>, quotes, spaces or non-ASCII, so a scope can never
    /// step outside the API and stage its resource is built for.
    /// </summary>
    private static bool IsPathPattern(ReadOnlySpan<char> path)
    {
        foreach (char c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~' or '*' or '?' or '%'))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
