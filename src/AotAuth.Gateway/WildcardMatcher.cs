namespace AotAuth.Gateway;

/// <summary>
/// IAM-style wildcard matching: <c>*</c> matches any run of characters (including <c>/</c>
/// and none), <c>?</c> exactly one, everything else itself; the whole text must match.
/// Only the pattern has wildcards: a <c>*</c> or <c>?</c> in the text (a method ARN's path
/// may hold them) is a plain character.
/// </summary>
/// <remarks>
/// The classic two-pointer algorithm with one backtrack point (the last <c>*</c>): when the
/// text stops matching, the last <c>*</c> takes one more character and matching resumes
/// after it. Going back to the last <c>*</c> only is enough, since whatever an earlier one
/// could take, the later one can take as well; so the work is at most pattern length times
/// text length, never exponential, whatever the authorizer puts in its policy. No regex is built.
/// </remarks>
public static class WildcardMatcher
{
    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="text"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool ignoreCase = false)
    {
        int p = 0, t = 0;
        int star = -1, starText = 0;
        while (t < text.Length)
        {
            // A pattern '*' is always a wildcard, even facing a '*' in the text: tested
            // first, so it is never consumed as a literal (which lost "a*" against "a*b").
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                starText = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++starText;
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

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
