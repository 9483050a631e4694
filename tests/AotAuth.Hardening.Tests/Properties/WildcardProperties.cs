using System.Text;
using AotAuth.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>
/// The one IAM wildcard matcher (<see cref="Utf8Wildcard"/>, used by the authorizer and the
/// gateway's policy evaluation) against the one reference (<see cref="Reference.WildcardMatch"/>),
/// over small alphabets where the text itself holds <c>*</c>, <c>?</c> and <c>/</c> (a method
/// ARN's path may: they are plain characters there) and characters of two, three and four UTF-8
/// bytes (a <c>?</c> takes one whole code point).
/// </summary>
public sealed class WildcardProperties
{
    private static readonly Gen<string> Piece = Gen.Elements("a", "b", "A", "/", "*", "?", ".", "é", "✓", "😀");
    private static readonly Gen<string> Pattern = StringOf(Piece, 8);
    private static readonly Gen<string> Text = StringOf(Piece, 10);

    [Property(MaxTest = 20_000)]
    public Property Matcher_AgreesWithTheReference() =>
        Prop.ForAll(Pattern.ToArbitrary(), Text.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (pattern, text, ignoreCase) =>
            (Utf8Wildcard.IsMatch(pattern, text, ignoreCase) == Reference.WildcardMatch(pattern, text, ignoreCase)).Label($"'{pattern}' vs '{text}' ({ignoreCase})"));

    [Property(MaxTest = 5_000)]
    public Property Matcher_AgreesWithTheReference_WhenTheTextIsBuiltToMatch() =>
        // Random pairs rarely match; this fills each wildcard of a pattern with text that may
        // itself hold '*' and '?', so the matching side is exercised as much.
        Prop.ForAll(Pattern.ToArbitrary(), Gen.ListOf(Text, 8).ToArbitrary(), (pattern, fillers) =>
        {
            string text = Fill(pattern, fillers);
            return (Reference.WildcardMatch(pattern, text) && Utf8Wildcard.IsMatch(pattern, text)).Label($"'{pattern}' vs '{text}'");
        });

    [Property(MaxTest = 5_000)]
    public Property BytesAndStrings_AreOneMatcher() =>
        Prop.ForAll(Pattern.ToArbitrary(), Text.ToArbitrary(), (pattern, text) =>
            Utf8Wildcard.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text)) == Utf8Wildcard.IsMatch(pattern, text));

    private static Gen<string> StringOf(Gen<string> piece, int maxPieces) =>
        Gen.Choose(0, maxPieces).SelectMany(n => Gen.ListOf(piece, n)).Select(pieces => string.Concat(pieces));

    /// <summary>The pattern with each <c>*</c> replaced by a filler and each <c>?</c> by one code point of one.</summary>
    private static string Fill(string pattern, List<string> fillers)
    {
        var text = new StringBuilder();
        int next = 0;
        for (int i = 0; i < pattern.Length; i++)
        {
            string filler = fillers[next++ % fillers.Count];
            if (pattern[i] == '*')
            {
                text.Append(filler);
            }
            else if (pattern[i] == '?')
            {
                text.Append(filler.Length == 0 ? "x" : char.IsHighSurrogate(filler[0]) ? filler[..2] : filler[..1]);
            }
            else
            {
                text.Append(pattern[i]);
            }
        }

        return text.ToString();
    }
}
