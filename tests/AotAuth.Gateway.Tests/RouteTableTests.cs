using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class RouteTableTests
{
    private readonly RouteTable<RouteDefinition> _table = RouteTable.For(AotAuthApi.Definition);

    [Fact]
    public void PutUser_MatchesThePutRoute_WithoutParameters()
    {
        Assert.True(_table.TryMatch("PUT", "/user", out RouteMatch<RouteDefinition>? match));
        Assert.Equal("PUT /user", match!.Route.ToString());
        Assert.Empty(match.PathParameters);
    }

    [Fact]
    public void GetUserWithAnId_BindsTheUrlDecodedId()
    {
        Assert.True(_table.TryMatch("GET", "/user/a%20b%2Fc%C3%A9", out RouteMatch<RouteDefinition>? match));
        Assert.Equal("/user/{id}", match!.Route.Path);
        Assert.Equal("a b/cé", match.PathParameters["id"]);
    }

    [Theory]
    [InlineData("PUT", "/user/")]
    [InlineData("GET", "/user/")]
    [InlineData("GET", "/user/1/")]
    [InlineData("GET", "/user/1/2")]
    [InlineData("GET", "/user")]
    [InlineData("PUT", "/user/1")]
    [InlineData("DELETE", "/user/1")]
    [InlineData("put", "/user")]
    [InlineData("PUT", "/User")]
    [InlineData("PUT", "//user")]
    [InlineData("GET", "/")]
    [InlineData("GET", "user/1")]
    [InlineData("GET", "")]
    public void PathsAndMethodsWithoutARoute_DoNotMatch(string method, string path)
    {
        Assert.False(_table.TryMatch(method, path, out RouteMatch<RouteDefinition>? match));
        Assert.Null(match);
    }

    [Fact]
    public void LiteralSegment_MatchesItsPercentEncodedSpelling()
    {
        Assert.True(_table.TryMatch("PUT", "/us%65r", out _));
    }

    [Fact]
    public void MalformedPercentEscapeInTheId_IsKeptAsWritten()
    {
        Assert.True(_table.TryMatch("GET", "/user/100%", out RouteMatch<RouteDefinition>? match));
        Assert.Equal("100%", match!.PathParameters["id"]);
    }

    [Fact]
    public void NoRoute_IsAnsweredWith403MissingAuthenticationToken()
    {
        Assert.False(_table.TryMatch("POST", "/user", out _));
        GatewayResponse response = new GatewayResponses(AotAuthApi.Definition).Get(GatewayResponseType.MissingAuthenticationToken);
        Assert.Equal(403, response.StatusCode);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", response.Body);
    }
}

public class MethodArnBuilderTests
{
    private readonly MethodArnBuilder _builder = new("eu-west-1", "123456789012", "local", "prod");

    [Fact]
    public void Arn_JoinsRegionAccountApiStageMethod_AndThePathWithoutItsSlash()
    {
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:local/prod/GET/user/1", _builder.Build("GET", "/user/1"));
    }

    [Theory]
    [InlineData("/user/a%20b", "user/a b")]
    [InlineData("/user/a%2Ab", "user/a*b")]
    [InlineData("/user/a*b", "user/a*b")]
    [InlineData("/user/a%3Fb%22c%5Cd", "user/a?b\"c\\d")]
    [InlineData("/user/Jos%C3%A9", "user/José")]
    [InlineData("/user/a%01b", "user/a\u0001b")]
    [InlineData("/user/a%2Fb", "user/a/b")]
    [InlineData("/user/a%252Ab", "user/a%2Ab")] // decoded once, not twice
    [InlineData("/user/a%ZZb%C3", "user/a%ZZb%C3")] // not an escape or not UTF-8: left as sent
    public void Path_IsPercentDecodedOnce_AsPathParametersAre(string requested, string inArn)
    {
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:local/prod/GET/" + inArn, _builder.Build("GET", requested));
    }

    [Fact]
    public void BuiltArn_IsOneTheAuthorizerParses()
    {
        string arn = _builder.Build("PUT", "/user");
        Assert.True(Core.MethodArn.TryParse(System.Text.Encoding.ASCII.GetBytes(arn), out Core.MethodArn parsed));
        Assert.Equal("user", System.Text.Encoding.ASCII.GetString(parsed.Path));
    }

    [Fact]
    public void PathWithoutALeadingSlash_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _builder.Build("GET", "user"));
    }
}

public class RequestContentTypeTests
{
    [Theory]
    [InlineData(null, "application/json")] // no Content-Type: API Gateway's default for template selection
    [InlineData("", "application/json")]
    [InlineData("   ", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/json; charset=utf-8", "application/json")]
    [InlineData(" Application/JSON ;charset=UTF-8", "application/json")]
    [InlineData("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]
    [InlineData("text/plain;charset=us-ascii", "text/plain")]
    [InlineData("application/jsonx", "application/jsonx")]
    public void MediaType_IsTheTypeAndSubtypeLowerCased_WithoutParameters(string? header, string expected)
    {
        Assert.Equal(expected, RequestContentType.MediaType(header));
    }
}

public class MethodArnLimitTests
{
    private readonly MethodArnBuilder _builder = new("us-east-1", "123456789012", "local", "prod");

    [Fact]
    public void MethodArnLimit_Is1600Utf8BytesOfTheDecodedArn()
    {
        string prefix = _builder.Build("GET", "/user/");
        string ascii = new('a', Core.MethodArn.MaxLength - prefix.Length);

        Assert.False(MethodArnBuilder.IsTooLong(_builder.Build("GET", "/user/" + ascii)));
        Assert.True(MethodArnBuilder.IsTooLong(_builder.Build("GET", "/user/" + ascii + "a")));
        // Nine characters on the wire, one character, three bytes in the ARN.
        Assert.True(MethodArnBuilder.IsTooLong(_builder.Build("GET", "/user/" + ascii[2..] + "%E2%82%AC")));
        Assert.False(MethodArnBuilder.IsTooLong(_builder.Build("GET", "/user/" + ascii[3..] + "%E2%82%AC")));
    }
}
