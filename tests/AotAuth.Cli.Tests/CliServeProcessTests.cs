using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AotAuth.Cli.Tests;

/// <summary>
/// <c>aotauth serve</c> as the quick start runs it: a real process with the JIT builds of the
/// functions as its children, stopped with Ctrl+C (SIGINT).
/// </summary>
public sealed partial class CliServeProcessTests : IDisposable
{
    private const string DemoHeading = "No tokens yet, so here is a demo token";
    private static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(15);

    private readonly ServeSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Serve_RunsTheQuickStart_AndCtrlCStopsItWithItsFunctions()
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port);
        string baseUrl = $"http://127.0.0.1:{port}";
        Assert.Contains($"AotAuth local API on {baseUrl}", serve.Stderr, StringComparison.Ordinal);
        string token = DemoToken(serve.Stderr);

        using (HttpResponseMessage put = await _sandbox.SendAsync(HttpMethod.Put, $"{baseUrl}/user", token, """{"id":"cli-42","name":"Ada Lovelace"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        using (HttpResponseMessage get = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/cli-42", token))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            using JsonDocument user = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            Assert.Equal("cli-42", user.RootElement.GetProperty("id").GetString());
            Assert.Equal("Ada Lovelace", user.RootElement.GetProperty("name").GetString());
            Assert.Equal("demo", user.RootElement.GetProperty("updatedBy").GetString());
        }

        string wrong = token == "abcdefghijklmnopqrstuvwxyz012345" ? "bbcdefghijklmnopqrstuvwxyz012345" : "abcdefghijklmnopqrstuvwxyz012345";
        using (HttpResponseMessage wrongToken = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/cli-42", wrong))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        }

        using (HttpResponseMessage noToken = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/cli-42", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        Assert.NotEmpty(CliFunctionProcesses.Find(_sandbox.Folder.Data));

        await StopAsync(serve);

        IReadOnlyList<int> left = await CliFunctionProcesses.WaitUntilGoneAsync(_sandbox.Folder.Data, TimeSpan.FromSeconds(30));
        Assert.True(left.Count == 0, $"function processes left after serve exited: {string.Join(", ", left)}");

        Assert.DoesNotContain(serve.AllLines, line => line.Contains(wrong, StringComparison.Ordinal));
        string[] withToken = serve.AllLines.Where(line => line.Contains(token, StringComparison.Ordinal)).ToArray();
        Assert.True(withToken.Length == 3, "the demo token must appear only on its own line and the two curl lines:\n" + string.Join('\n', withToken));
        Assert.Single(withToken, line => line.Trim() == token);
        Assert.Equal(2, withToken.Count(line => line.TrimStart().StartsWith("curl ", StringComparison.Ordinal)));
        Assert.Contains(CliProcess.Lines(serve.Stderr), line => line.Contains("PUT /user -> 204", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("iam")]
    public async Task ServeApiHttp_AnswersTheHttpApiSession(string authorizerResponse)
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, "--api", "http", "--authorizer-response", authorizerResponse);
        string baseUrl = $"http://127.0.0.1:{port}";
        Assert.Contains($"AotAuth local API (HTTP API, {(authorizerResponse == "iam" ? "IAM" : "simple")} authorizer responses) on {baseUrl}", serve.Stderr, StringComparison.Ordinal);
        string token = DemoToken(serve.Stderr);

        using (HttpResponseMessage put = await _sandbox.SendAsync(HttpMethod.Put, $"{baseUrl}/user", token, """{"id":"h-1","name":"Ada"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            Assert.True(put.Headers.Contains("apigw-requestid"));
        }

        using (HttpResponseMessage get = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/h-1", token))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            using JsonDocument user = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            Assert.Equal("demo", user.RootElement.GetProperty("updatedBy").GetString());
        }

        using (HttpResponseMessage wrong = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/h-1", "wrongtoken123"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using (HttpResponseMessage none = await _sandbox.SendAsync(HttpMethod.Get, $"{baseUrl}/user/h-1", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        await StopAsync(serve);
    }

    [Fact]
    public async Task Serve_ASecondTimeOnTheSameDataFolder_PrintsNoNewDemoToken()
    {
        string token;
        using (CliProcess first = await _sandbox.StartServeAsync(CliFunctionProcesses.FreePort()))
        {
            token = DemoToken(first.Stderr);
            await StopAsync(first);
        }

        string[] tokenFiles = Directory.GetFiles(Path.Combine(_sandbox.Folder.Data, "tokens"));
        Assert.Single(tokenFiles);

        int port = CliFunctionProcesses.FreePort();
        using CliProcess second = await _sandbox.StartServeAsync(port);

        Assert.DoesNotContain(DemoHeading, second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(CliProcess.Lines(second.Stderr), line => IndentedToken().IsMatch(line));
        Assert.Equal(tokenFiles, Directory.GetFiles(Path.Combine(_sandbox.Folder.Data, "tokens")));

        using (HttpResponseMessage put = await _sandbox.SendAsync(HttpMethod.Put, $"http://127.0.0.1:{port}/user", token, """{"id":"cli-7","name":"Grace"}"""))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        await StopAsync(second);
    }

    private static async Task StopAsync(CliProcess serve)
    {
        serve.Interrupt();
        Assert.True(await serve.WaitForExitAsync(Shutdown), $"serve did not exit within {Shutdown} of SIGINT.\nstderr:\n{serve.Stderr}");
    }

    /// <summary>The indented line after the demo token heading.</summary>
    private static string DemoToken(string stderr)
    {
        string[] lines = CliProcess.Lines(stderr);
        int heading = Array.FindIndex(lines, line => line.StartsWith(DemoHeading, StringComparison.Ordinal));
        Assert.True(heading >= 0 && heading + 1 < lines.Length, "no demo token printed:\n" + stderr);
        Assert.Matches(IndentedToken(), lines[heading + 1]);
        return lines[heading + 1].Trim();
    }

    [GeneratedRegex(@"^\s+[A-Za-z0-9]{32}$")]
    private static partial Regex IndentedToken();
}
