using System.Net;
using System.Text.Json;

namespace AotAuth.Cli.Tests;

/// <summary>The gateway's metrics endpoint and one trace id per request across both functions.</summary>
public sealed class GatewayObservabilityTests
{
    [Fact]
    public async Task MetricsEndpoint_CountsRequestsDecisionsCacheAndRouteLatency()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync();
        string token = await host.CreateTokenAsync("ada", "PUT /user", "GET /user/*");
        await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"m1","name":"M"}""");
        await host.SendAsync(HttpMethod.Get, "/user/m1", token);
        await host.SendAsync(HttpMethod.Get, "/user/m1", null);
        await host.SendAsync(HttpMethod.Get, "/nowhere", token);

        using HttpResponseMessage response = await host.Http.GetAsync(new Uri("/_aotauth/metrics", UriKind.Relative));
        JsonElement metrics = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, metrics.GetProperty("requests").GetInt64());
        Assert.Equal(2, metrics.GetProperty("decisions").GetProperty("allow").GetInt64());
        Assert.Equal(1, metrics.GetProperty("decisions").GetProperty("unauthorized").GetInt64());
        Assert.Equal(1, metrics.GetProperty("authorizerCache").GetProperty("hits").GetInt64());
        Assert.Equal(1, metrics.GetProperty("authorizerCache").GetProperty("misses").GetInt64());
        Assert.Equal(1, metrics.GetProperty("routes").GetProperty("PUT /user").GetProperty("requests").GetInt64());
        Assert.Equal(2, metrics.GetProperty("routes").GetProperty("GET /user/{id}").GetProperty("requests").GetInt64());
        Assert.True(metrics.GetProperty("routes").GetProperty("PUT /user").GetProperty("p99Ms").GetDouble() > 0);
        Assert.StartsWith("4 request(s); decisions: allow 2", host.Server.Metrics.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneRequest_CarriesOneTraceIdThroughTheAuthorizerAndTheUserFunction()
    {
        await using GatewayTestHost host = await GatewayTestHost.StartAsync(functionEnvironment: new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" });
        string token = await host.CreateTokenAsync("ada", "PUT /user");

        using HttpResponseMessage put = await host.SendAsync(HttpMethod.Put, "/user", token, """{"id":"t1","name":"T"}""");
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        await Task.Delay(300); // the functions' last lines travel through pipes

        string TraceOf(string message) => host.LogLines
            .Select(l => l.Contains('{', StringComparison.Ordinal) ? l[l.IndexOf('{', StringComparison.Ordinal)..] : "")
            .Where(l => l.Contains($"\"message\":\"{message}\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("traceId").GetString()!)
            .Single();
        string authorizerTrace = TraceOf("authorizer decision");
        string userTrace = TraceOf("user request");

        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$", authorizerTrace);
        Assert.Equal(authorizerTrace, userTrace);
        Assert.DoesNotContain(host.LogLines, l => l.Contains(token, StringComparison.Ordinal));
    }
}
