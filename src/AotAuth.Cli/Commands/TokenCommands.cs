using System.CommandLine;
using System.Globalization;
using AotAuth.Cli.Tokens;
using AotAuth.Core;
using AotAuth.Core.Api;
using AotAuth.Core.Contracts;
using AotAuth.Gateway.Templates;
using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary><c>aotauth token create | list | revoke</c>.</summary>
internal static class TokenCommands
{
    public static Command Create()
    {
        var token = new Command("token", "Create, list and revoke API tokens (stored only as their SHA-256)");
        token.Subcommands.Add(CreateCommand());
        token.Subcommands.Add(ListCommand());
        token.Subcommands.Add(RevokeCommand());
        return token;
    }

    private static Command CreateCommand()
    {
        var store = new StoreOptions();
        var aws = new AwsOptions();
        var principal = new Option<string>("--principal") { Description = "Who the token belongs to (becomes principalId)", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "A route the token may call, e.g. \"PUT /user\" or \"GET /user/*\" (repeat for more)", Required = true, AllowMultipleArgumentsPerToken = false };
        var expires = new Option<string>("--expires") { Description = "Lifetime: 90m, 12h, 30d ... or never", DefaultValueFactory = _ => "never" };
        var force = new Option<bool>("--force") { Description = "Store scopes that reach no route of the API (see `aotauth routes`)" };
        var template = new Option<string?>("--template")
        {
            Description = "Check the scopes against the routes of this synthesized CloudFormation template (JSON) instead of the built-in API; " +
                "with --outputs, the stack's template in cdk.out is used when there is one",
        };
        var command = new Command("create", "Create a token; prints the token alone on stdout, once") { principal, scopes, expires, force, template };
        store.AddTo(command);
        aws.AddTo(command);
        command.SetAction((result, ct) => CommandErrors.Run(async () =>
        {
            string who = result.GetValue(principal)!.Trim();
            if (who.Length is 0 or > 128)
            {
                throw new InvalidOperationException("--principal must be 1 to 128 characters");
            }

            string[] scopeTexts = result.GetValue(scopes) ?? [];
            CloudFormationTemplate? routes = TemplateOf(result, template, aws);
            foreach (string scope in scopeTexts)
            {
                if (!RouteScope.TryParse(scope, out _))
                {
                    throw new InvalidOperationException($"--scope '{scope}' is not a scope: write a verb (GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or *), one space, and a path starting with / (wildcards * and ? allowed)");
                }

                if (!result.GetValue(force) && routes is not null)
                {
                    TemplateRoutes.RequireReach(scope, routes);
                }
                else if (!result.GetValue(force) && RouteScopes.Reached(scope, AotAuthApi.Definition).Count == 0)
                {
                    throw new InvalidOperationException($"--scope '{scope}' reaches no route; the routes are {string.Join(", ", AotAuthApi.Definition.Routes.Select(r => $"{r} (scope {RouteScopes.ScopeOf(r)})"))}; --force stores it anyway");
                }
            }

            if (!ExpiryParser.TryParse(result.GetValue(expires)!, out TimeSpan? lifetime, out string? error))
            {
                throw new InvalidOperationException(error);
            }

            using TokenStoreHandle opened = await TokenStoreHandle.OpenAsync(store, aws, result, ct);
            string newToken = TokenGenerator.Create();
            long? expiresAt = lifetime is TimeSpan l ? DateTimeOffset.UtcNow.Add(l).ToUnixTimeSeconds() : null;
            TokenHash hash = TokenHash.Compute(newToken);
            await opened.CreateAsync(new TokenRecord(hash.ToHex(), who, scopeTexts.Distinct().ToArray(), expiresAt), ct);
            Console.Error.WriteLine($"Created token {hash.ToLogPrefix()}... for '{who}' ({string.Join(", ", scopeTexts)}), {DescribeExpiry(expiresAt)}, in {opened.Description}.");
            Console.Error.WriteLine("It is shown once, below; only its SHA-256 is stored.");
            Console.Out.WriteLine(newToken);
        }));
        return command;
    }

    /// <summary>
    /// The template the scopes are checked against: <c>--template</c>, else the stack's template
    /// found from an explicit <c>--outputs</c> file (<see cref="Aws.StackOutputs.TemplateOrNull"/>),
    /// else null (the built-in API).
    /// </summary>
    private static CloudFormationTemplate? TemplateOf(ParseResult result, Option<string?> template, AwsOptions aws)
    {
        if (result.GetValue(template) is { } path)
        {
            return CloudFormationTemplate.Load(path);
        }

        return result.GetResult(aws.Outputs) is { Implicit: false }
            && Aws.StackOutputs.ReadOrNull(result.GetValue(aws.Outputs)!)?.TemplateOrNull() is { } found
            ? CloudFormationTemplate.Load(found)
            : null;
    }

