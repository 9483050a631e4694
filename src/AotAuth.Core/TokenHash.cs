using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AotAuth.Core;

/// <summary>
/// The SHA-256 of a token: the only form in which a token is stored, cached or
/// logged (as a short prefix). Tokens are 32 random alphanumerics (~190 bits), so an
/// unsalted fast hash is enough: there is nothing to brute-force.
/// </summary>
public readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
{
    /// <summary>Length of the lowercase hex form.</summary>
    public const int HexLength = 64;

    /// <summary>Hashes the UTF-8 bytes of a token without allocating.</summary>
    public static TokenHash Compute(ReadOnlySpan<byte> token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(token, digest);
        return new TokenHash(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
    }

    /// <summary>Hashes a token given as text.</summary>
    public static TokenHash Compute(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(token.Length, 256))];
        return token.Length <= 256
            ? Compute(utf8[..Encoding.UTF8.GetBytes(token, utf8)])
            : Compute(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Parses the 64-character hex form (either case).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out TokenHash hash)
    {
        hash = default;
        if (hex.Length != HexLength)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, digest, out _, out int written) != System.Buffers.OperationStatus.Done || written != digest.Length)
        {
            return false;
        }

        hash = new TokenHash(
            BinaryPrimitives.ReadUInt64BigEndian(digest),
            BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));
        return true;
    }

    /// <summary>The lowercase hex form, as stored in the token table's key.</summary>
    public string ToHex() => string.Create(HexLength, this, static (chars, h) =>
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        BinaryPrimitives.WriteUInt64BigEndian(digest, h.A);
        BinaryPrimitives.WriteUInt64BigEndian(digest[8..], h.B);
        BinaryPrimitives.WriteUInt64BigEndian(digest[16..], h.C);
        BinaryPrimitives.WriteUInt64BigEndian(digest[24..], h.D);
        Convert.TryToHexStringLower(digest, chars, out _);
    });

    /// <summary>The first 8 hex characters: enough to tell tokens apart in a log, useless to an attacker.</summary>
    public string ToLogPrefix() => ToHex()[..8];

    /// <summary>Writes the 8-character log prefix into <paramref name="destination"/> without allocating.</summary>
    public void FormatLogPrefix(Span<char> destination) =>
        ((uint)(A >> 32)).TryFormat(destination, out _, "x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => ToLogPrefix();
}
