using System.Text;
using AotAuth.Core;
using AotAuth.Gateway;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>RouteScope + PolicyResource: a scope's resources never leave the API and stage of its method ARN.</summary>
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
    public Property WrittenResources_StartWithTheMethodArnsStagePrefix_AndAddNoColon() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), Scope.ToArbitrary(), (parts, scopeText) =>
        {
            if (Write(parts, scopeText) is not string[] resources)
            {
                return true.Label("scope refused or too long");
            }

            bool ok = resources.All(r => r.StartsWith(parts.StagePrefix, StringComparison.Ordinal)
                    && !r[parts.StagePrefix.Length..].Contains(':', StringComparison.Ordinal) && r.Length <= PolicyResource.MaxLength)
                && resources.SequenceEqual(Reference.ScopeResources(parts.StagePrefix, scopeText));
            return ok.Label($"{scopeText} -> {string.Join(", ", resources)}");
        });

    [Property(MaxTest = 3000)]
    public Property WrittenResource_NeverMatchesAMethodArnOfAnotherApiStageAccountOrRegion() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), ArnGenerators.ValidParts.ToArbitrary(), Scope.ToArbitrary(), (mine, other, scopeText) =>
        {
            bool sameStage = mine.StagePrefix == other.StagePrefix;
            if (sameStage || Write(mine, scopeText) is not string[] resources)
            {
                return true.Label("same stage or scope refused");
            }

            return resources.All(r => !Utf8Wildcard.IsMatch(r, other.ToString())).Label($"{string.Join(", ", resources)} matches {other}");
        });

    [Property(MaxTest = 1000)]
    public Property CatchAllScope_MatchesEveryMethodOfItsOwnStage() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), parts =>
            Write(parts, "* /*") is [string resource] && Utf8Wildcard.IsMatch(resource, parts.ToString()));

    private static string[]? Write(ArnParts parts, string scopeText)
    {
        if (!RouteScope.TryParse(scopeText, out RouteScope? scope))
        {
            return null;
        }

        byte[] arnBytes = Encoding.UTF8.GetBytes(parts.ToString());
        Assert.True(MethodArn.TryParse(arnBytes, out MethodArn arn), parts.ToString());
        if (!PolicyResource.Fits(arn, scope!))
        {
            return null;
        }

        var resources = new List<string>();
        byte[] buffer = new byte[PolicyResource.MaxLength];
        foreach (ReadOnlyMemory<byte> verb in scope!.ResourceVerbs)
        {
            Assert.True(PolicyResource.TryWrite(arn, verb.Span, scope.Utf8Path.Span, buffer, out int written));
            resources.Add(Encoding.UTF8.GetString(buffer, 0, written));
        }

        return [.. resources];
    }
}
