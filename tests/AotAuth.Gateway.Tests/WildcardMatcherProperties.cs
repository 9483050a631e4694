using AotAuth.Gateway;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Gateway.Tests;

/// <summary>
/// <see cref="WildcardMatcher"/> against IAM's rules written out as plainly as possible, over
/// small alphabets where the text itself holds <c>*</c>, <c>?</c> and <c>/</c> (a method ARN's
/// path may: they must be plain characters there, never wildcards).
/// </summary>
public class WildcardMatcherProperties
{
    private static readonly Gen<string> Pattern = StringOf(Gen.Elements('a', 'b', 'A', '/', '*', '?'), 8);
    private static readonly Gen<string> Text = StringOf(Gen.Elements('a', 'b', 'A', '/', '*', '?'), 10);

    [Property(MaxTest = 20_000)]
    public Property WildcardMatcher_AgreesWithTheReferenceDefinition() =>
        Prop.ForAll(Pattern.ToArbitrary(), Text.ToArbitrary(), (pattern, text) =>
            (WildcardMatcher.IsMatch(pattern, text) == Reference(pattern, text)).Label($"'{pattern}' vs '{text}'"));

    [Property(MaxTest = 5_000)]
    public Property WildcardMatcher_AgreesWithTheReference_WhenTheTextIsBuiltToMatch() =>
        // Random pairs rarely match; this fills each wildcard of a pattern with text that
        // may itself contain '*' and '?', so the matching side is exercised as much.
        Prop.ForAll(Pattern.ToArbitrary(), Gen.ListOf(Text, 8).ToArbitrary(), (pattern, fillers) =>
        {
            string text = Fill(pattern, fillers);
            return (Reference(pattern, text) && WildcardMatcher.IsMatch(pattern, text)).Label($"'{pattern}' vs '{text}'");
        });

    /// <summary>IAM's definition, recursively: <c>*</c> is any run (also empty), <c>?</c> exactly one character, anything else itself.</summary>
    private static bool Reference(string pattern, string text)
    {
        if (pattern.Length == 0)
        {
            return text.Length == 0;
        }

        if (pattern[0] == '*')
        {
            return Reference(pattern[1..], text) || (text.Length > 0 && Reference(pattern, text[1..]));
        }

        return text.Length > 0 && (pattern[0] == '?' || pattern[0] == text[0]) && Reference(pattern[1..], text[1..]);
    }

    private static string Fill(string pattern, List<string> fillers)
    {
        var text = new System.Text.StringBuilder();
        int next = 0;
        foreach (char c in pattern)
        {
            string filler = fillers[next++ % fillers.Count];
            _ = c switch
            {
                '*' => text.Append(filler),
                '?' => text.Append(filler.Length > 0 ? filler[0] : '?'),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static Gen<string> StringOf(Gen<char> chars, int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(chars, n)).Select(a => new string(a));
}
