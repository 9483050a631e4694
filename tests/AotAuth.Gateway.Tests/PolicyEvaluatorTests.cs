using System.Diagnostics;

namespace AotAuth.Gateway.Tests;

public class PolicyEvaluatorTests
{
    private const string Api = "arn:aws:execute-api:eu-west-1:123456789012:local/prod";

    private static PolicyStatement Allow(params string[] resources) => new(PolicyEffect.Allow, ["execute-api:Invoke"], [.. resources]);

    private static PolicyStatement Deny(params string[] resources) => new(PolicyEffect.Deny, ["execute-api:Invoke"], [.. resources]);

    private static PolicyDecision Evaluate(string methodArn, params PolicyStatement[] statements) =>
        PolicyEvaluator.Evaluate(AuthorizerOutput.Create("alice", statements), methodArn);

    [Fact]
    public void A_policy_allowing_only_put_user_implicitly_denies_get_user_the_cached_cross_route_pitfall()
    {
        PolicyStatement[] firstCall = [Allow($"{Api}/PUT/user")];
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", firstCall));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", firstCall));
    }

    [Fact]
    public void The_wildcard_policy_our_authorizer_writes_allows_both_routes()
    {
        PolicyStatement scopes = Allow($"{Api}/PUT/user", $"{Api}/GET/user/*");
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", scopes));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", scopes));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/DELETE/user/1", scopes));
    }

    [Fact]
    public void Matching_is_anchored_so_a_resource_without_a_trailing_star_does_not_cover_sub_paths()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow("GET/user/1")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user*")));
    }

    [Fact]
    public void A_star_runs_across_slashes()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/*")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow("arn:aws:execute-api:*:123456789012:local/*/GET/*")));
    }

    [Fact]
    public void A_question_mark_matches_exactly_one_character()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/GET/user/?")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/12", Allow($"{Api}/GET/user/?")));
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/", Allow($"{Api}/GET/user/?")));
    }

    [Fact]
    public void Resources_match_case_sensitively()
    {
        Assert.Equal(PolicyDecision.ImplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/get/user/1")));
    }

    [Fact]
    public void An_explicit_deny_beats_an_allow_in_any_order()
    {
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/*"), Deny($"{Api}/GET/*")));
        Assert.Equal(PolicyDecision.ExplicitDeny, Evaluate($"{Api}/GET/user/1", Deny($"{Api}/GET/*"), Allow($"{Api}/*")));
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/PUT/user", Allow($"{Api}/*"), Deny($"{Api}/GET/*")));
    }

    [Fact]
    public void Every_statement_is_considered_not_only_the_first()
    {
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow($"{Api}/PUT/user"), Allow($"{Api}/GET/user/1")));
    }

    [Fact]
    public void No_statements_is_an_implicit_deny()
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
    public void The_action_must_match_execute_api_invoke_case_insensitively(string action, PolicyDecision expected)
    {
        var statement = new PolicyStatement(PolicyEffect.Allow, [action], [$"{Api}/*"]);
        Assert.Equal(expected, Evaluate($"{Api}/GET/user/1", statement));
    }

    [Fact]
    public void A_deny_whose_action_does_not_match_does_not_deny()
    {
        var deny = new PolicyStatement(PolicyEffect.Deny, ["execute-api:ManageConnections"], ["*"]);
        Assert.Equal(PolicyDecision.Allow, Evaluate($"{Api}/GET/user/1", Allow("*"), deny));
    }

    [Fact]
    public void String_and_array_forms_from_json_evaluate_alike()
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

public class WildcardMatcherTests
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
    public void Wildcards_match_the_whole_text(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, WildcardMatcher.IsMatch(pattern, text));
    }

    [Fact]
    public void Case_folding_applies_only_when_asked()
    {
        Assert.False(WildcardMatcher.IsMatch("ABC", "abc"));
        Assert.True(WildcardMatcher.IsMatch("A*C", "abc", ignoreCase: true));
    }

    [Fact]
    public void A_pathological_pattern_against_a_long_text_finishes_fast()
    {
        string text = new('a', 100_000);
        var watch = Stopwatch.StartNew();
        Assert.False(WildcardMatcher.IsMatch("*a*a*a*a*a*a*a*a*a*a*b", text));
        Assert.True(WildcardMatcher.IsMatch("*a*a*a*a*a*a*a*a*a*a*", text));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
