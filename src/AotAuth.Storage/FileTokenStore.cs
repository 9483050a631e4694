using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="ITokenStore"/> on a local folder, for running the API without a database server:
/// one file per token, <c>{dataDirectory}/tokens/{tokenHash}.json</c>, holding
/// <c>{"token":hash,"principalId":...,"scopes":[...],"expiresAt":N}</c> (<c>expiresAt</c> left
/// out for a token that does not expire). Same contract as <see cref="DynamoDbTokenStore"/>.
/// </summary>
/// <remarks>
/// A put or delete is durable when it returns (temp file, fsync, atomic rename, folder fsync);
/// readers never see a half-written file. Several processes may share the folder: the last
/// writer of a token wins. Writes block the calling thread for the fsyncs.
/// </remarks>
public sealed class FileTokenStore : ITokenStore
{
    private const string Role = "token";
    private const string Extension = ".json";

    private readonly string _folder;

    /// <summary>Creates a store in <c>{dataDirectory}/tokens</c>, creating missing folders with mode 0700.</summary>
    /// <param name="dataDirectory">The data folder shared with the other file stores.</param>
    public FileTokenStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        _folder = Path.Combine(Path.GetFullPath(dataDirectory), "tokens");
        DurableFile.PrepareFolder(_folder);
    }

    /// <inheritdoc />
    /// <remarks>A value that is not a lowercase hex SHA-256 cannot be stored, so it reads as null.</remarks>
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        if (!IsSha256Hex(tokenHash))
        {
            return null;
        }

        var path = PathOf(tokenHash);
        var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        return json is null ? null : Parse(json, tokenHash, path);
    }

    /// <inheritdoc />
    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsSha256Hex(record.TokenHash))
        {
            // The value itself is left out of the message: it may be a real token by mistake.
            throw new ArgumentException("TokenHash must be a lowercase hex SHA-256 (64 characters).", nameof(record));
        }

        ArgumentException.ThrowIfNullOrEmpty(record.PrincipalId, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Scopes, nameof(record));
        if (record.Scopes.Any(static scope => scope is null))
        {
            throw new ArgumentException("Scopes must not contain null.", nameof(record));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var json = FileItemJson.Object(record, static (writer, r) =>
        {
            writer.WriteString(DynamoDbTokenStore.KeyAttribute, r.TokenHash);
            writer.WriteString(DynamoDbTokenStore.PrincipalIdAttribute, r.PrincipalId);
            writer.WriteStartArray(DynamoDbTokenStore.ScopesAttribute);
            // Stored as a set, like DynamoDB's string set: duplicates removed.
            foreach (var scope in r.Scopes.Distinct(StringComparer.Ordinal))
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            if (r.ExpiresAt is { } expiresAt)
            {
                writer.WriteNumber(DynamoDbTokenStore.ExpiresAtAttribute, expiresAt);
            }
        });
        DurableFile.Write(PathOf(record.TokenHash), json.Span);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(IsSha256Hex(tokenHash) && DurableFile.TryDelete(PathOf(tokenHash)));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Enumerates the folder, skipping temp files and files not named like a token. A token
    /// written or deleted during the enumeration may or may not be listed. A corrupt file ends
    /// the enumeration with <see cref="CorruptItemException"/>.
    /// </remarks>
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var paths = Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*" + Extension) : [];
        foreach (var path in paths)
        {
            var tokenHash = Path.GetFileNameWithoutExtension(path);
            if (!IsSha256Hex(tokenHash) || !path.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var json = await DurableFile.ReadOrNullAsync(path, cancellationToken).ConfigureAwait(false);
            if (json is not null)
            {
                yield return Parse(json, tokenHash, path);
            }
        }
    }

    /// <summary>True for 64 lowercase hex characters, which also makes the value safe as a file name.</summary>
    internal static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(static c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private string PathOf(string tokenHash) => Path.Combine(_folder, tokenHash + Extension);

    private static TokenRecord Parse(byte[] json, string fileHash, string path) => FileItemJson.Parse(json, Role, path, item =>
    {
        var tokenHash = FileItemJson.RequiredString(item, Role, DynamoDbTokenStore.KeyAttribute);
        if (tokenHash != fileHash)
        {
            throw CorruptItemException.BadAttribute(Role, DynamoDbTokenStore.KeyAttribute, "the hash in the file name");
        }

        var principalId = FileItemJson.RequiredString(item, Role, DynamoDbTokenStore.PrincipalIdAttribute, nonEmpty: true);
        return new TokenRecord(tokenHash, principalId, ReadScopes(item), ReadExpiresAt(item));
    });

    private static string[] ReadScopes(JsonElement item)
    {
        if (FileItemJson.IsAbsent(item, DynamoDbTokenStore.ScopesAttribute, out var scopes))
        {
            return [];
        }

        if (scopes.ValueKind != JsonValueKind.Array)
        {
            throw CorruptItemException.BadAttribute(Role, DynamoDbTokenStore.ScopesAttribute, "array of strings");
        }

        var list = new string[scopes.GetArrayLength()];
        var i = 0;
        foreach (var scope in scopes.EnumerateArray())
        {
            list[i++] = scope.ValueKind == JsonValueKind.String
                ? scope.GetString()!
                : throw CorruptItemException.BadAttribute(Role, DynamoDbTokenStore.ScopesAttribute, "array of strings");
        }

        return list;
    }

    private static long? ReadExpiresAt(JsonElement item)
    {
        if (FileItemJson.IsAbsent(item, DynamoDbTokenStore.ExpiresAtAttribute, out var expiresAt))
        {
            return null;
        }

        return expiresAt.ValueKind == JsonValueKind.Number && expiresAt.TryGetInt64(out var seconds)
            ? seconds
            : throw CorruptItemException.BadAttribute(Role, DynamoDbTokenStore.ExpiresAtAttribute, "integral number");
    }
}
