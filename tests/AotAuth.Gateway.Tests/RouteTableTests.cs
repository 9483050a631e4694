using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class RouteTableTests
{
    private readonly RouteTable _table = new(AotAuthApi.Definition);

    [Fact]
    public void Put_user_matches_the_put_route_without_parameters()
    {
        Assert.True(_table.TryMatch("PUT", "/user", out RouteMatch? match));
        Assert.Equal("PUT /user", match!.Route.ToString());
        Assert.Empty(match.PathParameters);
    }

    [Fact]
    public void Get_user_with_an_id_binds_the_url_decoded_id()
    {
        Assert.True(_table.TryMatch("GET", "/user/a%20b%2Fc%C3%A9", out RouteMatch? match));
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
    public void Paths_and_methods_without_a_route_do_not_match(string method, string path)
    {
        Assert.False(_table.TryMatch(method, path, out RouteMatch? match));
        Assert.Null(match);
    }

    [Fact]
    public void A_literal_segment_matches_its_percent_encoded_spelling()
    {
        Assert.True(_table.TryMatch("PUT", "/us%65r", out _));
    }

    [Fact]
    public void A_malformed_percent_escape_in_the_id_is_kept_as_written()
    {
        Assert.True(_table.TryMatch("GET", "/user/100%", out RouteMatch? match));
        Assert.Equal("100%", match!.PathParameters["id"]);
    }

    [Fact]
    public void No_route_is_answered_with_403_missing_authentication_token()
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
    public void The_arn_joins_region_account_api_stage_method_and_the_path_without_its_slash()
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
    public void The_path_is_percent_decoded_once_as_path_parameters_are(string requested, string inArn)
    {
        Assert.Equal("arn:aws:execute-api:eu-west-1:123456789012:local/prod/GET/" + inArn, _builder.Build("GET", requested));
    }

    [Fact]
    public void The_built_arn_is_one_the_authorizer_parses()
    {
        string arn = _builder.Build("PUT", "/user");
        Assert.True(Core.MethodArn.TryParse(System.Text.Encoding.ASCII.GetBytes(arn), out Core.MethodArn parsed));
        Assert.Equal("user", System.Text.Encoding.ASCII.GetString(parsed.Path));
    }

    [Fact]
    public void A_path_without_a_leading_slash_is_refused()
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
    public void The_media_type_is_the_type_and_subtype_lower_cased_without_parameters(string? header, string expected)
    {
        Assert.Equal(expected, RequestContentType.MediaType(header));
    }
}

public class MethodArnLimitTests
{
    private readonly MethodArnBuilder _builder = new("us-east-1", "123456789012", "local", "prod");

    [Fact]
    public void The_limit_is_1600_utf8_bytes_of_the_decoded_arn()
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
