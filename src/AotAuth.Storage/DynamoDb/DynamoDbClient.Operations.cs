using System.Buffers;
using System.Text.Json;

namespace AotAuth.Storage;

// The DynamoDB operations: each writes its request with Utf8JsonWriter and reads only the
// response fields it needs with Utf8JsonReader.
public sealed partial class DynamoDbClient
{
    private static readonly JsonEncodedText KeyMember = JsonEncodedText.Encode("Key");
    private static readonly JsonEncodedText ItemMember = JsonEncodedText.Encode("Item");
    private static readonly Action<Utf8JsonWriter> WriteConsistentRead = static writer => writer.WriteBoolean("ConsistentRead"u8, true);
    private static readonly Action<Utf8JsonWriter> WriteReturnAllOld = static writer => writer.WriteString("ReturnValues"u8, "ALL_OLD");

    /// <summary>GetItem: reads one item by its full primary key.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="key">The primary key attributes.</param>
    /// <param name="consistentRead">True for a strongly consistent read (sees every write acknowledged before it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or null when there is none with that key.</returns>
    public Task<IReadOnlyDictionary<string, AttributeValue>?> GetItemAsync(
        string tableName, IReadOnlyDictionary<string, AttributeValue> key, bool consistentRead, CancellationToken cancellationToken) =>
        GetItemAsync(tableName, key, consistentRead, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>GetItem within <paramref name="timeout"/> (see <see cref="PutItemAsync(string, IReadOnlyDictionary{string, AttributeValue}, ConditionExpression?, TimeSpan, CancellationToken)"/>).</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="key">The primary key attributes.</param>
    /// <param name="consistentRead">True for a strongly consistent read.</param>
    /// <param name="timeout">The call's budget when below the client's own: all attempts together; infinite for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or null when there is none with that key.</returns>
    public Task<IReadOnlyDictionary<string, AttributeValue>?> GetItemAsync(
        string tableName, IReadOnlyDictionary<string, AttributeValue> key, bool consistentRead, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(key);
        var body = WriteItemRequest(tableName, KeyMember, key, consistentRead ? WriteConsistentRead : null);
        return SendAsync("GetItem", body, static (ref Utf8JsonReader r) => DynamoDbResponseReader.ReadItemMember(ref r, "Item"u8), timeout, cancellationToken);
    }

    /// <summary>PutItem: creates or replaces one item, atomically.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="item">The whole item, including its key attributes.</param>
    /// <param name="condition">A condition that must hold for the write to happen, or null. When it fails, DynamoDbException.ErrorCode is ConditionalCheckFailedException.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task PutItemAsync(
        string tableName, IReadOnlyDictionary<string, AttributeValue> item, ConditionExpression? condition, CancellationToken cancellationToken) =>
        PutItemAsync(tableName, item, condition, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// PutItem within <paramref name="timeout"/>, when that is less than the client's own budget
    /// (e.g. what is left of a Lambda invocation): running out of it throws the same
    /// <see cref="DynamoDbException"/> with <see cref="DynamoDbException.TimeoutCode"/>. With
    /// <see cref="DynamoDbClientOptions.SynchronousIo"/> this costs no timer: the budget bounds
    /// each socket operation, where a token cancelled after a delay would arm one per call.
    /// </summary>
    /// <param name="tableName">The table.</param>
    /// <param name="item">The whole item, including its key attributes.</param>
    /// <param name="condition">A condition that must hold for the write to happen, or null.</param>
    /// <param name="timeout">The call's budget when below the client's own: all attempts together; infinite for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task PutItemAsync(
        string tableName, IReadOnlyDictionary<string, AttributeValue> item, ConditionExpression? condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(item);
        var body = WriteItemRequest(tableName, ItemMember, item, condition is null ? null : writer => WriteCondition(writer, condition));
        return SendAsync<bool>("PutItem", body, parse: null, timeout, cancellationToken);
    }

    /// <summary>DeleteItem: deletes one item by its primary key, returning what was deleted.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="key">The primary key attributes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deleted item (ReturnValues ALL_OLD), or null when there was none.</returns>
    public Task<IReadOnlyDictionary<string, AttributeValue>?> DeleteItemAsync(
        string tableName, IReadOnlyDictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(key);
        var body = WriteItemRequest(tableName, KeyMember, key, WriteReturnAllOld);
        return SendAsync("DeleteItem", body, static (ref Utf8JsonReader r) => DynamoDbResponseReader.ReadItemMember(ref r, "Attributes"u8), cancellationToken);
    }

    /// <summary>Scan: reads one page of a table (eventually consistent).</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="limit">The most items to evaluate for this page, or null for DynamoDB's 1 MB page.</param>
    /// <param name="exclusiveStartKey">The previous page's <see cref="ScanPage.LastEvaluatedKey"/>, or null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ScanPage> ScanAsync(
        string tableName, int? limit, IReadOnlyDictionary<string, AttributeValue>? exclusiveStartKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        if (limit is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(l, 1, nameof(limit));
        }

