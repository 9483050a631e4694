using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary>
/// A damaged token or user file in the embedded store never blocks a command: <c>token list</c>
/// lists the others and names the file, <c>token revoke</c> removes it by its hash prefix, and
/// <c>serve</c> starts, says what is damaged and fails closed for that token only.
/// </summary>
public sealed partial class CliDamagedStoreTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose()
    {
        _temp.Dispose();
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex FullHash();

    [Fact]
    public async Task TokenList_WithADamagedTokenFile_ListsTheOthersNamesTheFileAndExitsZero()
    {
        string alice = await CreateAsync("alice");
        string bob = await CreateAsync("bob");
        Damage(bob, "garbage");

        CliResult list = await CliProcess.RunAsync(_temp.Path, "token", "list", "--data", _temp.Data);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(CliProcess.Lines(list.Stdout), line => line.StartsWith(Hash(alice)[..12], StringComparison.Ordinal) && line.Contains("alice", StringComparison.Ordinal));
        Assert.DoesNotContain("bob", list.Stdout, StringComparison.Ordinal);
        string damagedLine = Assert.Single(CliProcess.Lines(list.Stderr), line => line.Contains("damaged", StringComparison.Ordinal) && !line.Contains("1 token(s)", StringComparison.Ordinal));
        Assert.Contains($"tokens/{Hash(bob)[..8]}\u2026.json", damagedLine, StringComparison.Ordinal);
        Assert.Contains(_temp.Data, damagedLine, StringComparison.Ordinal);
        Assert.Contains($" token revoke {Hash(bob)[..8]} removes it", damagedLine, StringComparison.Ordinal);
        Assert.DoesNotContain("`", damagedLine, StringComparison.Ordinal);
        Assert.False(FullHash().IsMatch(list.Stdout + list.Stderr), list.ToString());
    }

    [Fact]
    public async Task TokenRevoke_ByHashPrefix_RemovesADamagedEntryAndKeepsTheOthers()
    {
        string alice = await CreateAsync("alice");
        string bob = await CreateAsync("bob");
        Damage(bob, "{\"token\":");

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, Hash(bob)[..8]);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains("damaged", revoke.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(TokenFile(bob)));
        Assert.NotNull(await new FileTokenStore(_temp.Data).GetAsync(Hash(alice), CancellationToken.None));
        CliResult list = await CliProcess.RunAsync(_temp.Path, "token", "list", "--data", _temp.Data);
        Assert.True(list.ExitCode == 0 && !list.Stderr.Contains("damaged", StringComparison.Ordinal), list.ToString());
    }

    [Fact]
    public async Task TokenRevoke_ByTheTokenItself_RemovesItsDamagedEntry()
    {
        string bob = await CreateAsync("bob");
        Damage(bob, "[]");

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, bob);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.False(File.Exists(TokenFile(bob)));
        Assert.DoesNotContain(bob, revoke.Stdout + revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithADamagedTokenAndUserFile_StartsReportsBothAndFailsClosedForThatTokenOnly()
    {
        string alice = await CreateAsync("alice");
        string bob = await CreateAsync("bob");
        Damage(bob, "not json");
        string usersFolder = Path.Combine(_temp.Data, "users");
        Directory.CreateDirectory(usersFolder);
        string userFile = Path.Combine(usersFolder, Hash("u-1") + ".json");
        File.WriteAllText(userFile, "{\"id\":");
        int port = CliFunctionProcesses.FreePort();

        using CliProcess serve = CliProcess.Start(["serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", _temp.Data], _temp.Path);
        await serve.WaitForStderrAsync(ServeSandbox.Ready, TimeSpan.FromSeconds(120));

        string[] lines = CliProcess.Lines(serve.Stderr);
        Assert.Contains(lines, line => line.Contains("damaged", StringComparison.Ordinal) && line.Contains($"tokens/{Hash(bob)[..8]}\u2026.json", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("damaged", StringComparison.Ordinal) && line.Contains($"users/{Path.GetFileName(userFile)[..8]}\u2026.json", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("1 token(s) in the store", StringComparison.Ordinal));
        // Run from a build in the clone, where `aotauth` is not installed: the form that works here, without Markdown.
        string create = Assert.Single(lines, line => line.Contains(" token create --data", StringComparison.Ordinal));
        Assert.StartsWith("  dotnet run --project ", create, StringComparison.Ordinal);
        Assert.DoesNotContain("`", create, StringComparison.Ordinal);
        Assert.DoesNotContain("No tokens yet", serve.Stderr, StringComparison.Ordinal);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string baseUrl = $"http://127.0.0.1:{port}";
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(http, HttpMethod.Put, $"{baseUrl}/user", alice, """{"id":"u-2","name":"Ada"}"""));
        Assert.Equal(HttpStatusCode.InternalServerError, await SendAsync(http, HttpMethod.Get, $"{baseUrl}/user/u-1", alice, null));
        HttpStatusCode withDamaged = await SendAsync(http, HttpMethod.Get, $"{baseUrl}/user/u-2", bob, null);
        Assert.True(withDamaged is HttpStatusCode.InternalServerError, $"a damaged token answered {withDamaged}, not 500");
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(http, HttpMethod.Put, $"{baseUrl}/user", alice, """{"id":"u-1","name":"Grace"}"""));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(http, HttpMethod.Get, $"{baseUrl}/user/u-1", alice, null));
    }

    private async Task<string> CreateAsync(string principal)
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path,
            "token", "create", "--data", _temp.Data, "--principal", principal, "--scope", "GET /user/*", "--scope", "PUT /user");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    private void Damage(string token, string content) => File.WriteAllText(TokenFile(token), content);

    private string TokenFile(string token) => Path.Combine(_temp.Data, "tokens", Hash(token) + ".json");

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string url, string token, string? json)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Authorization", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
