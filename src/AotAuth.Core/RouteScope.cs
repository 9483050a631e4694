using System.Text;

namespace AotAuth.Core;

/// <summary>
/// One route a token may call, written as in the token table: <c>PUT /user</c>,
/// <c>GET /user/*</c>, <c>* /*</c>. The verb is an HTTP method or <c>*</c>; the path
/// starts with <c>/</c> and may use IAM's <c>*</c> and <c>?</c> wildcards.
/// </summary>
public sealed class RouteScope
{
    private static readonly string[] Verbs = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "*"];

    private RouteScope(string text, byte[] verb, byte[] pathWithoutSlash)
    {
        Text = text;
        Utf8Verb = verb;
        Utf8Path = pathWithoutSlash;
        Utf8Route = (byte[])[.. verb, (byte)'/', .. pathWithoutSlash];
    }

    /// <summary>The scope as written, e.g. <c>GET /user/*</c>.</summary>
    public string Text { get; }

    /// <summary>The verb as UTF-8, ready to be copied into a resource ARN.</summary>
    public ReadOnlyMemory<byte> Utf8Verb { get; }

    /// <summary>The path without its leading slash, as UTF-8.</summary>
    public ReadOnlyMemory<byte> Utf8Path { get; }

    /// <summary><c>{VERB}/{path}</c> as UTF-8: the end of this scope's policy resource, after the stage.</summary>
    public ReadOnlyMemory<byte> Utf8Route { get; }

    /// <summary>
    /// True when this scope covers every request of the route whose <see cref="RouteKey"/> template
    /// is <paramref name="routeTemplate"/> on the API and stage of <paramref name="arn"/>: its Allow
    /// resource would match each of them in IAM's evaluation (and fits in a policy).
    /// </summary>
    public bool CoversRoute(scoped in MethodArn arn, ReadOnlySpan<byte> routeTemplate) =>
        PolicyResource.Fits(arn, this) && Utf8Wildcard.IsMatch(Utf8Route.Span, routeTemplate, placeholders: true);

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
        if (Array.IndexOf(Verbs, verb) < 0 || path.Length == 0 || path[0] != '/' || !IsPathPattern(path.AsSpan(1)))
        {
            return false;
        }

        scope = new RouteScope(text, Encoding.ASCII.GetBytes(verb), Encoding.ASCII.GetBytes(path[1..]));
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
