using System.Net;

namespace AotAuth.Cli.Tests;

/// <summary>
/// <c>aotauth serve --template</c> on a hand-built template whose functions are not AotAuth's: two
/// <c>sh</c> + <c>curl</c> bootstraps in the shape of AWS's custom runtime tutorial (an authorizer and
/// a backend, in <c>tests/AotAuth.Testing/Templates/shop</c>) and a Python function it cannot run.
/// </summary>
public sealed class CliServeTemplateTests : IDisposable
{
    private readonly ServeSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [UnixFact]
    public async Task ServeTemplate_RunsTheTemplatesOwnBootstraps_WithApiGatewaysAuthorizerSemantics()
    {
        string template = CopyShop();
        int port = CliFunctionProcesses.FreePort();
        using CliProcess serve = await _sandbox.StartServeAsync(port, "--template", template);
        string url = $"http://127.0.0.1:{port}";

        const string Item7 = """{"event":{"id":"7","who":"shop-user"},"greeting":"hello from us-east-1"}""";
        Assert.Equal((HttpStatusCode.OK, Item7), await GetAsync($"{url}/items/7", "letmein"));
        Assert.Equal((HttpStatusCode.OK, Item7), await GetAsync($"{url}/items/7", "letmein"));

        // The authorizer allowed exactly /items/7's method ARN; its cached policy is evaluated again for /items/8.
        Assert.Equal((HttpStatusCode.Forbidden, """{"message":"User is not authorized to access this resource"}"""), await GetAsync($"{url}/items/8", "letmein"));
        Assert.Equal((HttpStatusCode.Forbidden, """{"message":"User is not authorized to access this resource with an explicit deny"}"""), await GetAsync($"{url}/items/7", "deny"));
        Assert.Equal((HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}"""), await GetAsync($"{url}/items/7", "nope"));
        Assert.Equal((HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}"""), await GetAsync($"{url}/items/7", null));
        Assert.Equal((HttpStatusCode.OK, """{"event":{"list":true},"greeting":"hello from us-east-1"}"""), await GetAsync($"{url}/items", null));
        Assert.Equal((HttpStatusCode.BadGateway, """{"message": "Internal server error"}"""), await GetAsync($"{url}/legacy", null));

        serve.Interrupt();
        Assert.True(await serve.WaitForExitAsync(TimeSpan.FromSeconds(15)), serve.Stderr);
        string[] lines = CliProcess.Lines(serve.Stderr);
        Assert.Contains("cannot run LegacyFn: runtime python3.12: the local gateway runs custom-runtime bootstraps only (provided.al2023, provided.al2); its routes answer 502", lines);
        Assert.Contains(lines, l => l.StartsWith("AotAuth local API (REST API) on ", StringComparison.Ordinal));
        // letmein's policy is cached by token for the TTL (300 s): only its first request, deny and nope invoked the authorizer.
        Assert.Equal(3, lines.Count(l => l.StartsWith("[AuthorizerFn] REPORT", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("[BackendFn] REPORT", StringComparison.Ordinal) && l.Contains("Memory Size: 256 MB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServeTemplate_RefusesToStart_WhenAMethodNeedsAnAuthorizationItCannotDecide()
    {
        string template = CopyShop();
        File.WriteAllText(template, File.ReadAllText(template).Replace("\"AuthorizationType\": \"NONE\"", "\"AuthorizationType\": \"AWS_IAM\"", StringComparison.Ordinal));

        CliResult result = await CliProcess.RunAsync(_sandbox.Folder.Path, "serve", "--template", template, "--port", "0", "--data", _sandbox.Folder.Data);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not started, because the local gateway would decide these requests differently from API Gateway", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("GetLegacy AuthorizationType: AWS_IAM authorization is not emulated", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ListItems AuthorizationType: AWS_IAM authorization is not emulated", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(ServeSandbox.Ready, result.Stderr, StringComparison.Ordinal);
    }

    private string CopyShop()
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Templates", "shop");
        string target = Path.Combine(_sandbox.Folder.Path, "shop");
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return Path.Combine(target, "Shop.template.json");
    }

    private async Task<(HttpStatusCode, string)> GetAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Content = new StringContent(string.Empty) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }

        using HttpResponseMessage response = await _sandbox.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("--api", "http", "--api and --authorizer-response choose the built-in API; with --template the template says what the API is")]
    [InlineData("--template-api", "Shop", "--template-api goes with --template")]
    public async Task ServeTemplate_RefusesOptionsOfTheOtherMode(string option, string value, string message)
    {
        string[] args = option == "--template-api"
            ? ["serve", option, value, "--port", "0", "--data", _sandbox.Folder.Data]
            : ["serve", "--template", CopyShop(), option, value, "--port", "0", "--data", _sandbox.Folder.Data];

        CliResult result = await CliProcess.RunAsync(_sandbox.Folder.Path, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(ServeSandbox.Ready, result.Stderr, StringComparison.Ordinal);
    }
}
