using System.Diagnostics;
using AotAuth.Core;

namespace AotAuth.Gateway.Tests;

public class PolicyEvaluatorTests
{
    private const string Api = "arn:aws:execute-api:eu-west-1:123456789012:local/prod";

    private static PolicyStatement Allow(params string[] resources) => new(PolicyEffect.Allow, ["execute-api:Invoke"], [.. resources]);

    private static PolicyStatement Deny(params string[] resources) => new(PolicyEffect.Deny, ["execute-api:Invoke"], [.. resources]);

    private static PolicyDecision Evaluate(string methodArn, params PolicyStatement[] statements) =>
        PolicyEvaluator.Evaluate(AuthorizerOutput.Create("alice", statements), methodArn);

    [Fact]
    public void PolicyAllowingOnlyPutUser_ImplicitlyDeniesGetUser()
    {
        PolicyStatement[] firstCall = [Allow($"{Api}/PUT/user")];
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", firstCall));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", firstCall));
    }

    [Fact]
    public void WildcardPolicyOurAuthorizerWrites_AllowsBothRoutes()
    {
        PolicyStatement scopes = Allow($"{Api}/PUT/user", $"{Api}/GET/user/*");
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", scopes));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", scopes));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/DELETE/user/1", scopes));
    }

    [Fact]
    public void Matching_IsAnchored_SoAResourceWithoutATrailingStarDoesNotCoverSubPaths()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow("GET/user/1")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user*")));
    }

    [Fact]
    public void Star_RunsAcrossSlashes()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/*")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow("arn:aws:execute-api:*:123456789012:local/*/GET/*")));
    }

    [Fact]
    public void QuestionMark_MatchesExactlyOneCharacter()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user/?")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/12", Allow($"{Api}/GET/user/?")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/", Allow($"{Api}/GET/user/?")));
    }

    [Fact]
    public void Resources_MatchCaseSensitively()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/get/user/1")));
    }

    [Fact]
    public void ExplicitDeny_BeatsAnAllow_InAnyOrder()
    {
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/*"), Deny($"{Api}/GET/*")));
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate($"{Api}/GET/user/1", Deny($"{Api}/GET/*"), Allow($"{Api}/*")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", Allow($"{Api}/*"), Deny($"{Api}/GET/*")));
    }

    [Fact]
    public void EveryStatement_IsConsidered_NotOnlyTheFirst()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/PUT/user"), Allow($"{Api}/GET/user/1")));
    }

    [Fact]
    public void NoStatements_IsAnImplicitDeny()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1"));
    }

    [Theory]
    [InlineData("execute-api:Invoke", PolicyDecision.Allow)]
    [InlineData("execute-api:invoke", PolicyDecision.Allow)]
    [InlineData("EXECUTE-API:INVOKE", PolicyDecision.Allow)]
    [InlineData("execute-api:*", PolicyDecision.Allow)]
    [InlineData("*", PolicyDecision.Allow)]
    [InlineData("execute-api:Inv?ke", PolicyDecision.Allow)]
    [InlineData("execute-api:ManageConnections", PolicyDecision.ImplicitDeny)]
    [InlineData("lambda:InvokeFunction", PolicyDecision.ImplicitDeny)]
    [InlineData("execute-api:Invoke2", PolicyDecision.ImplicitDeny)]
    public void Action_MustMatchExecuteApiInvoke_CaseInsensitively(string action, PolicyDecision expected)
    {
        var statement = new PolicyStatement(PolicyEffect.Allow, [action], [$"{Api}/*"]);
        Assert.Equal(expected, Evaluate($"{Api}/GET/user/1", statement));
    }

    [Fact]
    public void DenyWhoseActionDoesNotMatch_DoesNotDeny()
    {
        var deny = new PolicyStatement(PolicyEffect.Deny, ["execute-api:ManageConnections"], ["*"]);
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow("*"), deny));
    }

    [Fact]
    public void StringAndArrayFormsFromJson_EvaluateAlike()
    {
        byte[] asString = """{"principalId":"p","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:eu-west-1:123456789012:local/prod/GET/user/*"}]}}"""u8.ToArray();
        byte[] asArray = """{"principalId":"p","policyDocument":{"Statement":[{"Action":["execute-api:Invoke"],"Effect":"Allow","Resource":["x","arn:aws:execute-api:eu-west-1:123456789012:local/prod/GET/user/*"]}]}}"""u8.ToArray();
        Assert.True(AuthorizerOutput.TryParse(asString, out var one, out _));
        Assert.True(AuthorizerOutput.TryParse(asArray, out var many, out _));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(one!, $"{Api}/GET/user/1"));
        Assert.Equal(PolicyDecision.Allow, PolicyEvaluator.Evaluate(many!, $"{Api}/GET/user/1"));
        Assert.Equal(PolicyDecision.ImplicitDeny, PolicyEvaluator.Evaluate(many!, $"{Api}/PUT/user"));
    }
}

/// <summary>Examples of the one wildcard matcher as policy evaluation uses it (strings); its property suite is in AotAuth.Hardening.Tests.</summary>
public class PolicyWildcardTests
{
    [Theory]
    [InlineData("", "", true)]
    [InlineData("*", "", true)]
    [InlineData("?", "", false)]
    [InlineData("a*", "a/b/c", true)]
    [InlineData("*c", "a/b/c", true)]
    [InlineData("a*c", "abcbc", true)]
    [InlineData("a*c", "abcb", false)]
    [InlineData("a**b", "ab", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abcd", "abc", false)]
    [InlineData("*ab*ab*", "xxabyyab", true)]
    [InlineData("*ab*ab*", "xxabyya", false)]
    [InlineData("a*", "a*b", true)]
    [InlineData("a*b", "a*b", true)]
    [InlineData("a*", "a*", true)]
    [InlineData("*", "*", true)]
    [InlineData("?", "*", true)]
    [InlineData("a?", "a?", true)]
    [InlineData("a*b", "a*c", false)]
    [InlineData("*/x", "a*/*/x", true)]
    public void Wildcards_MatchTheWholeText(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Utf8Wildcard.IsMatch(pattern, text));
    }

    [Fact]
    public void CaseFolding_AppliesOnlyWhenAsked()
    {
        Assert.False(Utf8Wildcard.IsMatch("ABC", "abc"));
        Assert.True(Utf8Wildcard.IsMatch("A*C", "abc", ignoreCase: true));
        Assert.False(Utf8Wildcard.IsMatch("execute-apı:Invoke", "execute-api:Invoke", ignoreCase: true));
    }

    [Theory]
    [InlineData("?", "é")]
    [InlineData("?", "😀")]
    [InlineData("a?b", "a✓b")]
    public void QuestionMark_TakesOneCodePoint_NotOneByteOrUtf16Unit(string pattern, string text)
    {
        Assert.True(Utf8Wildcard.IsMatch(pattern, text));
        Assert.False(Utf8Wildcard.IsMatch(pattern + "?", text));
    }

    [Fact]
    public void PathologicalPatternAgainstALongText_FinishesFast()
    {
        string text = new('a', 100_000);
        var watch = Stopwatch.StartNew();
        Assert.False(Utf8Wildcard.IsMatch("*a*a*a*a*a*a*a*a*a*a*b", text));
        Assert.True(Utf8Wildcard.IsMatch("*a*a*a*a*a*a*a*a*a*a*", text));
        watch.Stop();
        // A backtracking matcher takes hours here; a linear one milliseconds. 30 s holds on a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
