namespace AotAuth.Core;

/// <summary>
/// An HTTP API route key, <c>{VERB} {path}</c> such as <c>GET /user/{id}</c>, as the text a scope
/// is matched against for a simple response: <c>GET/user/\0</c>, each <c>{parameter}</c> (and the
/// verb <c>ANY</c>) replaced by <see cref="Utf8Wildcard.Placeholder"/>, which only a <c>*</c> matches.
/// </summary>
/// <remarks>
/// Why the route and not the request path: HTTP APIs cache a simple response for every request
/// with the same identity source values, so the answer may only depend on what the identity
/// source holds (the token and <c>$context.routeKey</c>). A scope therefore authorizes a route
/// only when it covers every request of that route: <c>GET /user/*</c> covers
/// <c>GET /user/{id}</c>, <c>GET /user/42</c> or <c>GET /user/??</c> do not. A route key
/// that is not <c>{VERB} /{path}</c> (<c>$default</c>) covers nothing here.
/// </remarks>
public static class RouteKey
{
    /// <summary>The longest route key read; longer ones are refused.</summary>
    public const int MaxLength = 512;

    /// <summary>Writes the template of <paramref name="routeKey"/>; false when it is not <c>{VERB} /{path}</c> or too long.</summary>
    public static bool TryWriteTemplate(ReadOnlySpan<byte> routeKey, Span<byte> destination, out int written)
    {
        written = 0;
        int space = routeKey.IndexOf((byte)' ');
        if (routeKey.Length > MaxLength || destination.Length < routeKey.Length || space <= 0
            || space + 1 >= routeKey.Length || routeKey[space + 1] != '/')
        {
            return false;
        }

        ReadOnlySpan<byte> verb = routeKey[..space];
        foreach (byte b in verb)
        {
            if (!char.IsAsciiLetterUpper((char)b))
            {
                return false;
            }
        }

        if (verb.SequenceEqual("ANY"u8))
        {
            destination[written++] = Utf8Wildcard.Placeholder;
        }
        else
        {
            verb.CopyTo(destination);
            written = verb.Length;
        }

        destination[written++] = (byte)'/';
        ReadOnlySpan<byte> path = routeKey[(space + 2)..];
        while (!path.IsEmpty)
        {
            int slash = path.IndexOf((byte)'/');
            ReadOnlySpan<byte> segment = slash < 0 ? path : path[..slash];
            if (PathTemplate.IsParameter(segment))
            {
                destination[written++] = Utf8Wildcard.Placeholder;
            }
            else if (segment.Contains(Utf8Wildcard.Placeholder))
            {
                return false;
            }
            else
            {
                segment.CopyTo(destination[written..]);
                written += segment.Length;
            }

            if (slash < 0)
            {
                break;
            }

            destination[written++] = (byte)'/';
            path = path[(slash + 1)..];
        }

        return true;
    }
}
