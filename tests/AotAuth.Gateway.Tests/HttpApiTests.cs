using System.Text;
using System.Text.Json.Nodes;
using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

/// <summary>The HTTP API's pure semantics: identity source, authorizer answers, events, proxy responses.</summary>
public class HttpApiTests
{
    private static readonly HttpApiDefinition Simple = AotAuthApi.HttpDefinition();
    private static readonly HttpApiContext Context = new("123456789012", "local", "$default", "local.execute-api.us-east-1.amazonaws.com");

    private static HttpApiRequest Request(string method, string path, params (string Name, string Value)[] headers) =>
        HttpApiRequest.Create(method, path, "a=1&a=2&b=x%20y", headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)),
            Encoding.UTF8.GetBytes("""{"id":"1","name":"n"}"""), "203.0.113.7", "req-1", new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static RouteMatch<HttpRouteDefinition> Match(string method, string path)
    {
        Assert.True(RouteTable.For(Simple).TryMatch(method, path, out RouteMatch<HttpRouteDefinition>? match));
        return match!;
    }

    [Fact]
    public void RouteTable_MatchesTheRoutesAndDecodesParameters()
    {
        Assert.Equal("GET /user/{id}", Match("GET", "/user/a%20b").Route.RouteKey);
        Assert.Equal("a b", Match("GET", "/user/a%20b").PathParameters["id"]);
        Assert.False(RouteTable.For(Simple).TryMatch("DELETE", "/user/1", out _));
        Assert.False(RouteTable.For(Simple).TryMatch("GET", "/user", out _));
    }

    [Fact]
    public void IdentitySource_NeedsEveryValue_AndKeysTheCacheByTokenAndRoute()
    {
        var identity = new HttpIdentitySource(Simple.Authorizer.IdentitySource);

        Assert.False(identity.TryResolve(Request("GET", "/user/1"), Match("GET", "/user/1"), out _));
        Assert.False(identity.TryResolve(Request("GET", "/user/1", ("Authorization", "")), Match("GET", "/user/1"), out _));
        Assert.True(identity.TryResolve(Request("GET", "/user/1", ("authorization", "tok")), Match("GET", "/user/1"), out var get));
        Assert.True(identity.TryResolve(Request("PUT", "/user", ("AUTHORIZATION", "tok")), Match("PUT", "/user"), out var put));
        Assert.Equal(["tok", "GET /user/{id}"], get.ToArray());
        Assert.NotEqual(HttpIdentitySource.CacheKey(get), HttpIdentitySource.CacheKey(put));
        Assert.NotEqual(HttpIdentitySource.CacheKey(["ab", "c"]), HttpIdentitySource.CacheKey(["a", "bc"]));
    }

    [Fact]
    public void IdentitySource_RefusesExpressionsItCannotEvaluate()
    {
        Assert.Throws<ArgumentException>(() => new HttpIdentitySource(["$request.querystring.token"]));
    }

    [Fact]
    public void AuthorizerEvent_HasThePayload20Fields()
    {
        HttpApiRequest request = Request("GET", "/user/42", ("Authorization", "tok"), ("X-Multi", "1"), ("x-multi", "2"), ("Cookie", "a=1; b=2"));
        JsonNode e = JsonNode.Parse(HttpApiEvents.Authorizer(request, Match("GET", "/user/42"), "arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/user/42", ["tok", "GET /user/{id}"], Context))!;

        Assert.Equal("2.0", (string?)e["version"]);
        Assert.Equal("REQUEST", (string?)e["type"]);
        Assert.Equal("GET /user/{id}", (string?)e["routeKey"]);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/user/42", (string?)e["routeArn"]);
        Assert.Equal("tok", (string?)e["identitySource"]![0]);
        Assert.Equal("tok", (string?)e["headers"]!["authorization"]);
        Assert.Equal("1,2", (string?)e["headers"]!["x-multi"]);
        Assert.Null(e["headers"]!["cookie"]);
        Assert.Equal(2, e["cookies"]!.AsArray().Count);
        Assert.Equal("1,2", (string?)e["queryStringParameters"]!["a"]);
        Assert.Equal("x y", (string?)e["queryStringParameters"]!["b"]);
        Assert.Equal("42", (string?)e["pathParameters"]!["id"]);
        Assert.Equal("$default", (string?)e["requestContext"]!["stage"]);
        Assert.Equal("GET", (string?)e["requestContext"]!["http"]!["method"]);
        Assert.Null(e["body"]);
    }

    [Fact]
    public void ProxyEvent_CarriesTheBodyAndTheAuthorizersContext()
    {
        JsonNode e = JsonNode.Parse(HttpApiEvents.Proxy(Request("PUT", "/user", ("Authorization", "tok")), Match("PUT", "/user"), """{"principalId":"alice"}"""u8.ToArray(), Context))!;

        Assert.Equal("alice", (string?)e["requestContext"]!["authorizer"]!["lambda"]!["principalId"]);
        Assert.Equal("""{"id":"1","name":"n"}""", (string?)e["body"]);
        Assert.False((bool)e["isBase64Encoded"]!);
    }

    [Theory]
    [InlineData("""{"isAuthorized":true}""", true, true)]
    [InlineData("""{"isAuthorized":false,"context":{"a":[1],"b":{"c":1}}}""", true, false)]
    public void SimpleResponse_IsTheVerdictForEveryRoute(string json, bool valid, bool allows)
    {
        Assert.Equal(valid, HttpAuthorizerResult.TryParse(Encoding.UTF8.GetBytes(json), simpleResponses: true, out HttpAuthorizerResult? result, out _));
        Assert.Equal(allows, result!.Allows("arn:aws:execute-api:us-east-1:123456789012:local/$default/PUT/user"));
    }

    [Theory]
    [InlineData("""{"isAuthorized":"true"}""")]
    [InlineData("""{"context":{}}""")]
    [InlineData("""{"isAuthorized":true,"context":"x"}""")]
    [InlineData("""not json""")]
    [InlineData("""{"principalId":"x","policyDocument":{"Version":"2012-10-17","Statement":[]}}""")]
    public void InvalidSimpleResponse_IsRefused(string json)
    {
        Assert.False(HttpAuthorizerResult.TryParse(Encoding.UTF8.GetBytes(json), simpleResponses: true, out _, out string? problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void IamResponse_IsEvaluatedPerRouteArn_AndItsContextPassedOn()
    {
        string policy = """{"principalId":"p","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/user/*"}]},"context":{"principalId":"p"}}""";

        Assert.True(HttpAuthorizerResult.TryParse(Encoding.UTF8.GetBytes(policy), simpleResponses: false, out HttpAuthorizerResult? result, out _));
        Assert.True(result!.Allows("arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/user/42"));
        Assert.False(result.Allows("arn:aws:execute-api:us-east-1:123456789012:local/$default/PUT/user"));
        Assert.Equal("""{"principalId":"p"}""", Encoding.UTF8.GetString(result.Context!));
    }

    [Theory]
    [InlineData("""{"statusCode":204}""", 204, "")]
    [InlineData("""{"statusCode":400,"headers":{"content-type":"application/json"},"body":"{\"message\":\"m\"}"}""", 400, """{"message":"m"}""")]
    [InlineData("""{"statusCode":200,"body":"aGk=","isBase64Encoded":true}""", 200, "hi")]
    [InlineData("""{"hello":"world"}""", 200, """{"hello":"world"}""")]
    [InlineData("""not json""", 500, """{"message":"Internal Server Error"}""")]
    [InlineData("""{"statusCode":"200"}""", 500, """{"message":"Internal Server Error"}""")]
    public void ProxyResponse_IsReadAsHttpApisDo(string payload, int status, string body)
    {
        HttpProxyResponse response = HttpProxyResponse.FromFunction(Encoding.UTF8.GetBytes(payload));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, Encoding.UTF8.GetString(response.Body));
    }
}
