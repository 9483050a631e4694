using System.Security.Cryptography;
using System.Text;
using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary><c>aotauth token list</c> and <c>token revoke</c> run as processes against the embedded store.</summary>
public sealed class CliTokenListRevokeTests : IDisposable
{
    private readonly CliTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TokenList_ShowsHashPrefixAndPrincipalOfEachToken_ButNeverTheToken()
    {
        string alice = await CreateAsync("alice");
        string bob = await CreateAsync("bob");

        CliResult list = await ListAsync();

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(CliProcess.Lines(list.Stdout), line => line.StartsWith(Hash(alice)[..12], StringComparison.Ordinal) && line.Contains("alice", StringComparison.Ordinal));
        Assert.Contains(CliProcess.Lines(list.Stdout), line => line.StartsWith(Hash(bob)[..12], StringComparison.Ordinal) && line.Contains("bob", StringComparison.Ordinal));
        foreach (string token in new[] { alice, bob })
        {
            Assert.DoesNotContain(token, list.Stdout + list.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenRevoke_ByTheToken_RemovesOnlyThatToken()
    {
        string alice = await CreateAsync("alice");
        string bob = await CreateAsync("bob");

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, alice);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.DoesNotContain(alice, revoke.Stdout + revoke.Stderr, StringComparison.Ordinal);
        CliResult list = await ListAsync();
        Assert.DoesNotContain(Hash(alice)[..12], list.Stdout, StringComparison.Ordinal);
        Assert.Contains(Hash(bob)[..12], list.Stdout, StringComparison.Ordinal);
        var store = new FileTokenStore(_temp.Data);
        Assert.Null(await store.GetAsync(Hash(alice), CancellationToken.None));
        Assert.NotNull(await store.GetAsync(Hash(bob), CancellationToken.None));
    }

    [Fact]
    public async Task TokenRevoke_WithoutARunningServe_SaysNoCacheHoldsTheToken()
    {
        string alice = await CreateAsync("alice");

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, alice);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        // The caches that could still accept it live in a running serve; with none there is none
        // (CliServeRevokeTests: with one, revoke flushes them; CliTokenDynamoDbTests: the bound).
        Assert.Contains("No `aotauth serve` is running on this store", revoke.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRevoke_ByAnEightCharacterHashPrefixFromList_RemovesTheToken()
    {
        string alice = await CreateAsync("alice");
        await CreateAsync("bob");
        string aliceLine = Assert.Single(CliProcess.Lines((await ListAsync()).Stdout), line => line.Contains("alice", StringComparison.Ordinal));
        string prefix = aliceLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0][..8];

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, prefix);

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        CliResult list = await ListAsync();
        Assert.DoesNotContain(list.Stdout.Split('\n'), line => line.Contains("alice", StringComparison.Ordinal));
        Assert.Contains("bob", list.Stdout, StringComparison.Ordinal);
        Assert.Null(await new FileTokenStore(_temp.Data).GetAsync(Hash(alice), CancellationToken.None));
    }

    [Fact]
    public async Task TokenRevoke_WithAnUnknownPrefix_FailsAndKeepsTheTokens()
    {
        string alice = await CreateAsync("alice");
        string hash = Hash(alice);
        string unknown = (hash[0] == '0' ? "1" : "0") + hash[1..10];

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, unknown);

        Assert.True(revoke.ExitCode != 0, revoke.ToString());
        Assert.Contains(unknown, revoke.Stderr, StringComparison.Ordinal);
        Assert.NotNull(await new FileTokenStore(_temp.Data).GetAsync(hash, CancellationToken.None));
    }

    [Fact]
    public async Task TokenRevoke_WithAPrefixShorterThanEightCharacters_FailsEvenWhenItMatches()
    {
        string alice = await CreateAsync("alice");
        string hash = Hash(alice);

        CliResult revoke = await CliProcess.RunAsync(_temp.Path, "token", "revoke", "--data", _temp.Data, hash[..7]);

        Assert.True(revoke.ExitCode != 0, revoke.ToString());
        Assert.Contains("8", revoke.Stderr, StringComparison.Ordinal);
        Assert.NotNull(await new FileTokenStore(_temp.Data).GetAsync(hash, CancellationToken.None));
        Assert.Contains(hash[..12], (await ListAsync()).Stdout, StringComparison.Ordinal);
    }

    private async Task<string> CreateAsync(string principal)
    {
        CliResult result = await CliProcess.RunAsync(_temp.Path,
            "token", "create", "--data", _temp.Data, "--principal", principal, "--scope", "GET /user/*");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    private Task<CliResult> ListAsync() => CliProcess.RunAsync(_temp.Path, "token", "list", "--data", _temp.Data);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
