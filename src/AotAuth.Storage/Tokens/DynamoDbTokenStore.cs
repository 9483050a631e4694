using System.Runtime.CompilerServices;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="ITokenStore"/> on a DynamoDB table with partition key <c>token</c> (S, the hash)
/// and attributes <c>principalId</c> (S), <c>scopes</c> (SS, omitted when empty; L of S also
/// read) and <c>expiresAt</c> (N, epoch seconds, optional; the table's TTL attribute).
/// </summary>
public sealed class DynamoDbTokenStore : ITokenStore
{
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
    public Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken) =>
        GetAsync(tokenHash, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The budget bounds the client's call itself: no timer.</remarks>
    public async Task<TokenRecord?> GetAsync(string tokenHash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var item = await _client.GetItemAsync(_tableName, TokenItem.Key(tokenHash), consistentRead: true, timeout, cancellationToken).ConfigureAwait(false);
        return item is null ? null : TokenItem.FromAttributes(item);
    }

    /// <inheritdoc />
    public Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        TokenItem.Validate(record);
        return _client.PutItemAsync(_tableName, TokenItem.ToAttributes(record), condition: null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var old = await _client.DeleteItemAsync(_tableName, TokenItem.Key(tokenHash), cancellationToken).ConfigureAwait(false);
        return old is not null;
    }

    /// <inheritdoc />
    /// <remarks>Pages through a Scan (eventually consistent). A corrupt item ends the enumeration with <see cref="CorruptItemException"/>.</remarks>
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return TokenItem.FromAttributes(item);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages through a Scan (eventually consistent). An item that does not map to a token is a
    /// damaged entry labelled by the table and its key's prefix; a Scan error still ends the
    /// enumeration (the table, not an item, is unusable then).
    /// </remarks>
    public async IAsyncEnumerable<TokenListEntry> ListEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return TokenItem.ToListEntry(item, _tableName);
        }
    }

    // Every item of the table, page after page.
    private async IAsyncEnumerable<IReadOnlyDictionary<string, AttributeValue>> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await _client.ScanAsync(_tableName, _scanPageSize, startKey, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is not null);
    }
}
