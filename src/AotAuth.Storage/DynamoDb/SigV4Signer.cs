using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Storage;

/// <summary>
/// AWS Signature Version 4 (header form). General over method, path, query, headers and payload,
/// with the rules DynamoDB's POST to "/" never exercises (path normalisation and the second URI
/// encoding of the path for every service but S3, query parameters encoded and sorted, a
/// parameter without a value as <c>name=</c>), checked against AWS's published SigV4 test suite.
/// Thread-safe: one instance is shared by all requests of a client.
/// </summary>
public sealed partial class SigV4Signer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    private readonly AwsCredentials _credentials;

    // The derived key depends only on date, region and service, so it changes once a day;
    // caching it saves four HMACs per request. Swapped as one immutable object, so readers
    // never see a date paired with another date's key.
    private volatile DerivedKey? _derivedKey;

    /// <summary>Creates a signer for one credential set, region and service.</summary>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The AWS region, e.g. us-east-1.</param>
    /// <param name="service">The signing name of the service, e.g. dynamodb.</param>
    public SigV4Signer(AwsCredentials credentials, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        _credentials = credentials;
        Region = region;
        Service = service;
    }

    /// <summary>The region in the credential scope.</summary>
    public string Region { get; }

    /// <summary>The service in the credential scope.</summary>
    public string Service { get; }

    /// <summary>The session token the signer signs (and a request must send), or null.</summary>
    internal string? SessionToken => _credentials.SessionToken;

    /// <summary>
    /// Signs a request. The signer adds x-amz-date (and x-amz-security-token when the credentials
    /// have a session token) to the signed headers; the caller must send both with the values
    /// returned, plus every header passed in, unchanged.
    /// </summary>
    /// <param name="method">The HTTP method, e.g. POST.</param>
    /// <param name="path">
    /// The absolute path as sent (its segments URI-encoded once), e.g. "/" or "/restapis/abc/stages/prod".
    /// For services other than S3 it is normalised (empty, "." and ".." segments removed) and
    /// URI-encoded again, as SigV4 specifies; S3 signs it as given.
    /// </param>
    /// <param name="query">
    /// The query string without "?", or empty. Each parameter is decoded and URI-encoded again
    /// (RFC 3986 unreserved characters kept), so raw and encoded forms sign alike; a parameter
    /// without "=" signs as <c>name=</c>; parameters are sorted by name, then value.
    /// </param>
    /// <param name="headers">The headers to sign; must include host. Names are case-insensitive.</param>
    /// <param name="payload">The exact request body bytes.</param>
    /// <param name="requestTime">The request time; AWS rejects requests more than 5 minutes off.</param>
    /// <returns>The header values to send and the intermediate strings.</returns>
    public SigV4Signature Sign(
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> payload,
        DateTimeOffset requestTime)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);

        var utc = requestTime.UtcDateTime;
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var dateStamp = amzDate[..8];

        var signedHeaderList = new List<KeyValuePair<string, string>>();
        foreach (var header in headers)
        {
            signedHeaderList.Add(new(header.Key.ToLowerInvariant(), NormalizeHeaderValue(header.Value)));
        }

        signedHeaderList.Add(new("x-amz-date", amzDate));
        if (_credentials.SessionToken is { } token)
        {
            signedHeaderList.Add(new("x-amz-security-token", token));
        }

        signedHeaderList.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var canonical = new StringBuilder(256);
        canonical.Append(method).Append('\n');
        canonical.Append(CanonicalPath(path, Service)).Append('\n');
        canonical.Append(CanonicalQuery(query)).Append('\n');
        for (var i = 0; i < signedHeaderList.Count; i++)
        {
            if (i > 0 && signedHeaderList[i].Key == signedHeaderList[i - 1].Key)
            {
                throw new ArgumentException("Each header may be given only once (x-amz-date is added by the signer).", nameof(headers));
            }

            canonical.Append(signedHeaderList[i].Key).Append(':').Append(signedHeaderList[i].Value).Append('\n');
        }

        canonical.Append('\n');
        var signedHeaders = string.Join(';', signedHeaderList.Select(static h => h.Key));
        canonical.Append(signedHeaders).Append('\n');
        canonical.Append(HexSha256(payload));
        var canonicalRequest = canonical.ToString();

        var scope = $"{dateStamp}/{Region}/{Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";
        var signature = Convert.ToHexStringLower(
            HMACSHA256.HashData(GetSigningKey(dateStamp), Encoding.UTF8.GetBytes(stringToSign)));
        var authorization =
            $"{Algorithm} Credential={_credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";

        return new SigV4Signature(authorization, amzDate, _credentials.SessionToken, canonicalRequest, stringToSign, signature);
    }

    /// <summary>Returns the signing key for a date (yyyyMMdd), derived once per date.</summary>
    internal byte[] GetSigningKey(string dateStamp) => GetSigningKey(dateStamp.AsSpan());

    /// <summary>As <see cref="GetSigningKey(string)"/>; allocates only when the date changes.</summary>
    internal byte[] GetSigningKey(ReadOnlySpan<char> dateStamp)
    {
        var cached = _derivedKey;
        if (cached is not null && dateStamp.SequenceEqual(cached.DateStamp))
        {
            return cached.Key;
        }

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + _credentials.SecretAccessKey), Encoding.UTF8.GetBytes(dateStamp.ToString()));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        _derivedKey = new DerivedKey(dateStamp.ToString(), key);
        return key;
    }

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// The canonical URI: for S3 the path as given; for every other service the path with empty,
    /// "." and ".." segments removed, then URI-encoded (so an escape already in it, "%20", becomes
    /// "%2520": the second encoding SigV4 asks for).
    /// </summary>
    internal static string CanonicalPath(string path, string service)
    {
        if (service == "s3" || path == "/")
        {
            return path;
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(UriEncode(segment));
        }

        if (segments.Count == 0)
        {
            return "/";
        }

        var trailingSlash = path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal);
        return "/" + string.Join('/', segments) + (trailingSlash ? "/" : string.Empty);
    }

    /// <summary>The canonical query string: each name and value decoded and encoded again, sorted by name then value.</summary>
    internal static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var parameters = new List<(string Name, string Value)>();
        foreach (var parameter in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? parameter : parameter[..eq];
            var value = eq < 0 ? string.Empty : parameter[(eq + 1)..];
            parameters.Add((UriEncode(Uri.UnescapeDataString(name)), UriEncode(Uri.UnescapeDataString(value))));
        }

        parameters.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', parameters.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>SigV4's URI encoding: every UTF-8 byte but A-Z, a-z, 0-9, '-', '_', '.' and '~' as %XX (upper-case hex).</summary>
    internal static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // SigV4 canonical header values: trimmed, with runs of spaces collapsed to one.
    private static string NormalizeHeaderValue(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed record DerivedKey(string DateStamp, byte[] Key);
}
