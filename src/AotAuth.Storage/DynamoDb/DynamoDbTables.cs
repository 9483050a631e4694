using AotAuth.Core.Contracts;

namespace AotAuth.Storage;

/// <summary>
/// Creates the tables the stores expect. Meant for deployment scripts, local setup and tests,
/// not for the request path of a function.
/// </summary>
public static class DynamoDbTables
{
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Ensures the token table exists (partition key <c>token</c>), is ACTIVE, and has TTL on
    /// <c>expiresAt</c>. Safe to call repeatedly and concurrently.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="DynamoDbException">A call failed, or the table did not become ACTIVE within 60 s (ErrorCode Timeout).</exception>
    public static async Task EnsureTokenTableAsync(DynamoDbClient client, string tableName, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(client, tableName, TableSchema.TokenKey, cancellationToken).ConfigureAwait(false);
        await EnsureTimeToLiveAsync(client, tableName, TableSchema.TokenExpiresAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ensures the user table exists (partition key <c>id</c>) and is ACTIVE. Safe to call repeatedly.</summary>
    /// <param name="client">The client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="DynamoDbException">A call failed, or the table did not become ACTIVE within 60 s (ErrorCode Timeout).</exception>
    public static Task EnsureUserTableAsync(DynamoDbClient client, string tableName, CancellationToken cancellationToken = default) =>
        EnsureTableAsync(client, tableName, TableSchema.UserKey, cancellationToken);

    private static Task EnsureTableAsync(DynamoDbClient client, string tableName, string hashKey, CancellationToken cancellationToken) =>
        EnsureTableAsync(client, tableName, [(hashKey, "HASH", "S")], cancellationToken);

    /// <summary>Ensures a table with the key schema <paramref name="keys"/> exists and is ACTIVE (an existing one is kept as it is). Safe to call repeatedly.</summary>
    /// <param name="client">The client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="keys">The key attributes: name, <c>HASH</c>/<c>RANGE</c>, and <c>S</c>/<c>N</c>/<c>B</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="DynamoDbException">A call failed, or the table did not become ACTIVE within 60 s (ErrorCode Timeout).</exception>
    public static async Task EnsureTableAsync(DynamoDbClient client, string tableName, IReadOnlyList<(string Name, string KeyType, string AttributeType)> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        try
        {
            await client.CreateTableAsync(tableName, keys, cancellationToken).ConfigureAwait(false);
        }
        catch (DynamoDbException ex) when (ex.ErrorCode == "ResourceInUseException")
        {
            // Already exists (or is being created by someone else): wait for it below.
        }

        var deadline = DateTimeOffset.UtcNow + ActiveTimeout;
        while (true)
        {
            var description = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (description.TableStatus == "ACTIVE")
            {
                return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new DynamoDbException(
                    DynamoDbException.TimeoutCode,
                    $"Table '{tableName}' is still {description.TableStatus} after {ActiveTimeout.TotalSeconds:0} s.",
                    null,
                    true);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task EnsureTimeToLiveAsync(DynamoDbClient client, string tableName, string attribute, CancellationToken cancellationToken)
    {
        var (status, currentAttribute) = await client.DescribeTimeToLiveAsync(tableName, cancellationToken).ConfigureAwait(false);
        if (status is "ENABLED" or "ENABLING")
        {
            if (currentAttribute != attribute)
            {
                throw new InvalidOperationException(
                    $"Table '{tableName}' has TTL on attribute '{currentAttribute}', expected '{attribute}'.");
            }

            return;
        }

        try
        {
            await client.UpdateTimeToLiveAsync(tableName, attribute, cancellationToken).ConfigureAwait(false);
        }
        catch (DynamoDbException ex) when (ex.ErrorCode == "ValidationException" &&
                                           ex.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
        {
            // Lost a race with another caller enabling it: the goal is reached.
        }
    }
}
