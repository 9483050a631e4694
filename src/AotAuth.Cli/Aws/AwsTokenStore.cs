using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using AotAuth.Core.Contracts;
using AotAuth.Storage;
using Lean = AotAuth.Storage.AttributeValue;

namespace AotAuth.Cli.Aws;

/// <summary>
/// <see cref="ITokenStore"/> on a real DynamoDB table through AWSSDK.DynamoDBv2: the same items
/// the authorizer reads (built and read by the project's one token mapping, <c>TokenItem</c>),
/// written by the SDK so the operator's standard AWS configuration applies. Only the CLI uses
/// it; the functions keep the lean client (docs/performance.md, "Cold start on AWS").
/// </summary>
internal sealed class AwsTokenStore(IAmazonDynamoDB client, string tableName) : ITokenStore
{
    /// <summary>The table this store writes.</summary>
    public string TableName { get; } = tableName;

    /// <inheritdoc />
    public async Task<TokenRecord?> GetAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var response = await Call(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            Key = SdkAttributeValues.ToSdk(TokenItem.Key(tokenHash)),
            ConsistentRead = true,
        }, cancellationToken));
        return response.Item is { Count: > 0 } item ? TokenItem.FromAttributes(SdkAttributeValues.FromSdk(item)) : null;
    }

    /// <inheritdoc />
    public async Task PutAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        TokenItem.Validate(record);
        await Call(() => client.PutItemAsync(new PutItemRequest
        {
            TableName = TableName,
            Item = SdkAttributeValues.ToSdk(TokenItem.ToAttributes(record)),
        }, cancellationToken));
    }

    /// <summary>
    /// Writes a new token only if no item has its hash (<c>attribute_not_exists</c> on the key),
    /// so <c>token create</c> never replaces a token, whatever the odds of a collision.
    /// </summary>
    public async Task CreateAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        TokenItem.Validate(record);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = TableName,
                Item = SdkAttributeValues.ToSdk(TokenItem.ToAttributes(record)),
                ConditionExpression = "attribute_not_exists(#k)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#k"] = TableSchema.TokenKey },
            }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new InvalidOperationException($"a token with hash {record.TokenHash[..12]}... already exists in {TableName}; nothing was written");
        }
        catch (AmazonServiceException ex)
        {
            throw Describe(ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var response = await Call(() => client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = TableName,
            Key = SdkAttributeValues.ToSdk(TokenItem.Key(tokenHash)),
            ReturnValues = ReturnValue.ALL_OLD,
        }, cancellationToken));
        return response.Attributes is { Count: > 0 };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TokenRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ScanAsync(cancellationToken))
        {
            yield return TokenItem.FromAttributes(item);
        }
    }

    /// <inheritdoc />
    /// <remarks>As the lean client's store: an item that is not a readable token is a damaged entry, and listing goes on.</remarks>
    public async IAsyncEnumerable<TokenListEntry> ListEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ScanAsync(cancellationToken))
        {
            yield return TokenItem.ToListEntry(item, TableName);
        }
    }

    // Every item of the table, page after page, in the lean client's attribute values.
    private async IAsyncEnumerable<Dictionary<string, Lean>> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>? startKey = null;
        do
        {
            var page = await Call(() => client.ScanAsync(new ScanRequest { TableName = TableName, ExclusiveStartKey = startKey }, cancellationToken));
            foreach (var item in page.Items ?? [])
            {
                yield return SdkAttributeValues.FromSdk(item);
            }

            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
    }

    // The SDK's errors become the CLI's one-line errors, naming the DynamoDB error code
    // (AccessDeniedException, ResourceNotFoundException, ...) the operator can act on.
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException ex)
        {
            throw Describe(ex);
        }
        catch (AmazonClientException ex)
        {
            // No answer from DynamoDB (network, credentials that expired mid-command): the first line says why.
            throw new InvalidOperationException($"DynamoDB: {ex.Message.Split('\n')[0].Trim()}", ex);
        }
    }

    private static InvalidOperationException Describe(AmazonServiceException ex) =>
        new($"DynamoDB: {ex.ErrorCode ?? ex.GetType().Name}: {ex.Message}", ex);
}
