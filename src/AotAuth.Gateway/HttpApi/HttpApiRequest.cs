using System.Collections.Immutable;

namespace AotAuth.Gateway;

/// <summary>
/// What an HTTP API knows of one request when it builds its payload 2.0 events: header names
/// lower-cased with repeated headers joined by commas (as payload 2.0 presents them), cookies
/// apart, the raw path and query string, and the body bytes.
/// </summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="RawPath">The path as sent (still percent-encoded), without the query.</param>
/// <param name="RawQueryString">The query string without <c>?</c> (empty when none).</param>
/// <param name="Headers">Headers by lower-case name; repeated headers joined with <c>,</c>; no <c>cookie</c>.</param>
/// <param name="Cookies">The request's cookies, one entry per cookie.</param>
/// <param name="Body">The body bytes (empty when none).</param>
/// <param name="SourceIp">The client's address.</param>
/// <param name="RequestId">The gateway's id of the request.</param>
/// <param name="Time">When the request arrived.</param>
public sealed record HttpApiRequest(
    string Method,
    string RawPath,
    string RawQueryString,
    ImmutableSortedDictionary<string, string> Headers,
    ImmutableArray<string> Cookies,
    ReadOnlyMemory<byte> Body,
    string SourceIp,
    string RequestId,
    DateTimeOffset Time)
{
    /// <summary>Builds the request from header pairs as a server reads them (any case, repeated names allowed).</summary>
    public static HttpApiRequest Create(
        string method, string rawPath, string rawQueryString, IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlyMemory<byte> body, string sourceIp, string requestId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var cookies = ImmutableArray.CreateBuilder<string>();
        foreach ((string name, string value) in headers)
        {
            string lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }

            if (!byName.TryGetValue(lower, out List<string>? values))
            {
                byName[lower] = values = [];
            }

            values.Add(value);
        }

        return new HttpApiRequest(
            method, rawPath, rawQueryString,
            byName.ToImmutableSortedDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.Ordinal),
            cookies.ToImmutable(), body, sourceIp, requestId, time);
    }

    /// <summary>The header's value (<paramref name="name"/> in any case), or null.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name.ToLowerInvariant());

    /// <summary>The query parameters, repeated names joined with <c>,</c> as payload 2.0 does.</summary>
    public ImmutableSortedDictionary<string, string> QueryParameters()
    {
        var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string pair in RawQueryString.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = QueryString.Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : QueryString.Decode(pair[(equals + 1)..]);
            if (!byName.TryGetValue(name, out List<string>? values))
            {
                byName[name] = values = [];
            }

            values.Add(value);
        }

        return byName.ToImmutableSortedDictionary(q => q.Key, q => string.Join(',', q.Value), StringComparer.Ordinal);
    }
}
