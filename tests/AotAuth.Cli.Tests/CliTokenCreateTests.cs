using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary><c>aotauth token create</c> run as a process against the embedded store.</summary>
public sealed partial class CliTokenCreateTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TokenCreate_PrintsOnlyTheTokenOnStdout()
    {
        CliResult result = await CreateAsync("alice", "PUT /user");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(TokenLine(), result.Stdout);
        Assert.Single(CliProcess.Lines(result.Stdout));
        string token = result.Stdout.TrimEnd('\n');
        Assert.Contains("alice", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("shown once", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_StoresTheSha256AndNeverTheTokenItself()
    {
        CliResult result = await CreateAsync("alice", "PUT /user", "GET /user/*");
        Assert.True(result.ExitCode == 0, result.ToString());
        string token = result.Stdout.Trim();
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

        string[] files = Directory.GetFiles(_temp.Data, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.Contains(files, file => Path.GetFileName(file).Contains(hash, StringComparison.Ordinal) || File.ReadAllText(file).Contains(hash, StringComparison.Ordinal));
        foreach (string file in files)
        {
            Assert.DoesNotContain(token, file, StringComparison.Ordinal);
            Assert.DoesNotContain(token, Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }

        TokenRecord? record = await new FileTokenStore(_temp.Data).GetAsync(hash, CancellationToken.None);
        Assert.NotNull(record);
        Assert.Equal("alice", record.PrincipalId);
        Assert.Equal(["GET /user/*", "PUT /user"], record.Scopes.Order(StringComparer.Ordinal));
        Assert.Null(record.ExpiresAt);
    }

    [Fact]
    public async Task TokenCreate_TwiceGivesTwoDifferentTokens()
    {
        CliResult first = await CreateAsync("alice", "PUT /user");
        CliResult second = await CreateAsync("alice", "PUT /user");

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.NotEqual(first.Stdout.Trim(), second.Stdout.Trim());
        Assert.Equal(2, Directory.GetFiles(_temp.Data, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task TokenCreate_WithExpires30d_SetsExpiresAtAboutThirtyDaysAhead()
    {
        long before = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        CliResult result = await CliProcess.RunAsync(_temp.Path,
            "token", "create", "--data", _temp.Data, "--principal", "alice", "--scope", "GET /user/*", "--expires", "30d");
        long after = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();

        Assert.True(result.ExitCode == 0, result.ToString());
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.Stdout.Trim())));
        TokenRecord? record = await new FileTokenStore(_temp.Data).GetAsync(hash, CancellationToken.None);
        Assert.NotNull(record);
        Assert.NotNull(record.ExpiresAt);
        Assert.InRange(record.ExpiresAt.Value, before - 2, after + 2);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--principal", "alice", "--scope", "PUT /user", "--expires", "5x"], "--expires" },
        { ["--principal", "alice", "--scope", "FETCH /x"], "FETCH /x" },
        { ["--scope", "PUT /user"], "--principal" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task TokenCreate_WithBadInput_FailsWithAMessageOnStderrAndNothingOnStdout(string[] options, string named)
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path, ["token", "create", "--data", _temp.Data, .. options]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(named, result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length == 0, $"stdout should be empty but was:\n{result.Stdout}");
        Assert.False(
            Directory.Exists(_temp.Data) && Directory.EnumerateFiles(_temp.Data, "*", SearchOption.AllDirectories).Any(),
            "a rejected create must not store a token");
    }

    private Task<CliResult> CreateAsync(string principal, params string[] scopes) =>
        CliProcess.RunAsync(_temp.Path,
            ["token", "create", "--data", _temp.Data, "--principal", principal, .. scopes.SelectMany(s => new[] { "--scope", s })]);

    [GeneratedRegex(@"\A[A-Za-z0-9]{32}\n\z")]
    private static partial Regex TokenLine();
}
