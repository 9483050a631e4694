using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>
/// What the gateway does with authorizers other than ours: a scripted fake on the real
/// Runtime API answers exactly the bytes each test needs.
/// </summary>
public sealed class GatewayAuthorizerOutputTests
{
    private const string Token = "SomeToken12345";

    private static string Policy(string effect, string resource, string context = """{"who":"x"}""") =>
        $$"""{"principalId":"fake","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"{{effect}}","Resource":{{resource}}}]},"context":{{context}}}""";

    private static async Task<(HttpResponseMessage Response, GatewayTestHost Host)> SendOnce(Dictionary<string, string> script, string path = "/user/1", TimeSpan? timeout = null)
    {
        GatewayTestHost host = await GatewayTestHost.StartAsync(authorizerScript: script, functionTimeout: timeout);
        HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, path, Token);
        return (response, host);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"policyDocument":{"Version":"2012-10-17","Statement":[]}}""")]
    [InlineData("""{"principalId":"x"}""")]
    public async Task MalformedOutput_Is500AuthorizerConfigurationException(string body)
    {
        var (response, host) = await SendOnce(new() { ["FAKE_RESPONSE"] = body });
        await using (host)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("""{"message": null}""", await response.Content.ReadAsStringAsync());
            Assert.Equal("AuthorizerConfigurationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        }
    }

    [Theory]
    [InlineData("""{"nested":{"a":1}}""")]
    [InlineData("""{"list":[1,2]}""")]
    public async Task ContextWithAnObjectOrArray_Is500(string context)
    {
        var (response, host) = await SendOnce(new() { ["FAKE_RESPONSE"] = Policy("Allow", "\"{METHOD_ARN}\"", context) });
        await using (host)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public async Task ErrorOtherThanUnauthorized_Is500()
    {
        var (response, host) = await SendOnce(new() { ["FAKE_ERROR"] = "Something broke" });
        await using (host)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("""{"message": null}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AuthorizerTimeout_Is500_NotAHang()
    {
        var (response, host) = await SendOnce(new() { ["FAKE_HANG"] = "1" }, timeout: TimeSpan.FromSeconds(1));
        await using (host)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public async Task ExplicitDenyForTheMethodArn_Is403WithTheExplicitMessage()
    {
        var (response, host) = await SendOnce(new() { ["FAKE_RESPONSE"] = Policy("Deny", "\"{METHOD_ARN}\"") });
        await using (host)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("explicit deny", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeedStylePolicyForOneMethodArn_ShowsTheCrossRoutePitfall()
    {
        // The seed's authorizer allows only the methodArn it was called for; API Gateway caches
        // that policy under the token, so the token's next route is refused.
        GatewayTestHost host = await GatewayTestHost.StartAsync(authorizerScript: new Dictionary<string, string> { ["FAKE_RESPONSE"] = Policy("Allow", "\"{METHOD_ARN}\"") });
        await using (host)
        {
            using HttpResponseMessage first = await host.SendAsync(HttpMethod.Get, "/user/1", Token);
            using HttpResponseMessage second = await host.SendAsync(HttpMethod.Get, "/user/2", Token);

            Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
            Assert.Equal(1, host.Server.Authorizer.Invocations);
        }
    }

    [Fact]
    public async Task ArrayResourceWithWildcards_AllowsEveryMatchingRoute_AndContextReachesNoFurtherThanMapped()
    {
        string resources = """["arn:aws:execute-api:*:123456789012:local/prod/GET/user/*","arn:aws:execute-api:us-east-1:123456789012:local/prod/PUT/use?"]""";
        GatewayTestHost host = await GatewayTestHost.StartAsync(authorizerScript: new Dictionary<string, string> { ["FAKE_RESPONSE"] = Policy("Allow", resources, """{"n":1,"b":true}""") });
        await using (host)
        {
            using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", Token, """{"id":"a1","name":"A"}""");
            using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/a1", Token);

            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("fake", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["updatedBy"]);
        }
    }
}
