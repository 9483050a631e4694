using System.Text.Json;
using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// The one mapping between <see cref="TokenRecord"/> and its stored forms: a DynamoDB item
/// (<c>token</c> S, <c>principalId</c> S, <c>scopes</c> SS omitted when empty, <c>expiresAt</c> N)
/// and the file store's JSON object with the same attribute names. Both stores validate and
/// read through it, so a record means the same in either.
/// </summary>
internal static class TokenItem
{
    internal const string Role = "token";

    /// <summary>Rejects a record no store may write; the messages never hold the values.</summary>
    internal static void Validate(TokenRecord record)
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
    }

    /// <summary>True for 64 lowercase hex characters, which also makes the value safe as a file name.</summary>
    internal static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(static c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>The DynamoDB key of a token; every store that reads or deletes by hash builds it here.</summary>
    /// <exception cref="ArgumentException"><paramref name="tokenHash"/> is null or empty.</exception>
    internal static Dictionary<string, AttributeValue> Key(string tokenHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        return new(1, StringComparer.Ordinal) { [TableSchema.TokenKey] = AttributeValue.FromString(tokenHash) };
    }

    /// <summary>The DynamoDB item of a validated record.</summary>
    internal static Dictionary<string, AttributeValue> ToAttributes(TokenRecord record)
    {
        var item = new Dictionary<string, AttributeValue>(4, StringComparer.Ordinal)
        {
            [TableSchema.TokenKey] = AttributeValue.FromString(record.TokenHash),
            [TableSchema.TokenPrincipalId] = AttributeValue.FromString(record.PrincipalId),
        };
        // A string set cannot be empty or hold duplicates: dedupe, and leave it out when empty.
        var scopes = record.Scopes.Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length > 0)
        {
            item[TableSchema.TokenScopes] = AttributeValue.FromStringSet(scopes);
        }

        if (record.ExpiresAt is { } expiresAt)
        {
            item[TableSchema.TokenExpiresAt] = AttributeValue.FromNumber(expiresAt);
        }

        return item;
    }

    /// <summary>
    /// A listed DynamoDB item as a token or, when it does not map to one, as a damaged entry
    /// labelled by <paramref name="tableName"/> and its key's prefix, so listing goes on.
    /// </summary>
    internal static TokenListEntry ToListEntry(IReadOnlyDictionary<string, AttributeValue> item, string tableName)
    {
        try
        {
            return new TokenListEntry(FromAttributes(item));
        }
        catch (CorruptItemException ex)
        {
            var hash = item.GetValueOrDefault(TableSchema.TokenKey)?.AsString();
            var label = $"{tableName} item {(hash is null ? "(no key)" : hash.Length > 8 ? hash[..8] + "\u2026" : hash)}";
            return new TokenListEntry(new DamagedItem(label, hash, $"{label}: {DurableFile.WithoutHashes(ex.Message)}"));
        }
    }

    /// <summary>Maps a DynamoDB item to a record, rejecting anything missing or mistyped.</summary>
    internal static TokenRecord FromAttributes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var tokenHash = item.GetValueOrDefault(TableSchema.TokenKey)?.AsString();
        if (string.IsNullOrEmpty(tokenHash))
        {
            throw CorruptItemException.BadAttribute(Role, TableSchema.TokenKey, "S");
        }

        var principalId = item.GetValueOrDefault(TableSchema.TokenPrincipalId)?.AsString();
        if (string.IsNullOrEmpty(principalId))
        {
            throw CorruptItemException.BadAttribute(Role, TableSchema.TokenPrincipalId, "non-empty S");
        }

        return new TokenRecord(tokenHash, principalId, ScopesFromAttributes(item), ExpiresAtFromAttributes(item));
    }

    /// <summary>Writes a validated record's properties (scopes as a set, like DynamoDB's).</summary>
    internal static void WriteJson(Utf8JsonWriter writer, TokenRecord record)
    {
        writer.WriteString(TableSchema.TokenKey, record.TokenHash);
        writer.WriteString(TableSchema.TokenPrincipalId, record.PrincipalId);
        writer.WriteStartArray(TableSchema.TokenScopes);
        foreach (var scope in record.Scopes.Distinct(StringComparer.Ordinal))
        {
            writer.WriteStringValue(scope);
        }

        writer.WriteEndArray();
        if (record.ExpiresAt is { } expiresAt)
        {
            writer.WriteNumber(TableSchema.TokenExpiresAt, expiresAt);
        }
    }

    /// <summary>Reads a file's object; its hash must equal the one in the file name.</summary>
    internal static TokenRecord FromJson(JsonElement item, string fileHash)
    {
        var tokenHash = FileItemJson.RequiredString(item, Role, TableSchema.TokenKey);
        if (tokenHash != fileHash)
        {
            throw CorruptItemException.BadAttribute(Role, TableSchema.TokenKey, "the hash in the file name");
        }

        var principalId = FileItemJson.RequiredString(item, Role, TableSchema.TokenPrincipalId, nonEmpty: true);
        return new TokenRecord(tokenHash, principalId, ScopesFromJson(item), ExpiresAtFromJson(item));
    }

    private static IReadOnlyList<string> ScopesFromAttributes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var scopes = item.GetValueOrDefault(TableSchema.TokenScopes);
        switch (scopes?.Kind)
        {
            case null or AttributeValueKind.Null:
                return [];
            case AttributeValueKind.SS:
                return scopes.StringSet!;
            case AttributeValueKind.L:
                var list = new string[scopes.List!.Count];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = scopes.List[i].AsString() ?? throw CorruptItemException.BadAttribute(Role, TableSchema.TokenScopes, "SS or L of S");
                }

                return list;
            default:
                throw CorruptItemException.BadAttribute(Role, TableSchema.TokenScopes, "SS or L of S");
        }
    }

    private static long? ExpiresAtFromAttributes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var expiresAt = item.GetValueOrDefault(TableSchema.TokenExpiresAt);
        if (expiresAt is null || expiresAt.Kind == AttributeValueKind.Null)
        {
            return null;
        }

        return expiresAt.AsInt64() ?? throw CorruptItemException.BadAttribute(Role, TableSchema.TokenExpiresAt, "integral N");
    }

    private static string[] ScopesFromJson(JsonElement item)
    {
        if (FileItemJson.IsAbsent(item, TableSchema.TokenScopes, out var scopes))
        {
            return [];
        }

        if (scopes.ValueKind != JsonValueKind.Array)
        {
            throw CorruptItemException.BadAttribute(Role, TableSchema.TokenScopes, "array of strings");
        }

        var list = new string[scopes.GetArrayLength()];
        var i = 0;
        foreach (var scope in scopes.EnumerateArray())
        {
            list[i++] = scope.ValueKind == JsonValueKind.String
                ? scope.GetString()!
                : throw CorruptItemException.BadAttribute(Role, TableSchema.TokenScopes, "array of strings");
        }

        return list;
    }

    private static long? ExpiresAtFromJson(JsonElement item)
    {
        if (FileItemJson.IsAbsent(item, TableSchema.TokenExpiresAt, out var expiresAt))
        {
            return null;
        }

        return expiresAt.ValueKind == JsonValueKind.Number && expiresAt.TryGetInt64(out var seconds)
            ? seconds
            : throw CorruptItemException.BadAttribute(Role, TableSchema.TokenExpiresAt, "integral number");
    }
}
