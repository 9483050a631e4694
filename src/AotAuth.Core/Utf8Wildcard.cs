namespace AotAuth.Core;

/// <summary>
/// IAM's resource wildcards over UTF-8 bytes: <c>*</c> matches any run of characters
/// (<c>/</c> included, and none), <c>?</c> exactly one character, anything else itself; the
/// whole text must match. Only the pattern has wildcards. What the local gateway's
/// <c>WildcardMatcher</c> does for a policy, without turning bytes into a string, so the
/// authorizer can decide a simple response the way API Gateway would evaluate its policy.
/// </summary>
/// <remarks>
/// Two pointers and one backtrack point (the last <c>*</c>): at most pattern length times
/// text length steps, never exponential. <c>?</c> takes one whole UTF-8 sequence, as IAM
/// counts characters, not bytes.
/// </remarks>
public static class Utf8Wildcard
{
    /// <summary>
    /// The byte <see cref="RouteKey"/> puts where a route template has a parameter (or the verb
    /// <c>ANY</c>): no literal and no <c>?</c> matches it, only a <c>*</c>, so a pattern that
    /// matches the template matches every request the template stands for.
    /// </summary>
    public const byte Placeholder = 0;

    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="text"/>.</summary>
    /// <param name="pattern">The pattern, with <c>*</c> and <c>?</c>.</param>
    /// <param name="text">The text.</param>
    /// <param name="placeholders">True when <see cref="Placeholder"/> bytes in <paramref name="text"/> stand for any text.</param>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool placeholders = false)
    {
        int p = 0, t = 0;
        int star = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                starText = t;
            }
            else if (p < pattern.Length && pattern[p] == '?' && !(placeholders && text[t] == Placeholder))
            {
                p++;
                t = NextCharacter(text, t);
            }
            else if (p < pattern.Length && pattern[p] == text[t] && pattern[p] != '?' && !(placeholders && text[t] == Placeholder))
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
