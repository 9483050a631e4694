using System.Collections.Immutable;
using System.Text.Json;
using AotAuth.Gateway;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>The local gateway's policy evaluation against a regex-based reference, on small random inputs (the matcher itself: <see cref="WildcardProperties"/>).</summary>
public sealed class PolicyMatcherProperties
{
    private static readonly Gen<string> Pattern = EventGenerators.StringOf(Gen.Elements('a', 'b', '/', '*', '?', '.', 'A'), 0, 8);
    // The text holds '*' and '?' too: in a method ARN's path they are plain characters.
    private static readonly Gen<string> Text = EventGenerators.StringOf(Gen.Elements('a', 'b', '/', '.', 'A', '\n', '*', '?'), 0, 10);
    private static readonly Gen<string> Action = Gen.Elements("execute-api:Invoke", "execute-api:*", "*", "EXECUTE-API:invoke", "s3:*", "execute-api:Invok?", "execute-api:Invoke2", "");

    private static readonly Gen<PolicyStatement> Statement =
        from effect in Gen.Elements(PolicyEffect.Allow, PolicyEffect.Deny)
        from actions in Gen.Choose(1, 2).SelectMany(n => Gen.ListOf(Action, n))
        from resources in Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(Pattern, n))
        select new PolicyStatement(effect, [.. actions], [.. resources]);

    private static readonly Gen<List<PolicyStatement>> Statements = Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Statement, n)).Select(l => l.ToList());

    [Property(MaxTest = 3000)]
    public Property PolicyEvaluator_AgreesWithTheReferenceEvaluation() =>
        Prop.ForAll(Statements.ToArbitrary(), Text.ToArbitrary(), (statements, arn) =>
            PolicyEvaluator.Evaluate(AuthorizerOutput.Create("p", statements), arn) == Reference.Evaluate(statements, arn));

    [Property(MaxTest = 2000)]
    public Property ApplicableExplicitDeny_AlwaysWins_WhereverItIsInThePolicy() =>
        Prop.ForAll(Statements.ToArbitrary(), Text.ToArbitrary(), Gen.Choose(0, 4).ToArbitrary(), (statements, arn, at) =>
        {
            var deny = new PolicyStatement(PolicyEffect.Deny, ["execute-api:*"], [arn.Length > 0 ? arn[..1] + "*" : "*"]);
            statements.Insert(Math.Min(at, statements.Count), deny);
            return PolicyEvaluator.Evaluate(AuthorizerOutput.Create("p", statements), arn) == PolicyDecision.ExplicitDeny;
        });

    [Property(MaxTest = 2000)]
    public Property PolicySerializedAsJson_ParsesAndEvaluatesLikeTheReference() =>
        Prop.ForAll(Statements.ToArbitrary(), Text.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (statements, arn, singleAsObject) =>
        {
            string json = ToJson(statements, singleAsObject);
            bool parsed = AuthorizerOutput.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out AuthorizerOutput? output, out string? problem);
            return (parsed && PolicyEvaluator.Evaluate(output!, arn) == Reference.Evaluate(statements, arn)).Label(problem ?? json);
        });

    private static string ToJson(List<PolicyStatement> statements, bool singleAsObject)
    {
        static object Strings(ImmutableArray<string> values) => values.Length == 1 ? values[0] : values.ToArray();
        object[] items = [.. statements.Select(s => new Dictionary<string, object> { ["Effect"] = s.Effect.ToString(), ["Action"] = Strings(s.Actions), ["Resource"] = Strings(s.Resources) })];
        object statement = singleAsObject && items.Length == 1 ? items[0] : items;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["principalId"] = "p",
            ["policyDocument"] = new Dictionary<string, object> { ["Version"] = "2012-10-17", ["Statement"] = statement },
        });
    }
}
