using System.Text;
using System.Text.Json;
using AotAuth.Core;
using AotAuth.LocalHosting;
using AotAuth.Storage;
using AotAuth.Testing.Processes;

namespace AotAuth.IntegrationTests;

/// <summary>The native authorizer's log and metrics lines in Lambda's JSON log format.</summary>
public sealed class JsonLogTests
{
    private const string Token = "JsonLogToken0123456789";
    private const string TraceId = "Root=1-67890abc-0123456789abcdef01234567;Sampled=1";

    private static async Task<IReadOnlyCollection<string>> RunAsync(string level)
    {
        using DynamoDbClient client = DynamoDbLocal.CreateClient();
        string table = DynamoDbLocal.UniqueTableName("auth-token");
        await DynamoDbTables.EnsureTokenTableAsync(client, table, CancellationToken.None);
        await new DynamoDbTokenStore(client, table).PutAsync(new TokenRecord(TokenHash.Compute(Token).ToHex(), "json-user", ["GET /user/*"], null), CancellationToken.None);

        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using ChildProcess function = TestProcesses.StartFunction(server, RepoPaths.NativeBootstrap("AotAuth.Authorizer"), new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = DynamoDbLocal.Endpoint,
            ["TOKEN_TABLE"] = table,
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_LAMBDA_LOG_LEVEL"] = level,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "aotauth-authorizer",
        });
        var options = new InvokeOptions(TimeSpan.FromSeconds(10), TraceId);
        string arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/user/1";
        foreach (string token in new[] { Token, Token, "UnknownToken99", "bad token" })
        {
            await server.InvokeAsync(Encoding.UTF8.GetBytes($$"""{"type":"TOKEN","authorizationToken":"{{token}}","methodArn":"{{arn}}"}"""), options);
        }

        await server.InvokeAsync("{not json"u8.ToArray(), options);
        await Task.Delay(200); // let the last lines arrive through the pipes
        return function.Lines;
    }

    [Fact]
    public async Task EveryLine_IsJson_WithRequiredFields_DecisionsAndEmf_AndNoToken()
    {
        IReadOnlyCollection<string> lines = await RunAsync("INFO");

        var decisions = new List<JsonElement>();
        int emf = 0;
        foreach (string line in lines)
        {
            Assert.DoesNotContain(Token, line, StringComparison.Ordinal);
            Assert.DoesNotContain("UnknownToken99", line, StringComparison.Ordinal);
            JsonElement json = JsonDocument.Parse(line).RootElement.Clone();
            if (json.TryGetProperty("_aws", out JsonElement aws))
            {
                emf++;
                Assert.Equal("AotAuth", aws.GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
                Assert.Equal("aotauth-authorizer", json.GetProperty("FunctionName").GetString());
                foreach (JsonElement metric in aws.GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray())
                {
                    Assert.True(json.GetProperty(metric.GetProperty("Name").GetString()!).GetDouble() >= 0);
                }

                continue;
            }

            Assert.True(DateTimeOffset.TryParse(json.GetProperty("timestamp").GetString(), out _));
            Assert.True(json.GetProperty("level").GetString() is "INFO" or "WARN" or "ERROR", line);
            Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()));
            if (json.GetProperty("message").GetString() == "authorizer decision")
            {
                decisions.Add(json);
            }
        }

        Assert.Equal(5, emf);
        Assert.Equal(["allow", "allow", "unauthorized", "unauthorized", "error"], decisions.Select(d => d.GetProperty("decision").GetString()));
        Assert.All(decisions, d =>
        {
            Assert.Equal(TraceId, d.GetProperty("traceId").GetString());
            Assert.True(Guid.TryParse(d.GetProperty("requestId").GetString(), out _));
            Assert.True(d.GetProperty("durationMs").GetDouble() >= 0);
        });
        Assert.Equal("miss", decisions[0].GetProperty("cache").GetString());
        Assert.Equal("hit", decisions[1].GetProperty("cache").GetString());
        Assert.Equal("json-user", decisions[0].GetProperty("principalId").GetString());
        Assert.Equal(TokenHash.Compute(Token).ToHex()[..8], decisions[0].GetProperty("tokenHash").GetString());
    }

    [Fact]
    public async Task ErrorLevel_SuppressesDecisionLines_ButNotMetrics()
    {
        IReadOnlyCollection<string> lines = await RunAsync("ERROR");

        Assert.DoesNotContain(lines, l => l.Contains("\"level\":\"INFO\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"level\":\"WARN\"", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.Contains("\"_aws\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UserFunction_WritesOneJsonRequestLineAndOneEmfLinePerInvocation()
    {
        using DynamoDbClient client = DynamoDbLocal.CreateClient();
        string table = DynamoDbLocal.UniqueTableName("user");
        await DynamoDbTables.EnsureUserTableAsync(client, table, CancellationToken.None);
        await using RuntimeApiServer server = await RuntimeApiServer.StartAsync();
        await using (ChildProcess function = TestProcesses.StartFunction(server, RepoPaths.NativeBootstrap("AotAuth.UserFunction"), new Dictionary<string, string>
        {
            ["DYNAMODB_ENDPOINT"] = DynamoDbLocal.Endpoint,
            ["USER_TABLE"] = table,
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "aotauth-user",
        }))
        {
            var options = new InvokeOptions(TimeSpan.FromSeconds(10), TraceId);
            foreach (string json in new[]
            {
                """{"action":"put","principalId":"ada","body":{"id":"j1","name":"Ada"}}""",
                """{"action":"put","principalId":"ada","body":{"id":"j1"}}""",
                """{"action":"get","principalId":"ada","id":"nobody"}""",
                """{"action":"get","principalId":"ada","id":"j1"}""",
            })
            {
                await server.InvokeAsync(Encoding.UTF8.GetBytes(json), options);
            }

            await Task.Delay(200);
            var requests = new List<JsonElement>();
            int emf = 0;
            foreach (string line in function.Lines)
            {
                JsonElement json = JsonDocument.Parse(line).RootElement.Clone();
                if (json.TryGetProperty("_aws", out _))
                {
                    emf++;
                    Assert.Equal("aotauth-user", json.GetProperty("FunctionName").GetString());
                }
                else if (json.GetProperty("message").GetString() == "user request")
                {
                    requests.Add(json);
                }
            }

            // The invalid body reaches no store and is no cold start: nothing recorded, no EMF line.
            Assert.Equal(3, emf);
            Assert.Equal(["ok", "BadRequest", "NotFound", "ok"], requests.Select(r => r.GetProperty("outcome").GetString()));
            Assert.Equal(["put", "invalid", "get", "get"], requests.Select(r => r.GetProperty("action").GetString()));
            Assert.All(requests, r => Assert.Equal(TraceId, r.GetProperty("traceId").GetString()));
        }
    }
}
