using System.Net;
using AotAuth.Testing.Processes;

namespace AotAuth.Cli.Tests;

/// <summary>
/// <c>token revoke</c> against the embedded store of a running <c>aotauth serve</c>: it flushes
/// the serve's authorizer result cache and the authorizer's decision caches through the loopback
/// admin endpoint, so the very next request with the revoked token is refused.
/// </summary>
public sealed class CliServeRevokeTests : IDisposable
{
    private readonly ServeSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task TokenRevoke_AgainstARunningServe_TakesEffectOnTheNextRequest()
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port);
        string url = $"http://127.0.0.1:{port}/user/nobody";
        string serveFile = Path.Combine(_sandbox.Folder.Data, "serve.json");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(serveFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "serve.json holds a secret: mode 0600");

        string first = await CreateTokenAsync("first");
        string second = await CreateTokenAsync("second");
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, first));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, second));

        // Without the flush (the serve file moved away) the cached Allow keeps the token working.
        File.Move(serveFile, serveFile + ".away");
        CliResult unflushed = await RevokeAsync(first);
        Assert.Contains("No `aotauth serve` is running on this store", unflushed.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, first));
        File.Move(serveFile + ".away", serveFile);

        CliResult flushed = await RevokeAsync(second);
        Assert.Contains($"Flushed the caches of the `aotauth serve` on http://127.0.0.1:{port}/", flushed.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(url, second));
        Assert.Contains(CliProcess.Lines(serve.Stderr), line => line.Contains("caches flushed:", StringComparison.Ordinal));

        // The flush also ended the cached Allow of the token revoked before it.
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(url, first));

        serve.Interrupt();
        Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(15)), serve.Stderr);
        Assert.False(File.Exists(serveFile), "serve.json must go when serve stops");
    }

    [Fact]
    public async Task TokenRevoke_AgainstAServeOnDynamoDbLocal_TakesEffectOnTheNextRequest()
    {
        string[] dynamoDb = ["--dynamodb-endpoint", DynamoDbLocal.Endpoint, "--table", DynamoDbLocal.UniqueTableName("revoke")];
        string[] store = ["--data", _sandbox.Folder.Data, .. dynamoDb];
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, dynamoDb);
        string url = $"http://127.0.0.1:{port}/user/nobody";
        CliResult create = await CliProcess.RunAsync(_sandbox.Folder.Path, ["token", "create", "--principal", "dora", "--scope", "GET /user/*", .. store]);
        Assert.True(create.ExitCode == 0, create.ToString());
        string token = create.Stdout.Trim();
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, token));

        CliResult revoke = await CliProcess.RunAsync(_sandbox.Folder.Path, ["token", "revoke", token, .. store]);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains("Flushed the caches of the `aotauth serve`", revoke.Stderr, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(url, token));
    }

    [Fact]
    public async Task TokenRevoke_AgainstAServeWithAnHttpApi_TakesEffectOnTheNextRequest()
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, "--api", "http");
        string url = $"http://127.0.0.1:{port}/user/nobody";
        string token = await CreateTokenAsync("http");
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, token));

        CliResult revoke = await RevokeAsync(token);

        Assert.Contains($"Flushed the caches of the `aotauth serve` on http://127.0.0.1:{port}/", revoke.Stderr, StringComparison.Ordinal);
        // A simple response's "not authorized" is 403 on an HTTP API.
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync(url, token));
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("http")]
    public async Task TokenRevoke_UnderLoad_NoRequestSentAfterItReturnsIsAllowed(string api)
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, "--native", "--api", api, "--log-level", "quiet");
        string url = $"http://127.0.0.1:{port}/user/nobody";
        string token = await CreateTokenAsync("load");
        // Every instance answers the token once, so each decision cache holds its Allow.
        HttpStatusCode[] warm = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GetAsync(url, token)));
        Assert.All(warm, status => Assert.Equal(HttpStatusCode.NotFound, status));

        // Workers send the token and junk tokens (which keep the authorizer's instances busy) while
        // the token is revoked; bounded in count and time (2 minutes), stopped once 20 requests with the
        // token followed the revoke (or 60 s after it on a loaded machine, with at least 5).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long revokedAt = long.MaxValue;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var outcomes = new System.Collections.Concurrent.ConcurrentQueue<(long SentAt, HttpStatusCode Status)>();
        Task[] workers = [.. Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 20_000 && !stop.IsCancellationRequested; i++)
            {
                bool ours = i % 2 == 0;
                long sentAt = clock.ElapsedTicks;
                HttpStatusCode status = await GetAsync(url, ours ? token : JunkToken(random));
                if (ours)
                {
                    outcomes.Enqueue((sentAt, status));
                }
            }
        }))];

        await Task.Delay(500);
        await RevokeAsync(token);
        Interlocked.Exchange(ref revokedAt, clock.ElapsedTicks);
        for (int wait = 0; wait < 600 && outcomes.Count(o => o.SentAt >= revokedAt) < 20; wait++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var after = outcomes.Where(o => o.SentAt >= revokedAt).ToList();
        Assert.True(after.Count >= 5, $"only {after.Count} requests with the token after the revoke");
        Assert.Contains(outcomes, o => o.SentAt < revokedAt && o.Status == HttpStatusCode.NotFound);
        HttpStatusCode refused = api == "http" ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
        Assert.All(after, o => Assert.Equal(refused, o.Status));
    }

    [SecondUserFact]
    public async Task AnotherLocalUser_CannotTakeEventsFromServesFunctions_AndServeKeepsWorking()
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, "--native");
        string url = $"http://127.0.0.1:{port}/user/nobody";
        string token = await CreateTokenAsync("victim");
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(url, token));

        // Every function instance's Runtime API, read from its environment (as root can).
        string[] runtimeApis = [.. CliFunctionProcesses.Find(_sandbox.Folder.Data)
            .Select(pid => File.ReadAllText($"/proc/{pid}/environ").Split('\0').Single(v => v.StartsWith("AWS_LAMBDA_RUNTIME_API=", StringComparison.Ordinal)))
            .Select(v => v["AWS_LAMBDA_RUNTIME_API=".Length..])];
        Assert.NotEmpty(runtimeApis);
        foreach (string api in runtimeApis)
        {
            await using var next = SecondUser.Start("/usr/bin/curl", "-sS", "-m", "5", $"http://{api}/2018-06-01/runtime/invocation/next");
            await using var answer = SecondUser.Start("/usr/bin/curl", "-sS", "-m", "5", "-X", "POST", "-d", "{}", $"http://{api}/2018-06-01/runtime/invocation/some-id/response");
            Assert.True(await next.WaitForExitAsync(TimeSpan.FromSeconds(30)) && await answer.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.NotEqual(0, next.ExitCode);
            Assert.NotEqual(0, answer.ExitCode);
            Assert.DoesNotContain(token, next.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, await GetAsync($"http://127.0.0.1:{port}/user/other", token));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(url, "wrongtoken123"));
    }

    [Fact]
    public async Task FlushEndpoint_WithoutTheSecret_IsRefused()
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port);

        using HttpResponseMessage response = await _sandbox.SendAsync(HttpMethod.Post, $"http://127.0.0.1:{port}/_aotauth/admin/flush-caches", "Bearer not-the-secret");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(CliProcess.Lines(serve.Stderr), line => line.Contains("caches flushed:", StringComparison.Ordinal));
    }

    private async Task<string> CreateTokenAsync(string principal)
    {
        CliResult create = await CliProcess.RunAsync(_sandbox.Folder.Path, "token", "create", "--data", _sandbox.Folder.Data, "--principal", principal, "--scope", "GET /user/*");
        Assert.True(create.ExitCode == 0, create.ToString());
        return create.Stdout.Trim();
    }

    private async Task<CliResult> RevokeAsync(string token)
    {
        CliResult revoke = await CliProcess.RunAsync(_sandbox.Folder.Path, "token", "revoke", "--data", _sandbox.Folder.Data, token);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        return revoke;
    }

    private static string JunkToken(Random random) =>
        string.Create(32, random, (chars, r) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[r.Next(36)];
            }
        });

    private async Task<HttpStatusCode> GetAsync(string url, string token)
    {
        using HttpResponseMessage response = await _sandbox.SendAsync(HttpMethod.Get, url, token);
        return response.StatusCode;
    }
}
