using AotAuth.Core.Api;

namespace AotAuth.Core.Tests;

/// <summary>Which routes a scope reaches, with IAM's wildcards against the route templates.</summary>
public sealed class RouteScopesTests
{
    [Theory]
    [InlineData("PUT /user", "PUT /user")]
    [InlineData("GET /user/*", "GET /user/{id}")]
    [InlineData("GET /user/42", "GET /user/{id}")]
    [InlineData("GET /user/4?", "GET /user/{id}")]
    [InlineData("GET /*", "GET /user/{id}")]
    [InlineData("* /*", "PUT /user,GET /user/{id}")]
    [InlineData("* /user*", "PUT /user,GET /user/{id}")]
    [InlineData("* /us?r", "PUT /user")]
    public void Scope_ReachesTheRoutesItCanAllow(string scope, string expected)
    {
        string[] reached = [.. RouteScopes.Reached(scope, AotAuthApi.Definition).Select(r => r.ToString())];

        Assert.Equal(expected.Split(','), reached);
    }

    [Theory]
    [InlineData("GET /users/*")]
    [InlineData("POST /user")]
    [InlineData("GET /user")]
    [InlineData("GET /user/")]
    [InlineData("PUT /user/*")]
    [InlineData("GET /user/?/?")]
    [InlineData("GET /user/*/x")]
    [InlineData("not a scope")]
    public void Scope_ReachesNoRoute_WhenNoRequestOfTheApiMatchesIt(string scope)
    {
        Assert.Empty(RouteScopes.Reached(scope, AotAuthApi.Definition));
    }

    [Fact]
    public void ScopeOf_EachRoute_IsItsPathWithParametersAsStars_AndReachesThatRoute()
    {
        Assert.Equal(["PUT /user", "GET /user/*"], AotAuthApi.Definition.Routes.Select(RouteScopes.ScopeOf));
        foreach (RouteDefinition route in AotAuthApi.Definition.Routes)
        {
            Assert.Contains(route, RouteScopes.Reached(RouteScopes.ScopeOf(route), AotAuthApi.Definition));
        }
    }
}
