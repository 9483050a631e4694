namespace AotAuth.Storage;

/// <summary>
/// <see cref="IUserStore"/> on a DynamoDB table with partition key <c>id</c> (S) and attributes
/// <c>name</c>, <c>updatedBy</c> and <c>updatedAt</c> (all S).
/// </summary>
public sealed class DynamoDbUserStore : IUserStore
{
    private readonly DynamoDbClient _client;
    private readonly string _tableName;

    /// <summary>Creates a store on a table.</summary>
    /// <param name="client">The shared client.</param>
    /// <param name="tableName">The user table.</param>
    public DynamoDbUserStore(DynamoDbClient client, string tableName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _client = client;
        _tableName = tableName;
    }

    /// <inheritdoc />
    /// <remarks>One PutItem: the whole record is replaced atomically.</remarks>
    public Task PutAsync(User user, CancellationToken cancellationToken) =>
        PutAsync(user, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The budget bounds the client's call itself: no timer.</remarks>
    public Task PutAsync(User user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        UserItem.Validate(user);
        return _client.PutItemAsync(_tableName, UserItem.ToAttributes(user), condition: null, timeout, cancellationToken);
    }

    /// <inheritdoc />
    public Task<User?> GetAsync(string id, CancellationToken cancellationToken) =>
        GetAsync(id, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The budget bounds the client's call itself: no timer.</remarks>
    public async Task<User?> GetAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Strongly consistent, so a read right after a write sees it.
        var item = await _client.GetItemAsync(_tableName, UserItem.Key(id), consistentRead: true, timeout, cancellationToken).ConfigureAwait(false);
        return item is null ? null : UserItem.FromAttributes(item);
    }
}
