using System.Buffers;
using System.Security.Cryptography;
using System.Text;

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
        ReadOnlySpan<byte> date = amzDate[..AmzDateLength];
        ReadOnlySpan<byte> dateStamp = date[..8];
        string? token = _credentials.SessionToken;
        ReadOnlySpan<byte> signedHeaders = token is null
            ? "content-type;host;x-amz-date;x-amz-target"u8
            : "content-type;host;x-amz-date;x-amz-security-token;x-amz-target"u8;

        int canonicalLength = 192 + canonicalPath.Length + contentType.Length + host.Length + target.Length + (token?.Length ?? 0) * 3;
        byte[]? rented = canonicalLength > 1024 ? ArrayPool<byte>.Shared.Rent(canonicalLength) : null;
        Span<byte> canonical = rented ?? stackalloc byte[1024];
        int n = Put(canonical, 0, "POST\n"u8);
        n = Put(canonical, n, canonicalPath);
        n = Put(canonical, n, "\n\ncontent-type:"u8);
        n = Put(canonical, n, contentType);
        n = Put(canonical, n, "\nhost:"u8);
        n = Put(canonical, n, host);
        n = Put(canonical, n, "\nx-amz-date:"u8);
        n = Put(canonical, n, date);
        if (token is not null)
        {
            n = Put(canonical, n, "\nx-amz-security-token:"u8);
            n = Put(canonical, n, token);
        }

        n = Put(canonical, n, "\nx-amz-target:"u8);
        n = Put(canonical, n, target);
        n = Put(canonical, n, "\n\n"u8);
        n = Put(canonical, n, signedHeaders);
        n = Put(canonical, n, "\n"u8);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        n = Hex(canonical, n, hash);
        SHA256.HashData(canonical[..n], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        // String to sign: algorithm, date, scope, hex hash of the canonical request.
        Span<byte> scope = stackalloc byte[8 + Region.Length + Service.Length + 16];
        int m = Put(scope, 0, dateStamp);
        m = Put(scope, m, "/"u8);
        m = Put(scope, m, Region);
        m = Put(scope, m, "/"u8);
        m = Put(scope, m, Service);
        m = Put(scope, m, "/aws4_request"u8);
        scope = scope[..m];

        Span<byte> stringToSign = stackalloc byte[Algorithm.Length + AmzDateLength + scope.Length + 64 + 3];
        int k = Put(stringToSign, 0, Algorithm);
        k = Put(stringToSign, k, "\n"u8);
        k = Put(stringToSign, k, date);
        k = Put(stringToSign, k, "\n"u8);
        k = Put(stringToSign, k, scope);
        k = Put(stringToSign, k, "\n"u8);
        k = Hex(stringToSign, k, hash);

        Span<char> dateChars = stackalloc char[8];
        Encoding.ASCII.GetChars(dateStamp, dateChars);
        HMACSHA256.HashData(GetSigningKey(dateChars), stringToSign[..k], hash);

        int x = Put(authorization, 0, Algorithm);
        x = Put(authorization, x, " Credential="u8);
        x = Put(authorization, x, _credentials.AccessKeyId);
        x = Put(authorization, x, "/"u8);
        x = Put(authorization, x, scope);
        x = Put(authorization, x, ", SignedHeaders="u8);
        x = Put(authorization, x, signedHeaders);
        x = Put(authorization, x, ", Signature="u8);
        return Hex(authorization, x, hash);
    }

    private static int Put(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[at..]);
        return at + bytes.Length;
    }

    private static int Put(Span<byte> destination, int at, string text) => at + Encoding.UTF8.GetBytes(text, destination[at..]);

    private static int Hex(Span<byte> destination, int at, ReadOnlySpan<byte> bytes)
    {
        Convert.TryToHexStringLower(bytes, destination[at..], out int written);
        return at + written;
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
