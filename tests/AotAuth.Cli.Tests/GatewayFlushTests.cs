using System.Net;
using AotAuth.Cli.LocalGateway;

namespace AotAuth.Cli.Tests;

/// <summary>
/// The cache flush <c>token revoke</c> asks of a running serve, against an authorizer answer in
/// flight: the authorizer decided Allow (as a warm instance does from its decision cache), the
/// token was revoked and the caches flushed, then the answer arrived. It goes to its own request,
/// but is never cached: the next request asks the authorizer again and is refused.
/// </summary>
public sealed class GatewayFlushTests : IDisposable
{
    private readonly string _revoked = Path.Combine(Path.GetTempPath(), "aotauth-revoked-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        File.Delete(_revoked);
        File.Delete(_revoked + ".decided");
    }

    public static TheoryData<string, string, string> Apis => new()
    {
        {
            "rest",
            """{"principalId":"ada","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"{METHOD_ARN}"}]}}""",
            """{"principalId":"ada","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"{METHOD_ARN}"}]}}"""
        },
        { "http", """{"isAuthorized":true,"context":{"principalId":"ada"}}""", """{"isAuthorized":false}""" },
    };

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task AllowInFlightDuringAFlush_IsNotCached(string api, string allow, string deny)
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(
            api: api == "http" ? GatewayApi.Http : GatewayApi.Rest,
            authorizerScript: new Dictionary<string, string>
            {
                ["FAKE_RESPONSE"] = allow,
                ["FAKE_REVOKED_FILE"] = _revoked,
                ["FAKE_REVOKED_RESPONSE"] = deny,
                ["FAKE_SLEEP"] = "2",
            });
        const string token = "inflighttoken42";

        Task<HttpResponseMessage> inFlight = host.SendAsync(HttpMethod.Get, "/user/x", token);
        await WaitForAsync(() => File.Exists(_revoked + ".decided"));
        File.WriteAllText(_revoked, "revoked");
        await host.FlushCachesAsync();
        using HttpResponseMessage first = await inFlight;
        using HttpResponseMessage next = await host.SendAsync(HttpMethod.Get, "/user/x", token);

        Assert.NotEqual(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
        Assert.Equal(2, host.Server.Authorizer.Invocations);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the authorizer never decided");
    }
}
