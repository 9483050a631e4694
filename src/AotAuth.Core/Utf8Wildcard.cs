using System.Buffers;
using System.Text;

namespace AotAuth.Core;

/// <summary>
/// IAM's wildcards, the one matcher of this repository: the authorizer decides a simple response
/// with it, and the local gateway evaluates a policy's actions and resources with it. <c>*</c>
/// matches any run of characters (<c>/</c> included, and none), <c>?</c> exactly one character (a
/// Unicode code point, as IAM counts characters, not bytes or UTF-16 units), anything else itself;
/// the whole text must match. Only the pattern has wildcards: a <c>*</c> or <c>?</c> in the text
/// (a method ARN's path may hold them) is a plain character.
/// </summary>
/// <remarks>
/// Two pointers and one backtrack point (the last <c>*</c>): when the text stops matching, the
/// last <c>*</c> takes one more character and matching resumes after it. Going back to the last
/// <c>*</c> only is enough, since whatever an earlier one could take, the later one can take as
/// well; so the work is at most pattern length times text length, never exponential, whatever an
/// authorizer puts in its policy. No regex is built.
/// </remarks>
public static class Utf8Wildcard
{
    /// <summary>
    /// The byte <see cref="RouteKey"/> puts where a route template has a parameter (or the verb
    /// <c>ANY</c>): no literal and no <c>?</c> matches it, only a <c>*</c>, so a pattern that
    /// matches the template matches every request the template stands for.
    /// </summary>
    public const byte Placeholder = 0;

    /// <summary>Texts up to this many UTF-8 bytes are matched from the stack.</summary>
    private const int StackBytes = 512;

    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="text"/>.</summary>
    /// <param name="pattern">The pattern, with <c>*</c> and <c>?</c>.</param>
    /// <param name="text">The text.</param>
    /// <param name="placeholders">True when <see cref="Placeholder"/> bytes in <paramref name="text"/> stand for any text.</param>
    /// <param name="ignoreCase">True to compare ASCII letters in any case (IAM action names); other characters always compare exactly.</param>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool placeholders = false, bool ignoreCase = false)
    {
        int p = 0, t = 0;
        int star = -1, starText = 0;
        while (t < text.Length)
        {
            // A pattern '*' is always a wildcard, even facing a '*' in the text: tested first, so
            // it is never consumed as a literal (which lost "a*" against "a*b").
            bool hidden = placeholders && text[t] == Placeholder;
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                starText = t;
            }
            else if (p < pattern.Length && pattern[p] == '?' && !hidden)
            {
                p++;
                t = NextCharacter(text, t);
            }
            else if (p < pattern.Length && !hidden && Same(pattern[p], text[t], ignoreCase))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                starText = NextCharacter(text, starText);
                t = starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// <see cref="IsMatch(ReadOnlySpan{byte}, ReadOnlySpan{byte}, bool, bool)"/> for strings, as
    /// they come from a parsed policy: both are matched as UTF-8.
    /// </summary>
    public static bool IsMatch(string pattern, string text, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int length = Encoding.UTF8.GetMaxByteCount(pattern.Length + text.Length);
        byte[]? rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackBytes];
        try
        {
            int patternBytes = Encoding.UTF8.GetBytes(pattern, buffer);
            int textBytes = Encoding.UTF8.GetBytes(text, buffer[patternBytes..]);
            return IsMatch(buffer[..patternBytes], buffer.Slice(patternBytes, textBytes), ignoreCase: ignoreCase);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // A pattern byte '?' reaching here faces a '?' in the text (the wildcard branch comes first).
    private static bool Same(byte pattern, byte text, bool ignoreCase) =>
        pattern == text || (ignoreCase && char.IsAsciiLetter((char)pattern) && (pattern | 0x20) == (text | 0x20));

    // The index after the character starting at i: skips UTF-8 continuation bytes (10xxxxxx).
    private static int NextCharacter(ReadOnlySpan<byte> text, int i)
    {
        i++;
        while (i < text.Length && (text[i] & 0xC0) == 0x80)
        {
            i++;
        }

        return i;
    }
}
