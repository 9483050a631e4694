using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace AotAuth.Storage;

// The signature of a JSON-protocol POST (DynamoDB's every request) computed in place: the same
// canonical request, string to sign and signature as Sign gives for the headers content-type,
// host, x-amz-target (and the x-amz-date and x-amz-security-token it adds), but written as
// bytes into stack or pooled buffers, with no string built per request. The functions' client
// sends with it; SigV4SignerJsonPostTests holds it equal to Sign.
public sealed partial class SigV4Signer
{
    /// <summary>The length of an x-amz-date value (yyyyMMddTHHmmssZ).</summary>
    internal const int AmzDateLength = 16;

    /// <summary>The longest Authorization value <see cref="SignJsonPost"/> writes for these credentials.</summary>
    internal int MaxJsonPostAuthorizationLength =>
        Algorithm.Length + 64 + _credentials.AccessKeyId.Length + Region.Length + Service.Length + 128;

    /// <summary>
    /// Signs <c>POST canonicalPath</c> with no query and the headers content-type, host,
    /// x-amz-date, x-amz-target (and x-amz-security-token when the credentials have one). Writes
    /// the x-amz-date value into <paramref name="amzDate"/> (16 bytes) and the Authorization
    /// value into <paramref name="authorization"/>; returns its length.
    /// </summary>
    /// <param name="canonicalPath">The canonical URI (<see cref="CanonicalPath"/> of the path).</param>
    /// <param name="contentType">The Content-Type value as sent (no surrounding or repeated spaces).</param>
    /// <param name="host">The Host value as sent.</param>
    /// <param name="target">The X-Amz-Target value as sent.</param>
    /// <param name="payload">The body.</param>
    /// <param name="utc">The request time (UTC).</param>
    /// <param name="amzDate">Receives the x-amz-date value.</param>
    /// <param name="authorization">Receives the Authorization value (at least <see cref="MaxJsonPostAuthorizationLength"/> bytes).</param>
    internal int SignJsonPost(
        string canonicalPath, string contentType, string host, string target, ReadOnlySpan<byte> payload, DateTime utc, Span<byte> amzDate, Span<byte> authorization)
    {
        WriteAmzDate(utc, amzDate);
        Span<char> dateChars = stackalloc char[AmzDateLength];
        Encoding.ASCII.GetChars(amzDate[..AmzDateLength], dateChars);
        ReadOnlySpan<char> date = dateChars;
        ReadOnlySpan<char> dateStamp = date[..8];
        string? token = _credentials.SessionToken;
        string signedHeaders = token is null
            ? "content-type;host;x-amz-date;x-amz-target"
            : "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";
        Span<byte> hash = stackalloc byte[32];
        Span<char> hex = stackalloc char[64];

        // Canonical request: method, path, no query, the headers in order, the signed headers, the payload's hash.
        SHA256.HashData(payload, hash);
        Convert.TryToHexStringLower(hash, hex, out _);
        int canonicalLength = 192 + canonicalPath.Length + contentType.Length + host.Length + target.Length + (token?.Length ?? 0) * 3;
        byte[]? rented = canonicalLength > 1024 ? ArrayPool<byte>.Shared.Rent(canonicalLength) : null;
        Span<byte> canonical = rented ?? stackalloc byte[1024];
        bool fits = Utf8.TryWrite(canonical, $"POST\n{canonicalPath}\n\ncontent-type:{contentType}\nhost:{host}\nx-amz-date:{date}\n", out int n);
        if (token is not null)
        {
            fits &= Utf8.TryWrite(canonical[n..], $"x-amz-security-token:{token}\n", out int written);
            n += written;
        }

        fits &= Utf8.TryWrite(canonical[n..], $"x-amz-target:{target}\n\n{signedHeaders}\n{(ReadOnlySpan<char>)hex}", out int rest);
        SHA256.HashData(canonical[..(n + rest)], hash);
        Convert.TryToHexStringLower(hash, hex, out _);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        // String to sign: algorithm, date, scope, the canonical request's hash; signed with the day's key.
        Span<char> scopeChars = stackalloc char[8 + Region.Length + Service.Length + 16];
        fits &= scopeChars.TryWrite($"{dateStamp}/{Region}/{Service}/aws4_request", out int scopeLength);
        ReadOnlySpan<char> scope = scopeChars[..scopeLength];
        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + AmzDateLength + scope.Length + 64 + 3];
        fits &= Utf8.TryWrite(stringToSign, $"{Algorithm}\n{date}\n{scope}\n{(ReadOnlySpan<char>)hex}", out int k);
        HMACSHA256.HashData(GetSigningKey(dateStamp), stringToSign[..k], hash);
        Convert.TryToHexStringLower(hash, hex, out _);

        fits &= Utf8.TryWrite(
            authorization, $"{Algorithm} Credential={_credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={(ReadOnlySpan<char>)hex}", out int length);
        return fits ? length : throw new InvalidOperationException("A SigV4 buffer was too small for the request.");
    }

    // yyyyMMddTHHmmssZ without a format string.
    private static void WriteAmzDate(DateTime utc, Span<byte> destination)
    {
        Two(destination, 0, utc.Year / 100);
        Two(destination, 2, utc.Year % 100);
        Two(destination, 4, utc.Month);
        Two(destination, 6, utc.Day);
        destination[8] = (byte)'T';
        Two(destination, 9, utc.Hour);
        Two(destination, 11, utc.Minute);
        Two(destination, 13, utc.Second);
        destination[15] = (byte)'Z';

        static void Two(Span<byte> d, int at, int value)
        {
            d[at] = (byte)('0' + (value / 10));
            d[at + 1] = (byte)('0' + (value % 10));
        }
    }
}