    private static Command ListCommand()
    {
        var store = new StoreOptions();
        var aws = new AwsOptions();
        var command = new Command("list", "List tokens: hash prefix, principal, scopes, expiry (never a token)");
        store.AddTo(command);
        aws.AddTo(command);
        command.SetAction((result, ct) => CommandErrors.Run(async () =>
        {
            using TokenStoreHandle opened = await TokenStoreHandle.OpenAsync(store, aws, result, ct);
            var rows = new List<TokenRecord>();
            var damaged = new List<DamagedItem>();
            await foreach (TokenListEntry entry in opened.Tokens.ListEntriesAsync(ct))
            {
                if (entry.Record is { } record)
                {
                    rows.Add(record);
                }
                else
                {
                    damaged.Add(entry.Damaged!);
                }
            }

            Console.Out.WriteLine($"{"HASH",-14}  {"PRINCIPAL",-20}  {"EXPIRES",-26}  SCOPES");
            foreach (TokenRecord record in rows.OrderBy(r => r.PrincipalId, StringComparer.Ordinal).ThenBy(r => r.TokenHash, StringComparer.Ordinal))
            {
                Console.Out.WriteLine($"{record.TokenHash[..12],-14}  {record.PrincipalId,-20}  {DescribeExpiry(record.ExpiresAt),-26}  {string.Join(", ", record.Scopes.Order(StringComparer.Ordinal))}");
            }

            foreach (DamagedItem item in damaged.OrderBy(d => d.Label, StringComparer.Ordinal))
            {
                Console.Error.WriteLine(DamagedEntries.TokenLine(item, opened.Description));
            }

            Console.Error.WriteLine($"{rows.Count} token(s){(damaged.Count > 0 ? $" and {damaged.Count} damaged entr{(damaged.Count == 1 ? "y" : "ies")}" : "")} in {opened.Description}.");
        }));
        return command;
    }

    private static Command RevokeCommand()
    {
        var store = new StoreOptions();
        var aws = new AwsOptions();
        var target = new Argument<string>("token-or-hash-prefix") { Description = "The token itself, or at least 8 hex characters of its hash (from `token list`)" };
        var noWait = new Option<bool>("--no-wait") { Description = "On AWS: flush API Gateway's authorizer cache once, without waiting out warm authorizer instances for a second flush (states the whole bound)" };
        var decisionCacheTtl = new Option<int>("--decision-cache-ttl")
        {
            Description = $"On AWS: the authorizer's {AuthorizerCaching.DecisionCacheTtlVariable} as deployed, in seconds (the wait before the second flush depends on it)",
            DefaultValueFactory = _ => AuthorizerCaching.DefaultDecisionCacheTtlSeconds,
        };
        decisionCacheTtl.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > AuthorizerCaching.MaxDecisionCacheTtlSeconds)
            {
                r.AddError($"--decision-cache-ttl must be 0 to {AuthorizerCaching.MaxDecisionCacheTtlSeconds} seconds");
            }
        });
        var authorizerTimeout = new Option<int>("--authorizer-timeout")
        {
            Description = "On AWS: the authorizer's Lambda timeout as deployed, in seconds (the wait before the second flush depends on it)",
            DefaultValueFactory = _ => AuthorizerCaching.AuthorizerTimeoutSeconds,
        };
        authorizerTimeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 900)
            {
                r.AddError("--authorizer-timeout must be 1 to 900 seconds (Lambda's limits)");
            }
        });
        var command = new Command("revoke", "Delete a token and flush the caches that may still accept it (API Gateway's on AWS, twice; a running serve's locally)") { target, noWait, decisionCacheTtl, authorizerTimeout };
        store.AddTo(command);
        aws.AddTo(command);
        command.SetAction((result, ct) => CommandErrors.Run(async () =>
        {
            using TokenStoreHandle opened = await TokenStoreHandle.OpenAsync(store, aws, result, ct);
            ITokenStore tokens = opened.Tokens;
            string given = result.GetValue(target)!.Trim();
            (string hash, DamagedItem? damaged) = await ResolveAsync(tokens, given, ct);
            if (!await tokens.DeleteAsync(hash, ct))
            {
                throw new InvalidOperationException("that token was already gone");
            }

            Console.Error.WriteLine(damaged is null
                ? $"Revoked token {hash[..12]} in {opened.Description}."
                : $"Removed damaged token {hash[..12]} in {opened.Description} (it was: {damaged.Message})");
            var deployed = new RevocationCaches.DeployedAuthorizer(result.GetValue(decisionCacheTtl), result.GetValue(authorizerTimeout));
            await RevocationCaches.FlushAsync(opened, DateTimeOffset.UtcNow, !result.GetValue(noWait), deployed, ct);
        }));
        return command;
    }

    /// <summary>The full hash for a token or a unique hash prefix, and the damaged item it names, if it is one.</summary>
    private static async Task<(string Hash, DamagedItem? Damaged)> ResolveAsync(ITokenStore tokens, string given, CancellationToken ct)
    {
        if (TokenFormat.IsValid(given))
        {
            string hashOfToken = TokenHash.Compute(given).ToHex();
            try
            {
                if (await tokens.GetAsync(hashOfToken, ct) is not null)
                {
                    return (hashOfToken, null);
                }
            }
            catch (CorruptItemException ex)
            {
                // The token's own entry is damaged: revoking it is exactly the repair wanted.
                return (hashOfToken, new DamagedItem(hashOfToken[..8] + "\u2026", hashOfToken, ex.Message));
            }
        }

        string prefix = given.ToLowerInvariant();
        if (prefix.Length < 8 || !prefix.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidOperationException("no such token; give the token or at least 8 hex characters of its hash (see `aotauth token list`)");
        }

        var matches = new List<(string Hash, DamagedItem? Damaged)>();
        await foreach (TokenListEntry entry in tokens.ListEntriesAsync(ct))
        {
            string? hash = entry.Record?.TokenHash ?? entry.Damaged!.Hash;
            if (hash is not null && hash.StartsWith(prefix, StringComparison.Ordinal))
            {
                matches.Add((hash, entry.Damaged));
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException($"no token hash starts with {prefix}"),
            _ => throw new InvalidOperationException($"{matches.Count} token hashes start with {prefix}; give more characters"),
        };
    }

    private static string DescribeExpiry(long? expiresAt) => expiresAt switch
    {
        null => "never expires",
        long at when at <= DateTimeOffset.UtcNow.ToUnixTimeSeconds() => "expired " + DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
        long at => "expires " + DateTimeOffset.FromUnixTimeSeconds(at).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
    };
}
