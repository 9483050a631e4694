using System.Security.Cryptography;

namespace AotAuth.Cli.Tokens;

/// <summary>New tokens: 32 letters and digits from a cryptographic generator (~190 bits).</summary>
internal static class TokenGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh token; <see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, int)"/> draws without modulo bias.</summary>
    public static string Create() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Core.TokenFormat.MaxLength));
}
