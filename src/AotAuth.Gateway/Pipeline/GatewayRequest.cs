namespace AotAuth.Gateway;

/// <summary>One request as a web server hands it to the gateway, before anything is interpreted.</summary>
/// <param name="Method">The HTTP method, as sent.</param>
/// <param name="RawTarget">The request target as sent (still percent-encoded), query included.</param>
/// <param name="Headers">Every header value, one pair per value, names in any case.</param>
/// <param name="Body">The body, read only when a flavour needs it (never before the route is known).</param>
/// <param name="ContentLength">The declared <c>Content-Length</c>, or null (none, or chunked).</param>
/// <param name="SourceIp">The client's address.</param>
public sealed record GatewayRequest(
    string Method,
    string RawTarget,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    Stream Body,
    long? ContentLength,
    string SourceIp);
