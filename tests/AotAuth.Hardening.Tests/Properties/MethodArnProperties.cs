using System.Text;
using System.Text.RegularExpressions;
using AotAuth.Core;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>
/// MethodArn.TryParse against a regular expression written from the documented format: strict
/// from the partition to the stage (they go into every policy resource), any characters in the
/// path (API Gateway sends whatever the request's path holds; it is never copied into a policy).
/// </summary>
public sealed partial class MethodArnProperties
{
    private static readonly Gen<string> AnyArn = Gen.Frequency(
        (3, ArnGenerators.ValidArn),
        (5, ArnGenerators.PoisonedArn),
        (1, EventGenerators.StringOf(EventGenerators.NastyChar, 0, 60)),
        (1, ArnGenerators.ValidArn.SelectMany(a => Gen.Choose(0, a.Length).Select(n => a[..n]))));

    [GeneratedRegex(@"\Aarn:([a-z-]+):execute-api:([a-z0-9-]+):([0-9]{12}):([A-Za-z0-9]+)/([A-Za-z0-9_-]+)/([A-Z]+)/(.*)\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Reference();

    [Property(MaxTest = 3000)]
    public Property TryParse_AcceptsExactlyWhatTheReferenceExpressionAccepts_AndReturnsTheSameParts() =>
        Prop.ForAll(AnyArn.ToArbitrary(), text =>
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            Match expected = Reference().Match(text);
            bool expectedOk = expected.Success && utf8.Length <= MethodArn.MaxLength;
            if (!MethodArn.TryParse(utf8, out MethodArn arn))
            {
                return (!expectedOk).Label("refused a well-formed ARN: " + text);
            }

            string[] parts = [S(arn.Partition), S(arn.Region), S(arn.Account), S(arn.ApiId), S(arn.Stage), S(arn.Verb), S(arn.Path)];
            bool same = expectedOk && parts.SequenceEqual(Enumerable.Range(1, 7).Select(i => expected.Groups[i].Value));
            return same.Label("accepted or split differently from the reference: " + text);
        });

    [Property(MaxTest = 2000)]
    public Property PoisonedRegionAccountApiOrStage_IsAlwaysRefused() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), ArnGenerators.Poison.Where(p => p is not ("A" or "..")).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (parts, poison, which) =>
        {
            string text = parts.With(which, s => s + poison).ToString();
            bool acceptedPoison = MethodArn.TryParse(Encoding.UTF8.GetBytes(text), out _) && !(which == 1 && poison == "-");
            return (!acceptedPoison).Label(text);
        });

    private static string S(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}
