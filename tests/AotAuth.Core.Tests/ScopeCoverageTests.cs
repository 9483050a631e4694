using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

/// <summary>
/// <see cref="RouteScope.Covers"/> (what the authorizer's simple responses decide with) agrees with
/// IAM's evaluation of the scope's Allow resource, and HTTP API route ARNs on <c>$default</c> parse.
/// </summary>
public class ScopeCoverageTests
{
    [Theory]
    [InlineData("GET /user/*", "GET/user/42", true)]
    [InlineData("GET /user/*", "GET/user/", true)]
    [InlineData("GET /user/*", "GET/user", false)]
    [InlineData("GET /user/*", "PUT/user/42", false)]
    [InlineData("PUT /user", "PUT/user", true)]
    [InlineData("PUT /user", "PUT/user/", false)]
    [InlineData("* /*", "DELETE/anything/at/all", true)]
    [InlineData("* /user", "GET/x/user", true)] // IAM's * spans the '/' after the verb, as in the policy
    [InlineData("GET /user/?", "GET/user/é", true)] // ? is one character, not one byte
    [InlineData("GET /user/?", "GET/user/42", false)]
    [InlineData("GET /user/4*2", "GET/user/4abc2", true)]
    [InlineData("GET /user/4*2", "GET/user/4abc", false)]
    public void Scope_CoversTheRoutesItsAllowResourceMatches(string scopeText, string route, bool covered)
    {
        Assert.True(RouteScope.TryParse(scopeText, out RouteScope? scope));
        byte[] arnBytes = Encoding.UTF8.GetBytes("arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/" + route);
        Assert.True(MethodArn.TryParse(arnBytes, out MethodArn arn));

        Assert.Equal(covered, scope!.Covers(arn));
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*", "a*b", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*a*b*c*", "xxaxxbxxcxx", true)]
    [InlineData("*a*b*c*", "xxaxxcxxbxx", false)]
    [InlineData("abc", "abcd", false)]
    public void Wildcard_MatchesTheWholeText(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Utf8Wildcard.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void DefaultStage_IsTheOnlyStageWithADollar()
    {
        Assert.True(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user"u8, out MethodArn arn));
        Assert.Equal("$default", Encoding.UTF8.GetString(arn.Stage));
        Assert.Equal("GET/user", Encoding.UTF8.GetString(arn.Route));
        Assert.False(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123/$defaults/GET/user"u8, out _));
        Assert.False(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123/$*/GET/user"u8, out _));
    }
}
