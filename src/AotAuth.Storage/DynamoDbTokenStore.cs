using System.Runtime.CompilerServices;
using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="ITokenStore"/> on a DynamoDB table with partition key <c>token</c> (S, the hash)
/// and attributes <c>principalId</c> (S), <c>scopes</c> (SS, omitted when empty; L of S also
/// read) and <c>expiresAt</c> (N, epoch seconds, optional; the table's TTL attribute).
/// </summary>
public sealed class DynamoDbTokenStore : ITokenStore
{
    internal const string KeyAttribute = TableSchema.TokenKey;
    internal const string PrincipalIdAttribute = TableSchema.TokenPrincipalId;
    internal const string ScopesAttribute = TableSchema.TokenScopes;
    internal const string ExpiresAtAttribute = TableSchema.TokenExpiresAt;
    private const string TableRole = "token";

    private readonly DynamoDbClient _client;
    private readonly string _tableName;
    private readonly int? _scanPageSize;

    /// <summary>Creates a store on a table.</summary>
    /// <param name="client">The shared client.</param>
    /// <param name="tableName">The token table.</param>
    public DynamoDbTokenStore(DynamoDbClient client, string tableName)
        : this(client, tableName, scanPageSize: null)
    {
    }

    /// <summary>Creates a store on a table with a fixed Scan page size for <see cref="ListAsync"/>.</summary>
    /// <param name="client">The shared client.</param>
    /// <param name="tableName">The token table.</param>
    /// <param name="scanPageSize">Items per Scan request, or null for DynamoDB's 1 MB pages.</param>
    public DynamoDbTokenStore(DynamoDbClient client, string tableName, int? scanPageSize)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        if (scanPageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(scanPageSize));
        }

        _client = client;
        _tableName = tableName;
        _scanPageSize = scanPageSize;
    }

    /// <inheritdoc />
    /// <remarks>A strongly consistent read, so a revoked token stops working at once.</remarks>
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        var item = await _client.GetItemAsync(_tableName, Key(tokenHash), consistentRead: true, cancellationToken).ConfigureAwait(false);
        return item is null ? null : FromItem(item);
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

        var item = new Dictionary<string, AttributeValue>(4, StringComparer.Ordinal)
        {
            [KeyAttribute] = AttributeValue.FromString(record.TokenHash),
            [PrincipalIdAttribute] = AttributeValue.FromString(record.PrincipalId),
        };
        // A string set cannot be empty or hold duplicates: dedupe, and leave it out when empty.
        var scopes = record.Scopes.Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length > 0)
        {
            item[ScopesAttribute] = AttributeValue.FromStringSet(scopes);
        }

        if (record.ExpiresAt is { } expiresAt)
        {
            item[ExpiresAtAttribute] = AttributeValue.FromNumber(expiresAt);
        }

        return _client.PutItemAsync(_tableName, item, condition: null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenHash);
        var old = await _client.DeleteItemAsync(_tableName, Key(tokenHash), cancellationToken).ConfigureAwait(false);
        return old is not null;
    }

    /// <inheritdoc />
    /// <remarks>Pages through a Scan (eventually consistent). A corrupt item ends the enumeration with <see cref="CorruptItemException"/>.</remarks>
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await _client.ScanAsync(_tableName, _scanPageSize, startKey, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return FromItem(item);
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is not null);
    }

    /// <summary>Maps an item to a record, rejecting anything missing or mistyped.</summary>
    internal static TokenRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var tokenHash = item.GetValueOrDefault(KeyAttribute)?.AsString();
        if (string.IsNullOrEmpty(tokenHash))
        {
            throw CorruptItemException.BadAttribute(TableRole, KeyAttribute, "S");
        }

        var principalId = item.GetValueOrDefault(PrincipalIdAttribute)?.AsString();
        if (string.IsNullOrEmpty(principalId))
        {
            throw CorruptItemException.BadAttribute(TableRole, PrincipalIdAttribute, "non-empty S");
        }

        return new TokenRecord(tokenHash, principalId, ReadScopes(item), ReadExpiresAt(item));
    }

    private static IReadOnlyList<string> ReadScopes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var scopes = item.GetValueOrDefault(ScopesAttribute);
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
                    list[i] = scopes.List[i].AsString() ?? throw CorruptItemException.BadAttribute(TableRole, ScopesAttribute, "SS or L of S");
                }

                return list;
            default:
                throw CorruptItemException.BadAttribute(TableRole, ScopesAttribute, "SS or L of S");
        }
    }

    private static long? ReadExpiresAt(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var expiresAt = item.GetValueOrDefault(ExpiresAtAttribute);
        if (expiresAt is null || expiresAt.Kind == AttributeValueKind.Null)
        {
            return null;
        }

        return expiresAt.AsInt64() ?? throw CorruptItemException.BadAttribute(TableRole, ExpiresAtAttribute, "integral N");
    }

    private static Dictionary<string, AttributeValue> Key(string tokenHash) =>
        new(1, StringComparer.Ordinal) { [KeyAttribute] = AttributeValue.FromString(tokenHash) };

    private static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(static c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
