using System.Text;
using AotAuth.Core;

namespace AotAuth.Core.Tests;

/// <summary>
/// <see cref="RouteScope.CoversRoute"/> (what the authorizer's simple responses decide with) holds
/// only for a scope whose Allow resource covers every request of the route, and HTTP API route
/// ARNs on <c>$default</c> parse.
/// </summary>
public class ScopeCoverageTests
{
    [Theory]
    [InlineData("GET /user/*", "GET /user/{id}", true)]
    [InlineData("GET /user/*", "GET /user", false)]
    [InlineData("GET /user/*", "PUT /user/{id}", false)]
    [InlineData("PUT /user", "PUT /user", true)]
    [InlineData("PUT /user", "PUT /user/", false)]
    [InlineData("* /*", "ANY /{proxy+}", true)]
    [InlineData("GET /*", "ANY /user", false)]
    [InlineData("GET /user/42", "GET /user/{id}", false)]
    [InlineData("GET /user/????", "GET /user/{id}", false)]
    [InlineData("GET /user/4*", "GET /user/{id}", false)]
    [InlineData("GET /user/*/x", "GET /user/{id}/x", true)]
    [InlineData("* /*", "$default", false)]
    [InlineData("* /user", "GET /user/user", false)]
    [InlineData("* /us?r", "GET /user/user", false)]
    [InlineData("* /user", "GET /user", true)]
    [InlineData("* /user", "ANY /user", true)]
    [InlineData("GET /user", "ANY /user", false)]
    public void Scope_CoversARouteOnlyWhenItCoversEveryRequestOfIt(string scopeText, string routeKey, bool covered)
    {
        Assert.True(RouteScope.TryParse(scopeText, out RouteScope? scope));
        Assert.True(MethodArn.TryParse("arn:aws:execute-api:eu-west-1:123456789012:abc123/$default/GET/user"u8, out MethodArn arn));
        Span<byte> template = stackalloc byte[RouteKey.MaxLength];
        bool parsed = RouteKey.TryWriteTemplate(Encoding.UTF8.GetBytes(routeKey), template, out int length);

        Assert.Equal(covered, parsed && scope!.CoversRoute(arn, template[..length]));
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
