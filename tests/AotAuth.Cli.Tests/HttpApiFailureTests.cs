using System.Net;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>The HTTP API's 500 rows: a scripted fake authorizer or user function on the real Runtime API.</summary>
public sealed class HttpApiFailureTests
{
    private const string Token = "SomeToken12345";

    private static async Task<(HttpResponseMessage Response, GatewayTestHost Host)> SendOnce(
        Dictionary<string, string>? authorizer = null, Dictionary<string, string>? user = null, TimeSpan? timeout = null)
    {
        GatewayTestHost host = await GatewayTestHost.StartAsync(authorizerScript: authorizer, userScript: user, functionTimeout: timeout, api: GatewayApi.Http);
        HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, "/user/1", Token);
        return (response, host);
    }

    public static TheoryData<string, string> AuthorizerFailures => new()
    {
        { "FAKE_ERROR", "Unauthorized" },
        { "FAKE_ERROR", "Something broke" },
        { "FAKE_RESPONSE", "not json" },
        { "FAKE_RESPONSE", """{"isAuthorized":"yes"}""" },
        { "FAKE_RESPONSE", """{"isAuthorized":true,"context":[1]}""" },
        { "FAKE_EXIT", "1" },
    };

    [Theory]
    [MemberData(nameof(AuthorizerFailures))]
    public async Task AuthorizerErrorOrInvalidAnswer_Is500_AndNotCached(string variable, string value)
    {
        var (response, host) = await SendOnce(authorizer: new() { [variable] = value });
        await using (host)
        {
            await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}""");
            using HttpResponseMessage again = await host.SendAsync(HttpMethod.Get, "/user/1", Token);
            Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
            Assert.True(host.Server.Authorizer.Invocations >= 2, "a failure must not be cached");
        }
    }

    [Fact]
    public async Task AuthorizerTimeout_Is500()
    {
        var (response, host) = await SendOnce(authorizer: new() { ["FAKE_HANG"] = "1" }, timeout: TimeSpan.FromSeconds(1));
        await using (host)
        {
            await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}""");
        }
    }

    public static TheoryData<string, string> UserFailures => new()
    {
        { "FAKE_ERROR", "StoreUnavailable: down" },
        { "FAKE_RESPONSE", "not json" },
        { "FAKE_EXIT", "1" },
    };

    [Theory]
    [MemberData(nameof(UserFailures))]
    public async Task IntegrationErrorOrInvalidAnswer_Is500(string variable, string value)
    {
        var (response, host) = await SendOnce(
            authorizer: new() { ["FAKE_RESPONSE"] = """{"isAuthorized":true,"context":{"principalId":"fake"}}""" },
            user: new() { [variable] = value });
        await using (host)
        {
            await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}""");
        }
    }

    [Fact]
    public async Task SimpleContext_ReachesTheIntegration_AndAResponseWithoutStatusCodeIs200Json()
    {
        var (response, host) = await SendOnce(
            authorizer: new() { ["FAKE_RESPONSE"] = """{"isAuthorized":true,"context":{"principalId":"fake","list":[1,2]}}""" },
            user: new() { ["FAKE_RESPONSE"] = """{"hello":"world"}""" });
        await using (host)
        {
            await HttpApiStatusTableTests.AssertAnswer(response, HttpStatusCode.OK, """{"hello":"world"}""");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
