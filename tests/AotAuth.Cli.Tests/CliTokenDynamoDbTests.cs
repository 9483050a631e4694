using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using System.Security.Cryptography;
using System.Text;
using AotAuth.Storage;

namespace AotAuth.Cli.Tests;

/// <summary>The token commands against DynamoDB Local (AOTAUTH_DYNAMODB_ENDPOINT, started by scripts/test.sh).</summary>
public sealed class CliTokenDynamoDbTests : IDisposable
{
    private readonly CliTempFolder _temp = new();
    private readonly string _table = "cli-test-" + Guid.NewGuid().ToString("N");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TokenCommands_AgainstDynamoDbLocal_CreateListAndRevokeRoundTrip()
    {
        CliResult create = await RunAsync("create", "--principal", "carol", "--scope", "PUT /user", "--expires", "12h");
        Assert.True(create.ExitCode == 0, create.ToString());
        string token = create.Stdout.Trim();
        Assert.Equal(32, token.Length);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.Contains(_table, create.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Data), "with --dynamodb-endpoint the embedded store must stay untouched");

        using DynamoDbClient client = DynamoDbLocal.CreateClient();
        var store = new DynamoDbTokenStore(client, _table);
        TokenRecord? stored = await store.GetAsync(hash, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("carol", stored.PrincipalId);
        Assert.InRange(stored.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddHours(12).ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.AddHours(12).ToUnixTimeSeconds() + 1);

        CliResult list = await RunAsync("list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(CliProcess.Lines(list.Stdout), line => line.StartsWith(hash[..12], StringComparison.Ordinal) && line.Contains("carol", StringComparison.Ordinal));
        Assert.DoesNotContain(token, list.Stdout + list.Stderr, StringComparison.Ordinal);

        CliResult revoke = await RunAsync("revoke", hash[..10]);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());

        CliResult after = await RunAsync("list");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.DoesNotContain(hash[..12], after.Stdout, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(hash, CancellationToken.None));

        CliResult again = await RunAsync("revoke", token);
        Assert.True(again.ExitCode != 0, "revoking a revoked token must fail\n" + again);
    }

    [Fact]
    public async Task TokenRevoke_OnDynamoDbLocal_StatesHowLongCachesMayStillAcceptTheToken_WithTheDeployedNumbers()
    {
        CliResult create = await RunAsync("create", "--principal", "alice", "--scope", "PUT /user");
        Assert.True(create.ExitCode == 0, create.ToString());

        CliResult revoke = await RunAsync("revoke", create.Stdout.Trim());

        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        // The numbers come from their definitions: the API's authorizer result TTL, the
        // authorizer's decision cache TTL the stack deploys, its store budget and timeout...
        int resultTtl = AotAuthApi.Definition.Authorizer.ResultTtlSeconds;
        int decisionTtl = AuthorizerCaching.DefaultDecisionCacheTtlSeconds;
        Assert.Contains($"up to {AuthorizerCaching.RevocationBoundSeconds} s", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains($"for {resultTtl} s", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains($"its decision cache, {decisionTtl} s", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("CACHE_TTL_SECONDS", revoke.Stderr, StringComparison.Ordinal);
        Assert.Contains("aotauth serve", revoke.Stderr, StringComparison.Ordinal);
        // ...which today make 300 + 60 + 2.5 + 3 = 366 s in docs/token-table.md ("Revocation and expiry"): change it with them.
        Assert.Equal((300, 60), (resultTtl, decisionTtl));
        Assert.Contains("up to 366 s", revoke.Stderr, StringComparison.Ordinal);
    }


    private Task<CliResult> RunAsync(string subcommand, params string[] args) =>
        CliProcess.RunAsync(_temp.Path,
            ["token", subcommand, "--data", _temp.Data, "--dynamodb-endpoint", DynamoDbLocal.Endpoint, "--table", _table, .. args]);
}
