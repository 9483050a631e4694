using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>
/// What <c>serve</c> finds in its store before it starts: how many tokens can be read, and the
/// damaged tokens and user files, which it reports and then serves around (each fails closed
/// for its own token or user only).
/// </summary>
internal sealed record StoreSurvey(int TokenCount, IReadOnlyList<DamagedItem> DamagedTokens, IReadOnlyList<DamagedItem> DamagedUsers)
{
    /// <summary>Entries read at most: a start must not scan a large (real DynamoDB) table to the end.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>Reads the token entries (up to <see cref="MaxEntries"/>), and for the embedded store every user file.</summary>
    public static async Task<StoreSurvey> TakeAsync(StoreLocation location, ITokenStore tokens, CancellationToken ct)
    {
        int count = 0;
        var damagedTokens = new List<DamagedItem>();
        await foreach (TokenListEntry entry in tokens.ListEntriesAsync(ct))
        {
            if (count + damagedTokens.Count == MaxEntries)
            {
                break;
            }

            if (entry.Damaged is { } damaged)
            {
                damagedTokens.Add(damaged);
            }
            else
            {
                count++;
            }
        }

        // Only the embedded store is scanned for users: a DynamoDB user table may be large, and a
        // damaged item there fails only its own requests all the same.
        var damagedUsers = new List<DamagedItem>();
        if (location.Kind == StoreKind.File)
        {
            await foreach (DamagedItem damaged in new FileUserStore(location.DataDirectory).ListDamagedAsync(ct))
            {
                damagedUsers.Add(damaged);
            }
        }

        return new StoreSurvey(count, damagedTokens, damagedUsers);
    }

    /// <summary>One line per damaged item, tokens first, each sorted by label.</summary>
    public IEnumerable<string> DamageLines(StoreLocation location) =>
        DamagedTokens.OrderBy(d => d.Label, StringComparer.Ordinal).Select(d => DamagedEntries.TokenLine(d, location))
            .Concat(DamagedUsers.OrderBy(d => d.Label, StringComparer.Ordinal).Select(d => DamagedEntries.UserLine(d, location)));

    /// <summary>For a start with tokens already: how many, and the commands that list them and make one for this store.</summary>
    public string TokensLine(StoreLocation location, string exampleScope = "GET /user/*")
    {
        string options = StoreArguments(location);
        string count = TokenCount + DamagedTokens.Count >= MaxEntries ? $"{TokenCount}+" : $"{TokenCount}";
        return $"{count} token(s) in the store. List them:{Environment.NewLine}  {CliName.Current} token list{options}{Environment.NewLine}" +
            $"Make one:{Environment.NewLine}  {CliName.Current} token create{options} --principal you --scope \"{exampleScope}\"";
    }

    /// <summary>The options that point a token command at <paramref name="location"/>.</summary>
    private static string StoreArguments(StoreLocation location) => location.Kind switch
    {
        StoreKind.File => $" --data {Quoted(location.DataDirectory)}",
        StoreKind.DynamoDbLocal => $" --dynamodb-endpoint {location.DynamoDbEndpoint} --table {location.TokenTable}",
        _ => $" --region {location.Region} --table {location.TokenTable}",
    };

    private static string Quoted(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '~') ? path : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
