using System.Collections.Concurrent;
using System.Net;
using AotAuth.Core;
using AotAuth.Storage;
using Xunit.Abstractions;

namespace AotAuth.Hardening.Tests.Secrets;

/// <summary>
/// A full flow through the in-process gateway and real function processes (valid, unknown,
/// expired, revoked, malformed and garbage tokens; good and bad bodies) with every log line
/// captured: no token may appear in a log line or in a file of the data folder.
/// </summary>
[Collection(Heavy.Name)]
public sealed class NoTokenInLogsOrDataTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("aotauth-secrets-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NoToken_AppearsInAnyLogLineOfTheGatewayAndBothFunctions_OrInTheDataFolder(bool native)
    {
        ConcurrentQueue<string> log;
        var secrets = new List<string>();
        await using (GatewayTestHost gateway = await GatewayTestHost.StartAsync(native, functionEnvironment: HardeningEnvironment.Functions, dataDirectory: _data))
        {
            log = gateway.LogLines;
            string writer = await gateway.CreateTokenAsync("writer", "PUT /user", "GET /user/*");
            string reader = await gateway.CreateTokenAsync("reader", "GET /user/*");
            string broken = await gateway.CreateTokenAsync("broken", "GET user", "FETCH /x");
            string revoked = await gateway.CreateTokenAsync("revoked", "GET /user/*");
            await gateway.Tokens.DeleteAsync(TokenHash.Compute(revoked).ToHex(), CancellationToken.None);
            string expired = Guid.NewGuid().ToString("N");
            await gateway.Tokens.PutAsync(new TokenRecord(TokenHash.Compute(expired).ToHex(), "expired", ["GET /user/*"], DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds()), CancellationToken.None);
            string unknown = Guid.NewGuid().ToString("N");
            string malformed = "Bad-Token-" + Guid.NewGuid().ToString("N")[..12];
            string bearer = "Bearer " + Guid.NewGuid().ToString("N");
            string tooLong = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            secrets.AddRange([writer, reader, broken, revoked, expired, unknown, malformed, bearer[7..], tooLong]);

            (string? Token, HttpMethod Method, string Path, string? Body, HttpStatusCode Expected)[] flow =
            [
                (writer, HttpMethod.Put, "/user", """{"id":"s1","name":"Secret Keeper"}""", HttpStatusCode.NoContent),
                (writer, HttpMethod.Get, "/user/s1", null, HttpStatusCode.OK),
                (reader, HttpMethod.Get, "/user/s1", null, HttpStatusCode.OK),
                (reader, HttpMethod.Get, "/user/nobody", null, HttpStatusCode.NotFound),
                (reader, HttpMethod.Put, "/user", """{"id":"s2","name":"No"}""", HttpStatusCode.Forbidden),
                (writer, HttpMethod.Put, "/user", """{"id":"s3"}""", HttpStatusCode.BadRequest),
                (writer, HttpMethod.Put, "/user", "not json at all", HttpStatusCode.BadRequest),
                (broken, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Forbidden),
                (revoked, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (expired, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (unknown, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (malformed, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (bearer, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (tooLong, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (null, HttpMethod.Get, "/user/s1", null, HttpStatusCode.Unauthorized),
                (writer, HttpMethod.Delete, "/user/s1", null, HttpStatusCode.Forbidden),
            ];
            foreach (var step in flow)
            {
                using HttpResponseMessage response = await gateway.SendAsync(step.Method, step.Path, step.Token, step.Body);
                Assert.True(step.Expected == response.StatusCode, $"{step.Method} {step.Path}: expected {(int)step.Expected}, got {(int)response.StatusCode}");
            }
        }

        var scanner = new SecretScanner(secrets);
        IReadOnlyList<SecretFinding> inLogs = scanner.ScanLines(log, "log");
        IReadOnlyList<SecretFinding> inData = scanner.ScanFolder(_data);
        output.WriteLine($"{log.Count} log lines and {Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).Count()} data files scanned for {secrets.Count} tokens");

        Assert.Contains(log, line => line.StartsWith("[authorizer] REPORT", StringComparison.Ordinal));
        Assert.Contains(log, line => line.StartsWith("[user] REPORT", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("authorizer decision", StringComparison.Ordinal));
        Assert.True(inLogs.Count == 0, "tokens in the logs: " + string.Join("; ", inLogs));
        Assert.True(inData.Count == 0, "tokens in the data folder: " + string.Join("; ", inData));
    }
}
