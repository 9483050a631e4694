using System.Text;
using AotAuth.Core;
using AotAuth.Gateway;
using AotAuth.Hardening.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>RouteScope + PolicyResource: a resource never leaves the API and stage of its method ARN.</summary>
public sealed class ScopeResourceProperties
{
    private static readonly Gen<char> ScopeChar = Gen.Frequency(
        (6, EventGenerators.AlnumChar), (4, Gen.Elements('/', '*', '?', '-', '_', '.', '~', '%')), (2, EventGenerators.NastyChar));

    public static readonly Gen<string> Scope = Gen.Frequency(
        (6, from verb in Gen.Elements("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "*", "get", "", "G*T")
            from space in Gen.Elements(" ", " ", " ", "  ", "\t", "")
            from slash in Gen.Elements("/", "/", "/", "", "*", ":")
            from path in EventGenerators.StringOf(ScopeChar, 0, 30)
            select verb + space + slash + path),
        (1, EventGenerators.StringOf(EventGenerators.NastyChar, 0, 40)),
        (1, EventGenerators.StringOf(ScopeChar, 400, 600).Select(p => "GET /" + p)));

    [Property(MaxTest = 3000)]
    public Property WrittenResource_StartsWithTheMethodArnsStagePrefix_AndAddsNoColon() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), Scope.ToArbitrary(), (parts, scopeText) =>
        {
            if (Write(parts, scopeText) is not string resource)
            {
                return true.Label("scope refused or too long");
            }

            string rest = resource[parts.StagePrefix.Length..];
            bool ok = resource.StartsWith(parts.StagePrefix, StringComparison.Ordinal) && !rest.Contains(':', StringComparison.Ordinal)
                && rest == scopeText.Replace(" /", "/", StringComparison.Ordinal) && resource.Length <= PolicyResource.MaxLength;
            return ok.Label($"{scopeText} -> {resource}");
        });

    [Property(MaxTest = 3000)]
    public Property WrittenResource_NeverMatchesAMethodArnOfAnotherApiStageAccountOrRegion() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), ArnGenerators.ValidParts.ToArbitrary(), Scope.ToArbitrary(), (mine, other, scopeText) =>
        {
            bool sameStage = mine.StagePrefix == other.StagePrefix;
            if (sameStage || Write(mine, scopeText) is not string resource)
            {
                return true.Label("same stage or scope refused");
            }

            return (!WildcardMatcher.IsMatch(resource, other.ToString())).Label($"{resource} matches {other}");
        });

    [Property(MaxTest = 1000)]
    public Property CatchAllScope_MatchesEveryMethodOfItsOwnStage() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), parts =>
            Write(parts, "* /*") is string resource && WildcardMatcher.IsMatch(resource, parts.ToString()));

    private static string? Write(ArnParts parts, string scopeText)
    {
        if (!RouteScope.TryParse(scopeText, out RouteScope? scope))
        {
            return null;
        }

        byte[] arnBytes = Encoding.UTF8.GetBytes(parts.ToString());
        Assert.True(MethodArn.TryParse(arnBytes, out MethodArn arn), parts.ToString());
        Span<byte> buffer = stackalloc byte[PolicyResource.MaxLength];
        return PolicyResource.TryWrite(arn, scope!, buffer, out int written) ? Encoding.UTF8.GetString(buffer[..written]) : null;
    }
}
