using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace AotAuth.Cli.Tests;

/// <summary>Lambda-like behaviour under load and faults: scaling, timeouts, crashed processes.</summary>
public sealed class GatewayLoadAndRecoveryTests
{
    [Fact]
    public async Task TwoThousandRequestsFrom32Clients_AreAllAnsweredCorrectly_AndEveryAcknowledgedPutIsReadable()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(maxInstances: 4);
        string writer = await host.CreateTokenAsync("writer", "PUT /user", "GET /user/*");
        string reader = await host.CreateTokenAsync("reader", "GET /user/*");
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 2000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            // A mix: writes, reads of missing users (404), reads with a read-only token of a
            // route it may not call (403), and unknown tokens (401).
            (HttpMethod method, string path, string token, string? body, HttpStatusCode expected) = (i % 4) switch
            {
                0 => (HttpMethod.Put, "/user", writer, $$"""{"id":"load-{{i}}","name":"User {{i}}"}""", HttpStatusCode.NoContent),
                1 => (HttpMethod.Get, $"/user/missing-{i}", reader, null, HttpStatusCode.NotFound),
                2 => (HttpMethod.Put, "/user", reader, """{"id":"nope","name":"No"}""", HttpStatusCode.Forbidden),
                _ => (HttpMethod.Get, "/user/x", $"Unknown{i:D8}", null, HttpStatusCode.Unauthorized),
            };
            using HttpResponseMessage response = await host.SendAsync(method, path, token, body);
            if (response.StatusCode != expected)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode}");
            }
            else if (expected == HttpStatusCode.NoContent)
            {
                acknowledged.Add($"load-{i}");
            }
        });

        Assert.Empty(wrong);
        Assert.Equal(500, acknowledged.Count);
        Assert.InRange(host.Server.User.ColdStarts, 1, 4);
        foreach (string id in acknowledged)
        {
            using HttpResponseMessage get = await host.SendAsync(HttpMethod.Get, "/user/" + id, reader);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(id, (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["id"]);
        }
    }

    [Fact]
    public async Task KilledFunctionProcess_IsReplacedOnTheNextRequest()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(maxInstances: 1);
        string token = await host.CreateTokenAsync("ada", "PUT /user", "GET /user/*");
        using HttpResponseMessage first = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"k1","name":"Before"}""");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);

        foreach (int pid in host.Server.User.ProcessIds)
        {
            using Process victim = Process.GetProcessById(pid);
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        using HttpResponseMessage after = await host.SendAsync(HttpMethod.Get, "/user/k1", token);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, host.Server.User.ColdStarts);
    }

    [Fact]
    public async Task FunctionCrashingMidInvocation_Gives500_AndTheNextRequestGetsAFreshInstance()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(userScript: new Dictionary<string, string> { ["FAKE_EXIT"] = "1" });
        string token = await host.CreateTokenAsync("ada", "GET /user/*");

        using HttpResponseMessage first = await host.SendAsync(HttpMethod.Get, "/user/1", token);
        using HttpResponseMessage second = await host.SendAsync(HttpMethod.Get, "/user/1", token);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(2, host.Server.User.ColdStarts);
    }

    [Fact]
    public async Task FunctionTimeout_Gives500_NotAHang()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(userScript: new Dictionary<string, string> { ["FAKE_HANG"] = "1" }, functionTimeout: TimeSpan.FromSeconds(1));
        string token = await host.CreateTokenAsync("ada", "GET /user/*");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, "/user/1", token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Internal server error", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
    }
}