        var body = Write(writer =>
        {
            writer.WriteString("TableName"u8, tableName);
            if (limit is { } pageLimit)
            {
                writer.WriteNumber("Limit"u8, pageLimit);
            }

            if (exclusiveStartKey is not null)
            {
                writer.WritePropertyName("ExclusiveStartKey"u8);
                AttributeValueJson.WriteItem(writer, exclusiveStartKey);
            }
        });
        return SendAsync("Scan", body, static (ref Utf8JsonReader r) => DynamoDbResponseReader.ReadScanPage(ref r), cancellationToken);
    }

    /// <summary>CreateTable: an on-demand (PAY_PER_REQUEST) table with a string partition key.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="hashKeyName">The partition key attribute (type S).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Fails with ErrorCode ResourceInUseException when the table exists. The table starts in CREATING.</remarks>
    public Task CreateTableAsync(string tableName, string hashKeyName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hashKeyName);
        return CreateTableAsync(tableName, [(hashKeyName, "HASH", "S")], cancellationToken);
    }

    /// <summary>CreateTable: an on-demand (PAY_PER_REQUEST) table with the given key schema.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="keys">The key attributes: name, key type (<c>HASH</c> or <c>RANGE</c>) and attribute type (<c>S</c>, <c>N</c>, <c>B</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Fails with ErrorCode ResourceInUseException when the table exists. The table starts in CREATING.</remarks>
    public Task CreateTableAsync(string tableName, IReadOnlyList<(string Name, string KeyType, string AttributeType)> keys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentNullException.ThrowIfNull(keys);
        var body = Write(writer =>
        {
            writer.WriteString("TableName"u8, tableName);
            WriteKeys(writer, "AttributeDefinitions"u8, "AttributeType"u8, keys, k => k.AttributeType);
            WriteKeys(writer, "KeySchema"u8, "KeyType"u8, keys, k => k.KeyType);
            writer.WriteString("BillingMode"u8, "PAY_PER_REQUEST");
        });
        return SendAsync("CreateTable", body, cancellationToken);
    }

    /// <summary>One of CreateTable's key lists: each key's name and <paramref name="field"/>.</summary>
    private static void WriteKeys(
        Utf8JsonWriter writer, ReadOnlySpan<byte> list, ReadOnlySpan<byte> field,
        IReadOnlyList<(string Name, string KeyType, string AttributeType)> keys, Func<(string Name, string KeyType, string AttributeType), string> value)
    {
        writer.WriteStartArray(list);
        foreach (var key in keys)
        {
            writer.WriteStartObject();
            writer.WriteString("AttributeName"u8, key.Name);
            writer.WriteString(field, value(key));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>DescribeTable: the table's name and status.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>Fails with ErrorCode ResourceNotFoundException when the table does not exist.</remarks>
    public Task<TableDescription> DescribeTableAsync(string tableName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        var body = Write(writer => writer.WriteString("TableName"u8, tableName));
        return SendAsync("DescribeTable", body, static (ref Utf8JsonReader r) =>
        {
            var fields = DynamoDbResponseReader.ReadStringFields(ref r, "Table"u8, "TableName"u8, "TableStatus"u8);
            return new TableDescription(
                fields.First ?? throw new JsonException("DescribeTable response has no TableName."),
                fields.Second ?? throw new JsonException("DescribeTable response has no TableStatus."));
        }, cancellationToken);
    }

    /// <summary>UpdateTimeToLive: enables TTL, so DynamoDB deletes items once the attribute's epoch-seconds value has passed.</summary>
    /// <param name="tableName">The table.</param>
    /// <param name="attributeName">The TTL attribute (type N, epoch seconds).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>DynamoDB fails with ValidationException when TTL is already enabled.</remarks>
    public Task UpdateTimeToLiveAsync(string tableName, string attributeName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        var body = Write(writer =>
        {
            writer.WriteString("TableName"u8, tableName);
            writer.WriteStartObject("TimeToLiveSpecification"u8);
            writer.WriteString("AttributeName"u8, attributeName);
            writer.WriteBoolean("Enabled"u8, true);
            writer.WriteEndObject();
        });
        return SendAsync("UpdateTimeToLive", body, cancellationToken);
    }

    /// <summary>DescribeTimeToLive: the TTL status (ENABLED, ENABLING, DISABLED, DISABLING) and attribute, if any.</summary>
    internal Task<(string? Status, string? AttributeName)> DescribeTimeToLiveAsync(string tableName, CancellationToken cancellationToken)
    {
        var body = Write(writer => writer.WriteString("TableName"u8, tableName));
        return SendAsync("DescribeTimeToLive", body, static (ref Utf8JsonReader r) =>
            DynamoDbResponseReader.ReadStringFields(ref r, "TimeToLiveDescription"u8, "TimeToLiveStatus"u8, "AttributeName"u8), cancellationToken);
    }

    // The body of an item operation: the table, the key or item as `member`, then the operation's own members.
    private static ReadOnlyMemory<byte> WriteItemRequest(
        string tableName, JsonEncodedText member, IReadOnlyDictionary<string, AttributeValue> item, Action<Utf8JsonWriter>? writeMore) =>
        Write(writer =>
        {
            writer.WriteString("TableName"u8, tableName);
            writer.WritePropertyName(member);
            AttributeValueJson.WriteItem(writer, item);
            writeMore?.Invoke(writer);
        });

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteCondition(Utf8JsonWriter writer, ConditionExpression condition)
    {
        writer.WriteString("ConditionExpression"u8, condition.Expression);
        if (condition.Names is { Count: > 0 } names)
        {
            writer.WriteStartObject("ExpressionAttributeNames"u8);
            foreach (var (placeholder, name) in names)
            {
                writer.WriteString(placeholder, name);
            }

            writer.WriteEndObject();
        }

        if (condition.Values is { Count: > 0 } values)
        {
            writer.WritePropertyName("ExpressionAttributeValues"u8);
            AttributeValueJson.WriteItem(writer, values);
        }
    }
}
