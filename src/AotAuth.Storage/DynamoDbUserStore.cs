using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// <see cref="IUserStore"/> on a DynamoDB table with partition key <c>id</c> (S) and attributes
/// <c>name</c>, <c>updatedBy</c> and <c>updatedAt</c> (all S).
/// </summary>
public sealed class DynamoDbUserStore : IUserStore
{
    internal const string KeyAttribute = TableSchema.UserKey;
    private const string NameAttribute = TableSchema.UserName;
    private const string UpdatedByAttribute = TableSchema.UserUpdatedBy;
    private const string UpdatedAtAttribute = TableSchema.UserUpdatedAt;

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
    public Task PutAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id, nameof(user));
        ArgumentNullException.ThrowIfNull(user.Name, nameof(user));
        ArgumentNullException.ThrowIfNull(user.UpdatedBy, nameof(user));
        ArgumentNullException.ThrowIfNull(user.UpdatedAt, nameof(user));
        var item = new Dictionary<string, AttributeValue>(4, StringComparer.Ordinal)
        {
            [KeyAttribute] = AttributeValue.FromString(user.Id),
            [NameAttribute] = AttributeValue.FromString(user.Name),
            [UpdatedByAttribute] = AttributeValue.FromString(user.UpdatedBy),
            [UpdatedAtAttribute] = AttributeValue.FromString(user.UpdatedAt),
        };
        return _client.PutItemAsync(_tableName, item, condition: null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<User?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var key = new Dictionary<string, AttributeValue>(1, StringComparer.Ordinal) { [KeyAttribute] = AttributeValue.FromString(id) };
        // Strongly consistent, so a read right after a write sees it.
        var item = await _client.GetItemAsync(_tableName, key, consistentRead: true, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        return new User(
            Required(item, KeyAttribute),
            Required(item, NameAttribute),
            Required(item, UpdatedByAttribute),
            Required(item, UpdatedAtAttribute));
    }

    private static string Required(IReadOnlyDictionary<string, AttributeValue> item, string attribute) =>
        item.GetValueOrDefault(attribute)?.AsString() ?? throw CorruptItemException.BadAttribute("user", attribute, "S");
}
