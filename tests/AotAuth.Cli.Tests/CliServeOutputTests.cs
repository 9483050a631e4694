using System.Net;

namespace AotAuth.Cli.Tests;

/// <summary>What <c>serve</c> prints: a first line at once, then per request what <c>--log-level</c> / <c>--quiet</c> choose.</summary>
public sealed class CliServeOutputTests : IDisposable
{
    private readonly ServeSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task ServeByDefault_PrintsOneAccessLineAndTheReportLines_ButNoFunctionLogOrMetricsLines()
    {
        string[] lines = await ServeOneRequestAsync([]);

        Assert.StartsWith("Starting the AotAuth local API (", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, line => line.StartsWith("GET /user/42 -> 404 (", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("[authorizer] REPORT RequestId: ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("[user] REPORT RequestId: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("\"_aws\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("\tINFO\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeQuiet_PrintsNeitherAccessNorReportLines()
    {
        string[] lines = await ServeOneRequestAsync(["--quiet"]);

        Assert.DoesNotContain(lines, line => line.Contains(" -> 404 (", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("REPORT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeLogLevelDebug_AlsoPrintsTheFunctionsLogAndMetricsLines()
    {
        string[] lines = await ServeOneRequestAsync(["--log-level", "debug"]);

        Assert.Contains(lines, line => line.StartsWith("[authorizer] {\"_aws\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("[user] ", StringComparison.Ordinal) && line.Contains("user request", StringComparison.Ordinal));
    }

    /// <summary>Starts serve with <paramref name="options"/>, sends GET /user/42 with the demo token (a 404), stops it and returns its stderr lines.</summary>
    private async Task<string[]> ServeOneRequestAsync(string[] options)
    {
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, options);
        string[] startLines = CliProcess.Lines(serve.Stderr);
        string token = startLines[Array.FindIndex(startLines, l => l.StartsWith("No tokens yet", StringComparison.Ordinal)) + 1].Trim();

        using HttpResponseMessage response = await _sandbox.SendAsync(HttpMethod.Get, $"http://127.0.0.1:{port}/user/42", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // The lines of one request arrive from three processes: wait for the last of them (bounded).
        for (int i = 0; i < 50 && !serve.Stderr.Contains("\"user request\"", StringComparison.Ordinal) && !serve.Stderr.Contains("user request ", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(300);
        serve.Interrupt();
        Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(15)), serve.Stderr);
        return CliProcess.Lines(serve.Stderr);
    }
}
