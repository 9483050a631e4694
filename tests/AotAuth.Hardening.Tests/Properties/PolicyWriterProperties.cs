using System.Buffers;
using System.Text;
using System.Text.Json;
using AotAuth.Core;
using AotAuth.Gateway;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>PolicyWriter output is valid JSON that round-trips to what was written, and the gateway reads it the same way.</summary>
public sealed class PolicyWriterProperties : IDisposable
{
    private static readonly Gen<string> Principal = EventGenerators.StringOf(EventGenerators.NastyChar, 0, 60)
        .Where(s => !HasLoneSurrogate(s));

    /// <summary>Paths with wildcards, separators, quotes, control characters and non-ASCII, as a decoded request path can hold.</summary>
    private static readonly Gen<string> ArbitraryPath = Gen.Frequency(
        (4, EventGenerators.StringOf(Gen.Elements('*', '?', '/', ':', '"', '\\', ' ', '\0', '\n', '\u007f', 'é', '＊', 'a', '%'), 0, 40)),
        (2, EventGenerators.StringOf(EventGenerators.NastyChar, 0, 40).Where(s => !HasLoneSurrogate(s))),
        (1, ArnGenerators.Poison.SelectMany(p => Gen.Choose(0, 4).Select(n => string.Concat(Enumerable.Repeat(p + "/", n))))),
        (1, Gen.Constant(new string('*', 1600))));

    private static readonly Gen<(string Verb, string Path)> VerbAndPath =
        from verb in ArnGenerators.Verb
        from path in ArbitraryPath
        select (verb, path);

    private readonly PolicyWriter _writer = new();

    public void Dispose() => _writer.Dispose();

    [Property(MaxTest = 2000)]
    public Property EveryPolicy_IsValidJson_ThatRoundTripsToTheSamePrincipalContextAndResources() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), Principal.ToArbitrary(), Gen.Choose(0, 6).SelectMany(n => Gen.ListOf(ScopeResourceProperties.Scope, n)).ToArbitrary(), (parts, principal, scopeTexts) =>
        {
            RouteScope[] scopes = [.. scopeTexts.Select(t => RouteScope.TryParse(t, out RouteScope? s) ? s : null).OfType<RouteScope>()];
            string context = string.Join(' ', scopes.Select(s => s.Text));
            var output = new ArrayBufferWriter<byte>();
            Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(parts.ToString()), out MethodArn arn));
            _writer.WriteAllow(output, arn, principal, scopes, context);

            string[] expected = [.. scopes.Select(s => Reference.ScopeResources(parts.StagePrefix, s.Text)).Where(r => r.All(x => x.Length <= PolicyResource.MaxLength)).SelectMany(r => r)];
            using JsonDocument document = JsonDocument.Parse(output.WrittenMemory);
            JsonElement root = document.RootElement;
            JsonElement statement = root.GetProperty("policyDocument").GetProperty("Statement")[0];
            JsonElement resource = statement.GetProperty("Resource");
            string[] resources = resource.ValueKind == JsonValueKind.Array ? [.. resource.EnumerateArray().Select(r => r.GetString()!)] : [resource.GetString()!];
            string effect = statement.GetProperty("Effect").GetString()!;
            bool ok = root.GetProperty("principalId").GetString() == principal
                && root.GetProperty("context").GetProperty("principalId").GetString() == principal
                && root.GetProperty("context").GetProperty("scopes").GetString() == context
                && (expected.Length > 0
                    ? effect == "Allow" && resources.SequenceEqual(expected)
                    : effect == "Deny" && resources.SequenceEqual([parts.StagePrefix + "*/*"]))
                && AuthorizerOutput.TryParse(output.WrittenSpan, out AuthorizerOutput? parsed, out _)
                && parsed!.PrincipalId == principal && parsed.Context["scopes"] == context;
            return ok.Label(Encoding.UTF8.GetString(output.WrittenSpan));
        });

    [Property(MaxTest = 1000)]
    public Property Gateway_AllowsAWrittenPolicyForItsMethodArn_ExactlyWhenAScopeCoversIt() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(ScopeResourceProperties.Scope, n)).ToArbitrary(), (parts, scopeTexts) =>
        {
            RouteScope[] scopes = [.. scopeTexts.Select(t => RouteScope.TryParse(t, out RouteScope? s) ? s : null).OfType<RouteScope>()];
            var output = new ArrayBufferWriter<byte>();
            Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(parts.ToString()), out MethodArn arn));
            _writer.WriteAllow(output, arn, "p", scopes, "");
            Assert.True(AuthorizerOutput.TryParse(output.WrittenSpan, out AuthorizerOutput? parsed, out string? problem), problem);

            string[] resources = [.. scopes.Select(s => Reference.ScopeResources(parts.StagePrefix, s.Text)).Where(r => r.All(x => x.Length <= PolicyResource.MaxLength)).SelectMany(r => r)];
            PolicyDecision expected = resources.Length == 0 ? PolicyDecision.ExplicitDeny
                : resources.Any(r => Reference.WildcardMatch(r, parts.ToString())) ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny;
            return (PolicyEvaluator.Evaluate(parsed!, parts.ToString()) == expected).Label($"expected {expected}");
        });

    [Property(MaxTest = 2000)]
    public Property AnyVerbAndPath_GiveTheSamePolicyBytes_SoAPathNeverWidensIt() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), VerbAndPath.ToArbitrary(), Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(ScopeResourceProperties.Scope, n)).ToArbitrary(), (parts, verbAndPath, scopeTexts) =>
        {
            RouteScope[] scopes = [.. scopeTexts.Select(t => RouteScope.TryParse(t, out RouteScope? s) ? s : null).OfType<RouteScope>()];
            string plain = Policy(parts, scopes);
            ArnParts awkward = parts with { Verb = verbAndPath.Verb, Path = verbAndPath.Path };
            byte[] arnBytes = Encoding.UTF8.GetBytes(awkward.ToString());
            if (arnBytes.Length > MethodArn.MaxLength)
            {
                return (!MethodArn.TryParse(arnBytes, out _)).Label("over the limit yet parsed");
            }

            return (Policy(awkward, scopes) == plain).Label(awkward.ToString());
        });

    private string Policy(ArnParts parts, RouteScope[] scopes)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(MethodArn.TryParse(Encoding.UTF8.GetBytes(parts.ToString()), out MethodArn arn), parts.ToString());
        _writer.WriteAllow(output, arn, "p", scopes, "");
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
